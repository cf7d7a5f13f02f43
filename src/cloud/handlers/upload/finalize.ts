/**
 * `upload.finalize`: the mini-program's way to attach a photo on CloudBase.
 *
 * The phone cannot POST a file to a cloud function, so it uploads the raw
 * photo to `tmp-uploads/<random>.jpg` with Taro.cloud.uploadFile and calls
 * this with the fileID. The function downloads it, sanitises it (EXIF and
 * GPS gone: sanitizeImage), stores the clean copy through the platform's
 * blob store and deletes the raw file, whatever happened: the raw file
 * carries the photo's metadata, and CloudBase records the uploader's OPENID
 * on it. A raw file this call never reaches (the phone died between the two
 * steps) is expired by a lifecycle rule on the storage bucket (prefix
 * `tmp-uploads/`, one day; see blobs.ts cloudTempUploads), since storage
 * cannot be listed from a function to find it.
 *
 * Anonymous like report.submit: the stored row says nothing of who sent it.
 * Locally photos go to POST /upload instead, so this answers BAD_INPUT.
 */
import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { isTempUploadId } from '../../media/blobs';
import { saveUpload, UPLOAD_OWNER_PURPOSE } from '../../media/uploads';

/** Three photos a report, a few reports an hour, and retries: generous for a person, tight for a script. */
export const UPLOADS_PER_HOUR = 30;

export const FINALIZE_MESSAGES = {
  badId: '照片上传出了问题，请重新选择照片。',
  missing: '没有找到刚上传的照片，请重新选择照片上传。',
  local: '这个版本的照片直接上传到服务器（POST /upload），不需要这一步。',
} as const;

export const finalize = defineAction({
  name: 'upload.finalize',
  input: z.object({
    cloudFileId: z.string().max(300, FINALIZE_MESSAGES.badId).refine(isTempUploadId, FINALIZE_MESSAGES.badId),
  }).strict(),
  labels: { cloudFileId: '照片' },
  anonymous: true,
  async handle({ cloudFileId }, ctx) {
    const { fetchTempUpload, deleteTempUpload, blobs } = ctx.platform;
    if (!fetchTempUpload || !deleteTempUpload) throw new AppError('BAD_INPUT', FINALIZE_MESSAGES.local);
    try {
      await ctx.rateLimit('upload.finalize', UPLOADS_PER_HOUR, 3600_000);
      const raw = await fetchTempUpload(cloudFileId);
      if (!raw) throw new AppError('BAD_INPUT', FINALIZE_MESSAGES.missing);
      const saved = await saveUpload(ctx.store, blobs, raw, ctx.clock, await ctx.callerKey(UPLOAD_OWNER_PURPOSE));
      return { fileId: saved.fileId };
    } finally {
      // Also when the photo was refused or storing failed: the raw file must not outlive this call.
      await deleteTempUpload(cloudFileId).catch(() => undefined);
    }
  },
});
