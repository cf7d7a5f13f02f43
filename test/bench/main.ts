/**
 * The bench itself (bundled and started by config/scripts/bench.mjs, which
 * builds what it needs first). Sections: weapp sizes, H5 first load, write
 * load, where a mass write's time goes (anatomy.ts), P1 inbox latency, city-scale roll-ups. Prints one markdown document
 * and writes it to test/.artifacts/bench.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runServer, post } from '../reliability/server';
import { bullying } from '../fixtures/reports';
import { browserAvailable, firstLoad, h5Section } from './h5load';
import { CONCURRENCY, load, loadSection, sessionsFor, type Compared } from './load';
import { rollupSection, screeningSubmitLoad } from './screening';
import { sizesSection } from './sizes';
import { markdown, type Section } from './table';
import { citySection } from './city';
import { remindersSection } from './reminders';
import { enrolSection } from './enrol';
import { anatomySection } from './anatomy';
import { commitmentSignLoad, lessonCompleteLoad } from './writes';

const root = path.resolve(__dirname, '../..');
const HELLO = process.env.HELLO_DIR!;
const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const skip = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean));

async function main() {
  const sections: Section[] = [];
  let failed = false;
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z`;
  console.log(`bench on ${machine}`);

  if (!skip.has('sizes')) {
    const { section, overLimit } = sizesSection(path.join(root, 'dist/weapp'), path.join(HELLO, 'weapp'));
    sections.push(section);
    if (overLimit.length) { failed = true; console.error(`over WeChat's 2 MB package limit: ${overLimit.join(', ')}`); }
  }

  if (!skip.has('h5')) {
    if (!browserAvailable()) {
      console.log('H5 first load skipped: no Chromium (install Debian\'s chromium or set CHROMIUM_PATH).');
    } else {
      const ours = await withServer({}, (url) => firstLoad(url));
      const bare = await withServer({ H5_DIR: path.join(HELLO, 'h5') }, (url) => firstLoad(url));
      sections.push(h5Section(ours, bare));
    }
  }

  if (!skip.has('load') || !skip.has('inbox')) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-'));
    const server = await runServer(dataDir, { BENCH_BARE_ENDPOINT: '1' });
    try {
      if (!skip.has('load')) sections.push(loadSection(await writeLoads(server.url, path.join(dataDir, 'huhang.db'))));
      if (!skip.has('inbox')) sections.push(await inboxLatency(server.url));
    } finally {
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  if (!skip.has('anatomy')) sections.push(await anatomySection());
  if (!skip.has('rollup')) sections.push(await rollupSection());
  if (!skip.has('reminders')) sections.push(await remindersSection());
  if (!skip.has('city')) sections.push(await citySection());
  if (!skip.has('enrol')) sections.push(await enrolSection());

  const doc = markdown(sections, `Measured on ${machine} by \`npm run bench\`.`);
  console.log('\n' + doc);
  mkdirSync(path.join(root, 'test/.artifacts'), { recursive: true });
  writeFileSync(path.join(root, 'test/.artifacts/bench.md'), doc);
  console.log('written to test/.artifacts/bench.md');
  if (failed) process.exitCode = 1;
}

async function withServer<T>(env: Record<string, string>, fn: (url: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-h5-'));
  const server = await runServer(dataDir, env);
  try { return await fn(server.url); } finally {
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let rid = 0;
const requestId = (tag: string) => `bench_${tag}_${process.pid}_${++rid}`;

async function writeLoads(url: string, dbFile: string): Promise<Compared[]> {
  // report.submit allows 5 reports an hour per caller: 4 per session keeps every request under it.
  const reporters = sessionsFor(dbFile, 3000).tokens;
  const reportBody = (i: number) => ({ action: 'report.submit', data: bullying({ description: `第${i}份：有几个高年级的同学天天在厕所门口堵我，抢我的零花钱，还说告诉老师就打我。` }), requestId: requestId('r') });
  const bareOf = (body: (i: number) => unknown) => (i: number) => ({ ...(body(i) as object), requestId: requestId('b') });

  const compared: Compared[] = [];
  let next = 0;
  const report: Compared = {
    name: 'report.submit', massWrite: false, real: [], bare: [],
    note: 'each report stores a scrypt hash of its one-time secret (~25-50 ms of CPU by design, so a stolen database cannot test secrets quickly); that, not the database, sets its rate.',
  };
  for (const c of skip.has('report') ? [] : CONCURRENCY) {
    report.bare.push(await load(url, '/bench/bare', c, SECONDS, bareOf(reportBody), () => undefined));
    const start = next;
    report.real.push(await load(url, '/api', c, SECONDS, (i) => reportBody(start + i), (i) => reporters[Math.floor((start + i) / 4) % reporters.length]));
    next += report.real.at(-1)!.ok + report.real.at(-1)!.failed + c;
    console.log(`  report.submit c=${c}: ${report.real.at(-1)!.perSecond.toFixed(1)}/s, bare ${report.bare.at(-1)!.perSecond.toFixed(0)}/s`);
  }
  if (!skip.has('report')) compared.push(report);
  if (!skip.has('screening')) compared.push(await screeningSubmitLoad(url, dbFile, SECONDS, requestId));
  if (!skip.has('commitment')) compared.push(await commitmentSignLoad(url, dbFile, SECONDS, requestId));
  if (!skip.has('lesson')) compared.push(await lessonCompleteLoad(url, dbFile, SECONDS, requestId));
  return compared;
}

/** A P1 report (sexual abuse) until it shows in the 思茅 police inbox: routing and delivery are in the submit call. */
async function inboxLatency(url: string): Promise<Section> {
  const police = (await post(url, { action: 'auth.login', data: {} })).data.token;
  await post(url, { action: 'auth.redeem', data: { code: 'DEMO-POLICE' }, requestId: requestId('redeem') }, police);
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = (await post(url, { action: 'case.list', data: {} }, police)).data.items.length;
    const reporter = (await post(url, { action: 'auth.login', data: {} })).data.token;
    const t = performance.now();
    const r = await post(url, { action: 'report.submit', data: { category: 'sexual_abuse', countyId: 'simao', description: '有个大人总在校门口拦着女同学说话，还拉她的手。' }, requestId: requestId('p1') }, reporter);
    if (!r.ok) throw new Error('P1 submit failed: ' + JSON.stringify(r.error));
    for (;;) {
      const { items } = (await post(url, { action: 'case.list', data: {} }, police)).data;
      if (items.length > before) break;
    }
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return {
    title: 'P1 report → visible in the handler\'s inbox (ms)',
    head: ['samples', 'median', 'max'],
    rows: [[samples.length, samples[5].toFixed(0), samples[9].toFixed(0)]],
  };
}

main().catch((e) => { console.error(e); process.exit(1); });
