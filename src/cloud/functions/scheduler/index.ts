/**
 * CloudBase `scheduler` function. Timer trigger in config.json: 7-field cron
 * (second minute hour day month weekday year), evaluated in UTC+8 by CloudBase.
 */
import cloud from 'wx-server-sdk';
import { systemClock } from '../../core/context';
import { createCloudbaseStore } from '../../store/cloudbase';
import { runScheduledJobs } from './jobs';

cloud.init({ env: (cloud as any).DYNAMIC_CURRENT_ENV });
const store = createCloudbaseStore(cloud.database());

export async function main() {
  return runScheduledJobs({ store, clock: systemClock });
}
