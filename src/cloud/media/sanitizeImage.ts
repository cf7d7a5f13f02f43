import sharp from 'sharp';
import { AppError } from '../../domain/errors';

/** WeChat compresses photos before upload; 10 MB leaves room for an original from a good phone. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Longest side kept: enough to read a sign or see an injury, small enough for a phone to open fast. */
export const MAX_DIMENSION = 2560;
/**
 * Refuses decompression bombs (a small file that decodes to gigabytes) before
 * decoding. Phones save 12-50 MP photos (a 108/200 MP sensor bins to 12 MP
 * unless set otherwise); 40 MP (e.g. 8000×5000) keeps every ordinary photo
 * and halves the worst-case decode of the earlier 100 MP cap (a 12 KB
 * 10000×10000 PNG took 0.6 s to refuse at 100 MP by decoding).
 */
export const MAX_INPUT_PIXELS = 40_000_000;

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface SanitizedImage {
  bytes: Buffer;
  mime: ImageMime;
  width: number;
  height: number;
}

/**
 * Sniffs the container from its first bytes. Only these three reach the
 * decoder: sharp could also parse SVG, PDF, TIFF, HEIF …, and each extra
 * parser is extra attack surface for a file anyone can upload.
 */
function sniff(bytes: Buffer): ImageMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Makes an uploaded photo safe to keep: decodes it, turns it upright by its
 * EXIF orientation, shrinks it to MAX_DIMENSION, and encodes a new file from
 * the pixels alone. sharp writes no metadata unless asked (no withMetadata /
 * keepExif / keepIccProfile here), so EXIF (GPS position, camera serial,
 * time), XMP, IPTC, ICC and PNG text chunks are all gone: a photo of a
 * bully's note cannot tell where the reporter's phone was.
 * test/cloud/media.test.ts checks that with exifr on a real GPS-tagged JPEG.
 */
export async function sanitizeImage(bytes: Buffer): Promise<SanitizedImage> {
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '图片太大了，请选择10MB以内的图片。');
  const mime = sniff(bytes);
  if (!mime) throw new AppError('UNSUPPORTED_MEDIA', '只能上传图片（JPG、PNG、WebP格式的照片）。');
  try {
    // failOn 'error': tolerate the small warnings phone JPEGs often carry, refuse files that do not decode.
    let pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_DIMENSION, height: MAX_DIMENSION, fit: 'inside', withoutEnlargement: true });
    pipeline = mime === 'image/jpeg' ? pipeline.jpeg({ quality: 85, mozjpeg: true })
      : mime === 'image/png' ? pipeline.png({ compressionLevel: 8 })
      : pipeline.webp({ quality: 85 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: data, mime, width: info.width, height: info.height };
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) {
      throw new AppError('PAYLOAD_TOO_LARGE', '这张图片的尺寸太大了，请截图或换一张照片再上传。');
    }
    throw new AppError('UNSUPPORTED_MEDIA', '这张图片打不开，可能已经损坏，请换一张照片。');
  }
}
