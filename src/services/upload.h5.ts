/**
 * H5 photo upload: the picked photo (a blob: URL) is posted as multipart
 * field `file` to the local server's /upload, which strips its metadata and
 * answers `{ ok: true, data: { fileId } }`, or the envelope of an error with
 * a Chinese message (415 not an image, 413 too big). No identity is sent.
 */
import Taro from '@tarojs/taro';
import { ApiError } from './errors';
import { isEnvelope } from './wire';

export const UPLOAD_PATH = '/upload';

const isCancel = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e));

export async function choosePhotos(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths.slice(0, count);
  } catch (e) {
    if (isCancel(e)) return [];
    throw new ApiError('BAD_INPUT', '没能打开相册，请再试一次。');
  }
}

export async function uploadPhoto(path: string): Promise<string> {
  let blob: Blob;
  try {
    blob = await (await fetch(path)).blob();
  } catch {
    throw new ApiError('BAD_INPUT', '读不到这张照片，请删掉后重新选择。');
  }
  const form = new FormData();
  form.append('file', blob, blob.type === 'image/png' ? 'photo.png' : 'photo.jpg');

  let res: Response;
  try {
    res = await fetch(UPLOAD_PATH, { method: 'POST', body: form });
  } catch {
    throw new ApiError('NETWORK');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    // A proxy in front of the server refused the size before ours could answer.
    throw new ApiError(res.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'NETWORK');
  }
  if (!isEnvelope(body)) throw new ApiError('NETWORK');
  if (!body.ok) throw new ApiError(body.error.code, body.error.message, body.error.details);
  const fileId = (body.data as { fileId?: unknown }).fileId;
  if (typeof fileId !== 'string') throw new ApiError('INTERNAL');
  return fileId;
}
