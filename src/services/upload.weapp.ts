/**
 * WeChat photo upload: the photo goes to CloudBase storage under
 * tmp-uploads/, then `upload.finalize` has the server strip its metadata
 * (EXIF, GPS), keep the clean copy and delete the original; its answer is
 * the file id a report references.
 */
import Taro from '@tarojs/taro';
import { write } from './api';
import { ApiError } from './errors';
import { makeRequestId } from './requestId';

let initialised = false;

/** The same initialisation as transport.weapp.ts; whichever runs first wins, the second is harmless. */
function cloud() {
  if (!initialised) {
    const dynamicEnv = (Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: string }).DYNAMIC_CURRENT_ENV;
    Taro.cloud.init({ env: CLOUD_ENV_ID || dynamicEnv, traceUser: false });
    initialised = true;
  }
  return Taro.cloud;
}

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
  // A random name: the storage path must say nothing about who sent it or when.
  const cloudPath = `tmp-uploads/${makeRequestId(24)}.jpg`;
  let cloudFileId: string;
  try {
    cloudFileId = (await cloud().uploadFile({ cloudPath, filePath: path })).fileID;
  } catch {
    throw new ApiError('NETWORK', '照片没有传上去，请检查手机网络后再试一次。');
  }
  const { fileId } = await write<{ fileId: string }>('upload.finalize', { cloudFileId });
  return fileId;
}
