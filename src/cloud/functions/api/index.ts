/**
 * CloudBase `api` function: every client call arrives here as
 * `{ action, data, requestId }` and is routed by the same dispatcher the local
 * server uses. The caller is the OPENID from the WeChat context (the client
 * cannot forge it); it becomes a user id by HMAC and is not stored as such.
 * The OPENID also travels as the caller's notify address, which only
 * auth.redeem reads, to keep it for staff (subscription messages).
 *
 * Photos: the phone uploads the raw file to `tmp-uploads/`, upload.finalize
 * cleans it into `uploads/` (cloudBlobStore) and deletes the raw one; case.get
 * links photos with CloudBase temporary URLs. Console set-up this relies on:
 * storage rules that keep `uploads/` unreadable to clients, and a lifecycle
 * rule that expires `tmp-uploads/` after one day (blobs.ts cloudTempUploads).
 */
import cloud from 'wx-server-sdk';
import { systemClock } from '../../core/context';
import { dispatch, identityForOpenid, type DispatchEnv } from '../../core/dispatch';
import { storeOutbox } from '../../core/outbox';
import { cloudBlobStore, cloudTempUploads } from '../../media/blobs';
import { actions } from '../../handlers';
import { createCloudbaseStore } from '../../store/cloudbase';

cloud.init({ env: (cloud as any).DYNAMIC_CURRENT_ENV });
const store = createCloudbaseStore(cloud.database());
const blobs = cloudBlobStore(cloud);
const tempUploads = cloudTempUploads(cloud);

export async function main(event: unknown) {
  const serverKey = process.env.SERVER_KEY;
  if (!serverKey) {
    // Fail closed: without the key, tracking secrets and user ids cannot be derived safely.
    return { ok: false, error: { code: 'INTERNAL', message: '服务尚未配置完成，请联系管理员。' } };
  }
  const { OPENID } = cloud.getWXContext();
  const env: DispatchEnv = {
    store,
    clock: systemClock,
    serverKey,
    outbox: storeOutbox(store, systemClock),
    actions,
    // No writeLimiter and no callers cache, on purpose (issue 17): the function runs as many instances, each
    // with its own memory, so a count kept in memory would multiply the limit by the instance count, and no
    // instance hears of the others' commits (a revoked role could act until its cache expired). Both are
    // read from the database on every call here: the stored rate_limits counter and the user's roles.
    platform: {
      name: 'cloudbase',
      // msgSecCheck v2 needs the caller's openid; it is passed to WeChat, never stored.
      async checkText(content: string) {
        try {
          const res: any = await (cloud as any).openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: OPENID });
          return { ok: res?.result?.suggest !== 'risky' };
        } catch {
          // If the check itself is down, accept and let handlers review: a tip must not be lost.
          return { ok: true, skipped: true };
        }
      },
      blobs,
      ...tempUploads,
      // slips for invitation codes: a mini-program code that opens 我的 with the code filled in (scene ≤ 32 chars)
      async miniProgramCode(scene: string) {
        try {
          const res: any = await (cloud as any).openapi.wxacode.getUnlimited({ scene, page: 'pages/me/index', checkPath: false, width: 280 });
          return res?.buffer ? Buffer.from(res.buffer) : null;
        } catch {
          return null;
        }
      },
    },
    onFault: (action, error) => console.error('action failed', action, error),
  };
  return dispatch(event, identityForOpenid(serverKey, OPENID), env);
}
