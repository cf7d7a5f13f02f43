/**
 * H5 photo upload: the picked photo (a blob: URL) is posted as multipart
 * field `file` to the local server's /upload, which strips its metadata and
 * answers `{ ok: true, data: { fileId } }`, or the envelope of an error with
 * a Chinese message (415 not an image, 413 too big). The device's session
 * token goes along when there is one, only so the upload limit is this
 * phone's and not the whole school network's; the photo is never tied to it.
 */
import type { Envelope } from '../domain/errors';
import { ApiError } from './errors';
import Taro from '@tarojs/taro';
import { NoEnvelopeError, postForEnvelope, TOKEN_KEY, UPLOAD_PATH } from './http.h5';

export { choosePhotos } from './photoPicker';

export async function uploadPhoto(path: string): Promise<string> {
  let blob: Blob;
  try {
    blob = await (await fetch(path)).blob();
  } catch {
    throw new ApiError('BAD_INPUT', '读不到这张照片，请删掉后重新选择。');
  }
  const form = new FormData();
  form.append('file', blob, blob.type === 'image/png' ? 'photo.png' : 'photo.jpg');

  let env: Envelope<unknown>;
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY);
    env = await postForEnvelope(UPLOAD_PATH, { body: form, ...(typeof token === 'string' && token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  } catch (e) {
    // No envelope came back. A 413 is a proxy in front of the server refusing the size before ours could answer.
    throw new ApiError(e instanceof NoEnvelopeError && e.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'NETWORK');
  }
  if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.details);
  const fileId = (env.data as { fileId?: unknown }).fileId;
  if (typeof fileId !== 'string') throw new ApiError('INTERNAL');
  return fileId;
}
