/**
 * CloudBase `scheduler` function. Timer trigger in config.json: 7-field cron
 * (second minute hour day month weekday year), evaluated in UTC+8 by CloudBase.
 *
 * Runs the shared jobs (escalation, reminders, clean-up, orphan photos in
 * CloudBase storage), then delivers the outbox as subscription messages,
 * which only production does. Raw photos left in `tmp-uploads/` by a phone
 * that never called upload.finalize cannot be listed from here: a storage
 * lifecycle rule on the storage bucket must expire `tmp-uploads/` after one
 * day (blobs.ts cloudTempUploads).
 *
 * Console set-up: env vars TEMPLATE_<NAME> (and TEMPLATE_<NAME>_FIELDS) per
 * template (deliver.ts), MINIPROGRAM_STATE ('developer' | 'trial' | 'formal',
 * default 'formal'); the subscribeMessage.send permission is in config.json.
 */
import cloud from 'wx-server-sdk';
import { systemClock } from '../../core/context';
import { cloudBlobStore } from '../../media/blobs';
import { createCloudbaseStore } from '../../store/cloudbase';
import { deliverOutbox, templatesFromEnv, type SubscribeMessage } from './deliver';
import { runScheduledJobs } from './jobs';

cloud.init({ env: (cloud as any).DYNAMIC_CURRENT_ENV });
const store = createCloudbaseStore(cloud.database());
const blobs = cloudBlobStore(cloud);

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];

async function sendSubscribeMessage(message: SubscribeMessage) {
  const state = process.env.MINIPROGRAM_STATE;
  const res: any = await cloud.openapi.subscribeMessage.send({
    ...message,
    miniprogramState: state && MINIPROGRAM_STATES.includes(state) ? state : 'formal',
    lang: 'zh_CN',
  });
  // The SDK usually rejects on a WeChat error; an answer carrying one is treated the same way.
  if (res && typeof res.errCode === 'number' && res.errCode !== 0) {
    throw Object.assign(new Error(String(res.errMsg ?? 'subscribeMessage.send failed')), { errCode: res.errCode });
  }
}

export async function main() {
  let failure: unknown = null;
  // Each half runs even when the other fails: a broken escalation must not hold messages back.
  const jobs = await runScheduledJobs({ store, clock: systemClock, blobs }).catch((e) => {
    failure = e;
    return null;
  });
  const delivery = await deliverOutbox({
    store, clock: systemClock, send: sendSubscribeMessage, templates: templatesFromEnv(process.env),
  }).catch((e) => {
    failure ??= e;
    return null;
  });
  if (failure) throw failure; // shows as a failed run in the CloudBase console
  return { ...jobs, delivery };
}
