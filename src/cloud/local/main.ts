/**
 * `npm start` runs this (bundled to dist/server/main.js): opens the SQLite file
 * in DATA_DIR, seeds the Pu'er demo data, serves the H5 app and the API, and
 * runs the scheduler every minute like the cloud timer trigger would.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { content } from '../../content';
import { systemClock } from '../core/context';
import { runScheduledJobs } from '../functions/scheduler/jobs';
import { fileBlobStore } from '../media/blobs';
import { openSqliteStore } from '../store/sqlite';
import { loadLocalConfig, startupWarnings } from './config';
import { seedDemo } from './seed';
import { backupKeep, dailyBackup } from '../../ops/backup';
import { backfillDesk } from '../handlers/targets/counts';
import { buildServer } from './server';

async function main() {
  const config = loadLocalConfig();
  // HUHANG_WRITE_PAUSE_MS: a test hook (test/reliability/crashMidWrite.test.ts) that slows every write of a unit of work
  // and says so on stderr, so a kill -9 can land between two writes of one request. Never set in real use.
  const pauseMs = Number(process.env.HUHANG_WRITE_PAUSE_MS ?? 0);
  const store = openSqliteStore(path.join(config.dataDir, 'huhang.db'), {
    checkpointInBackground: true,
    ...(pauseMs > 0 ? { pauseBetweenWritesMs: pauseMs, onPause: (n: number) => process.stderr.write(`write-pause ${n}\n`) } : {}),
  });
  // The demo codes make anyone a police handler or the city coordinator: fine on a laptop,
  // not on a real self-hosted server. DEMO=off starts without them (and without demo people).
  const demo = process.env.DEMO !== 'off';
  if (demo) await seedDemo(store, content.demo);
  await backfillDesk(store); // counters and class rolls of data written before they existed (cheap when present)
  for (const w of startupWarnings(config, demo)) process.stderr.write(w + '\n');
  const app = await buildServer({ store, dataDir: config.dataDir, h5Dir: config.h5Dir, serverKey: config.serverKey, trustProxy: config.trustProxy, benchBareEndpoint: process.env.BENCH_BARE_ENDPOINT === '1' });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  // The same folder buildServer keeps photos in. Outbox rows are not delivered locally: they are the record.
  const blobs = fileBlobStore(path.join(config.dataDir, 'uploads'), config.serverKey);
  // BACKUP_DIR: one backup a day (China time) taken by the scheduler, the newest BACKUP_KEEP kept (src/ops/backup.ts).
  const backupDir = process.env.BACKUP_DIR ? path.resolve(process.env.BACKUP_DIR) : null;
  const keep = backupKeep(process.env);
  let backingUp = false;
  // In a child process (dist/server/ops.js daily, bundled beside this file): the copy and the checksums
  // take seconds on a county's data and must not stall the API's event loop.
  const opsBundle = path.join(__dirname, 'ops.js');
  const backupIfDue = () => {
    if (!backupDir || backingUp) return;
    backingUp = true;
    const done = (line: string) => { backingUp = false; if (line) process.stdout.write(line + '\n'); };
    if (!existsSync(opsBundle)) {
      dailyBackup({ dataDir: config.dataDir, backupDir, now: systemClock.now(), keep })
        .then((r) => done(r ? `每日备份完成 / daily backup: ${r.dir}` : ''))
        .catch((e) => done(`每日备份失败 / daily backup failed: ${e?.message ?? e}`));
      return;
    }
    execFile(process.execPath, [opsBundle, 'daily'], { env: { ...process.env, DATA_DIR: config.dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: String(keep) } },
      (err, stdout) => done(err ? `每日备份失败 / daily backup failed: ${(stdout || err.message).trim()}` : stdout.includes('每日备份完成') ? stdout.trim() : ''));
  };
  // One pass at a time: a tick that finds the last pass still running skips (the next one catches up).
  let passRunning = false;
  const schedulerPass = () => {
    if (passRunning) return;
    passRunning = true;
    runScheduledJobs({ store, clock: systemClock, blobs })
      .catch((e) => app.log.error({ err: e }, 'scheduler failed'))
      .finally(() => { passRunning = false; });
  };
  const timer = setInterval(() => {
    schedulerPass();
    backupIfDue();
  }, 60_000);
  timer.unref();

  const codes = demo ? content.demo.invitations.filter((i) => i.reusable) : [];
  const lines = [
    '',
    `护航 已启动： http://${shownHost}:${port}/`,
    `  API:      POST http://${shownHost}:${port}/api   健康检查: GET /healthz`,
    `  数据目录:  ${config.dataDir}`,
    ...(backupDir ? [`  每日备份:  ${backupDir}（保留 ${keep} 份）`] : []),
    ...(demo
      ? ['  演示邀请码（在「我的」里输入，可重复使用）：', ...codes.map((i) => `    ${i.code.padEnd(18)} ${i.label}`)]
      : ['  演示数据已关闭（DEMO=off）：没有演示邀请码。', '  第一位协调员的邀请码：npm run admin -- invite coordinator --county <县区编号>（见 README「Go live」）']),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  backupIfDue(); // a server started on a day without a backup takes it now
  // And a first pass now, not a minute from now: escalations that fell due while the server was down are raised at
  // once, and the one-off work of a start (asking guardians of a newly opened campaign, tens of thousands of
  // children on a county's first day) is done before people arrive rather than in the middle of their first minute.
  schedulerPass();

  const shutdown = async () => {
    clearInterval(timer);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error('护航 启动失败：', e);
  process.exit(1);
});
