/**
 * Platform-neutral stand-in for photo upload. Taro's build picks
 * `upload.h5.ts` (POST /upload) or `upload.weapp.ts` (CloudBase storage +
 * upload.finalize) by file suffix, so Taro.cloud never enters the H5 bundle.
 * This file is only what TypeScript and jest see; the three files export the
 * same names.
 */
import { ApiError } from './errors';

/** Lets the person pick up to `count` photos; [] when they cancel. */
export async function choosePhotos(count: number): Promise<string[]> {
  void count;
  return [];
}

/** Uploads one picked photo; resolves with the server's file id (metadata already stripped). */
export async function uploadPhoto(path: string): Promise<string> {
  void path;
  throw new ApiError('NETWORK');
}
