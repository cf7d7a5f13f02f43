import Taro from '@tarojs/taro';
import { ApiError } from './errors';

const isCancel = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e));

/** Lets the person pick up to `count` photos from the album or camera; [] when they cancel. Both platforms' upload use it. */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths.slice(0, count);
  } catch (e) {
    if (isCancel(e)) return [];
    throw new ApiError('BAD_INPUT', '没能打开相册，请再试一次。');
  }
}
