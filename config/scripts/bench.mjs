#!/usr/bin/env node
/**
 * `npm run bench`: the numbers the README and issue notes quote, measured
 * here rather than in timed tests.
 *   1. weapp package sizes vs the bare Taro hello-world (bench-size.mjs; needs `npm run build:weapp`)
 *   2. reports per second through POST /api report.submit on the real local server
 *   3. how long a P1 report takes to reach the handler's inbox (submit → visible in case.list)
 *   4. commitment.sign at 50 concurrent (autocannon), next to reminder.subscribe (one small put through
 *      the same dispatcher, session and audit) as the bare baseline on the same server
 *   5. the scheduler preparing holiday reminders for 100k guardians (bench-reminders.ts)
 * Everything runs against 127.0.0.1 with a throw-away DATA_DIR; loops are bounded.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REPORTS = Number(process.env.BENCH_REPORTS || 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 8);
const GUARDIANS = Number(process.env.BENCH_SIGNERS || 2000);
const SIGN_CONNECTIONS = 50;
const WARMUP = 200;

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}`);

if (existsSync(path.join(root, 'dist/weapp/app.json'))) {
  spawnSync('node', [path.join(root, 'config/scripts/bench-size.mjs')], { stdio: 'inherit' });
} else {
  console.log('(no dist/weapp: run `npm run build:weapp` first to measure package sizes)');
}

spawnSync('node', [path.join(root, 'config/scripts/build-cloud.mjs')], { stdio: 'inherit' });
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-'));
const server = spawn('node', [path.join(root, 'dist/server/main.js')], {
  // TRUST_PROXY: the sign bench logs in thousands of guardians, each with its own X-Forwarded-For
  // (a loopback address string), so the per-address login limit does not stop the set-up.
  cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TRUST_PROXY: 'true' }, stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve, reject) => {
  let out = '';
  const t = setTimeout(() => reject(new Error('server did not start')), 20000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
    if (m) { clearTimeout(t); resolve(m[0]); }
  });
});

let n = 0;
const rid = () => `bench_${process.pid}_${++n}_${Date.now().toString(36)}`;
async function api(action, data, token, write = false, forwardedFor = undefined) {
  const res = await fetch(`${base}/api`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ action, data, ...(write ? { requestId: rid() } : {}) }),
  });
  const body = await res.json();
  if (!body.ok) throw new Error(`${action}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.data;
}
const login = async (forwardedFor) => (await api('auth.login', { deviceId: 'benchdev_' + rid() }, undefined, false, forwardedFor)).token;
const report = (category, countyId) => ({ category, countyId, description: '学校后门的小河边没有护栏，放学后常有同学在那里玩水，很危险。', waterType: 'river' });

try {
  // Each caller may file 5 reports an hour (the anonymous rate limit), so the load comes from many callers.
  const callers = await Promise.all(Array.from({ length: Math.ceil(REPORTS / 5) }, login));
  const counties = ['simao', 'ninger', 'mojiang', 'jingdong', 'jinggu', 'zhenyuan', 'jiangcheng', 'menglian', 'lancang', 'ximeng'];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REPORTS) {
      const i = next++;
      await api('report.submit', report('dangerous_water', counties[i % counties.length]), callers[Math.floor(i / 5)], true);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  console.log(`report.submit over HTTP: ${REPORTS} reports in ${seconds.toFixed(2)} s = ${(REPORTS / seconds).toFixed(1)} reports/s (concurrency ${CONCURRENCY}; each stores a scrypt hash of its secret)`);

  // P1 to the inbox: the case is routed and written in the submit call itself; measure until the handler's list shows it.
  const police = await login();
  await api('auth.redeem', { code: 'DEMO-POLICE' }, police, true);
  const samples = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = await api('report.submit', { category: 'sexual_abuse', countyId: 'simao', description: '有个大人总在校门口拦着女同学说话，还拉她的手。' }, await login(), true);
    for (;;) {
      const { items } = await api('case.list', {}, police);
      if (items.some((c) => c.trackingCode === r.trackingCode)) break;
    }
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(`P1 report → visible in the 思茅 police inbox: median ${samples[5].toFixed(0)} ms, max ${samples[9].toFixed(0)} ms (10 samples; subscription message goes out through the outbox in the same call)`);

  // 4. Guardians of the demo child sign the open holiday letter, each once, 50 at a time.
  const guardians = [];
  for (let i = 0; i < GUARDIANS; i += 20) {
    guardians.push(...await Promise.all(Array.from({ length: Math.min(20, GUARDIANS - i) }, async (_, k) => {
      const n = i + k;
      const token = await login(`127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`);
      await api('auth.redeem', { code: 'DEMO-PARENT' }, token, true);
      return token;
    })));
  }
  const current = await api('holiday.current', {}, guardians[0]);
  const signInput = { campaignId: current.campaign.id, studentId: current.children[0].id, pledgeIds: current.pledges.map((p) => p.id), method: 'confirm' };
  const cannon = (action, data, from, amount) => new Promise((resolve, reject) => {
    let i = from;
    autocannon({
      url: base, connections: SIGN_CONNECTIONS, amount, timeout: 30,
      requests: [{
        method: 'POST', path: '/api',
        setupRequest: (req) => {
          const token = guardians[i++ % guardians.length];
          return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ action, data, requestId: rid() }) };
        },
      }],
    }, (err, r) => (err ? reject(err) : resolve(r)));
  });
  // A warm-up round of each (its own guardians) first, so neither figure carries the first calls' compile time.
  await cannon('reminder.subscribe', { accepted: true }, 0, WARMUP);
  await cannon('commitment.sign', signInput, 0, WARMUP);
  const bare = await cannon('reminder.subscribe', { accepted: true }, WARMUP, GUARDIANS - WARMUP);
  const signed = await cannon('commitment.sign', signInput, WARMUP, GUARDIANS - WARMUP);
  const line = (name, r) => `${name}: ${(r.requests.total / (r.duration || 1)).toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors`;
  console.log(`holiday letters over HTTP, ${GUARDIANS - WARMUP} guardians each once (after ${WARMUP} to warm up), ${SIGN_CONNECTIONS} connections:`);
  console.log('  ' + line('bare (reminder.subscribe: one put)', bare));
  console.log('  ' + line('commitment.sign (check child, campaign, pledges; insert-if-absent; audit)', signed));
  const progressCheck = await api('commitment.progress', { campaignId: signInput.campaignId }, await (async () => {
    const t = await login('127.255.255.254');
    await api('auth.redeem', { code: 'DEMO-TEACHER' }, t, true);
    return t;
  })());
  console.log(`  the class list then shows ${progressCheck.items.find((x) => x.studentId === signInput.studentId).signatures.length} signatures for the child, counted once (${progressCheck.signed}/${progressCheck.eligible} children)`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}

// 5. The scheduler preparing holiday reminders for many guardians (no server: the function itself on SQLite).
const remOut = path.join(os.tmpdir(), `huhang-bench-reminders-${process.pid}.cjs`);
await build({ entryPoints: [path.join(root, 'config/scripts/bench-reminders.ts')], outfile: remOut, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' });
spawnSync('node', [remOut], { stdio: 'inherit', env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
rmSync(remOut, { force: true });
