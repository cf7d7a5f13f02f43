/**
 * WeChat photo upload: the photo goes to CloudBase storage under
 * tmp-uploads/, then `upload.finalize` has the server strip its metadata
 * (EXIF, GPS), keep the clean copy and delete the original; its answer is
 * the file id a report references.
 */
import { write } from './api';
import { ApiError } from './errors';
import { makeRequestId } from './requestId';
// The weapp CloudBase client: one init for calls and uploads.
import { cloud } from './cloud.weapp';

export { choosePhotos } from './photoPicker';

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
