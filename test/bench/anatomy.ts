/**
 * Where a mass write's time goes, in process (issue 17): the same server
 * (buildServer on a SQLite file of its own, demo data, the checkpointer
 * thread), driven through fastify's inject 10 requests at a time so group
 * commit works as under load, for the bare insert and each mass write.
 * Per request: wall and CPU time, the time spent inside SQLite statements on
 * the main thread (every better-sqlite3 run/get/all/exec timed while the
 * requests run), statements and rows written, and the bytes and write calls
 * the process made (WAL frames, the checkpointer's copies, temporary files:
 * /proc/self/io, Linux only). No baseline beyond bare: this section explains
 * the load table above, it does not replace it.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { content } from '../../src/content';
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { buildServer } from '../../src/cloud/local/server';
import { seedDemo } from '../../src/cloud/local/seed';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import { post } from '../reliability/server';
import { answerSet, mulberry, studentSessions } from './screening';
import type { Section } from './table';
import { guardianSessions, openCampaign } from './writes';

const CONC = 10;

/** Counts and times every SQLite call on this thread while `on` is set. */
function sqlMeter() {
  const m = { on: false, ns: BigInt(0), statements: 0, rowWrites: 0 };
  const probe = new Database(':memory:');
  const Stmt = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  const wrap = (proto: any, name: string, counts: (self: any, result: any) => number) => {
    const orig = proto[name];
    proto[name] = function (this: any, ...args: unknown[]) {
      if (!m.on) return orig.apply(this, args);
      const t = process.hrtime.bigint();
      const r = orig.apply(this, args);
      m.ns += process.hrtime.bigint() - t;
      m.statements++;
      m.rowWrites += counts(this, r);
      return r;
    };
    return () => { proto[name] = orig; };
  };
  const undo = [
    wrap(Stmt, 'run', (_s, r) => r?.changes ?? 0),
    wrap(Stmt, 'get', () => 0),
    wrap(Stmt, 'all', () => 0),
    wrap(Database.prototype, 'exec', () => 0),
  ];
  return { m, restore: () => undo.forEach((u) => u()) };
}

const procIo = (): { wchar: number; syscw: number } | null => {
  if (!existsSync('/proc/self/io')) return null;
  const kv = Object.fromEntries(readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((l) => l.split(': ')));
  return { wchar: Number(kv.wchar), syscw: Number(kv.syscw) };
};

interface Row { name: string; wallUs: number; cpuUs: number; sqlUs: number; statements: number; rowWrites: number; kb: number | null; writes: number | null }

async function measure(name: string, n: number, prepare: (url: string, file: string) => Promise<{ path: string; token: (i: number) => string | undefined; body: (i: number) => unknown }>): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-anatomy-'));
  const file = path.join(dir, 'huhang.db');
  const store = openSqliteStore(file, { checkpointInBackground: true });
  const app = await buildServer({ store, dataDir: dir, serverKey: 'a'.repeat(64), benchBareEndpoint: true });
  const meter = sqlMeter();
  try {
    await seedDemo(store, content.demo);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const job = await prepare(url, file);
    const bodies = Array.from({ length: n }, (_, i) => JSON.stringify(job.body(i)));
    let next = 0;
    let failed = 0;
    const io0 = procIo();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    meter.m.on = true;
    await Promise.all(Array.from({ length: CONC }, async () => {
      while (next < n) {
        const i = next++;
        const token = job.token(i);
        const r = await app.inject({ method: 'POST', url: job.path, headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) }, payload: bodies[i] });
        if (r.statusCode !== 200) failed++;
      }
    }));
    meter.m.on = false;
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const io1 = procIo();
    if (failed) throw new Error(`anatomy ${name}: ${failed} of ${n} requests failed`);
    return {
      name,
      wallUs: (wall * 1000) / n,
      cpuUs: (cpu.user + cpu.system) / n,
      sqlUs: Number(meter.m.ns) / 1000 / n,
      statements: meter.m.statements / n,
      rowWrites: meter.m.rowWrites / n,
      kb: io0 && io1 ? (io1.wchar - io0.wchar) / 1024 / n : null,
      writes: io0 && io1 ? (io1.syscw - io0.syscw) / n : null,
    };
  } finally {
    meter.restore();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function anatomySection(n = Number(process.env.BENCH_ANATOMY_N || 2000)): Promise<Section> {
  let rid = 0;
  const requestId = (tag: string) => `anat_${tag}_${process.pid}_${++rid}`;
  const lesson = ALL_LESSONS.find((l) => l.band !== 'parent' && l.quiz.length >= 3)!;
  const rnd = mulberry(11);
  const rows: Row[] = [];
  rows.push(await measure('bare insert', n, async () => ({
    path: '/bench/bare', token: () => undefined,
    body: () => ({ action: 'lesson.complete', data: { id: lesson.id, answers: lesson.quiz.map((q) => q.correct) }, requestId: requestId('b') }),
  })));
  rows.push(await measure('lesson.complete', n, async (_url, file) => {
    const tokens = studentSessions(file, n, 'anat-l');
    return { path: '/api', token: (i) => tokens[i], body: () => ({ action: 'lesson.complete', data: { id: lesson.id, answers: lesson.quiz.map((q) => q.correct) }, requestId: requestId('l') }) };
  }));
  rows.push(await measure('commitment.sign', n, async (url, file) => {
    const campaignId = await openCampaign(url, file);
    const { tokens, ids } = guardianSessions(file, n + 1, 'anat-g');
    const pledgeIds: string[] = (await post(url, { action: 'holiday.current', data: {} }, tokens[n])).data.pledges.map((p: { id: string }) => p.id);
    return { path: '/api', token: (i) => tokens[i], body: (i) => ({ action: 'commitment.sign', data: { campaignId, studentId: ids[i], pledgeIds, method: 'confirm' }, requestId: requestId('c') }) };
  }));
  rows.push(await measure('screening.submit', n, async (_url, file) => {
    const tokens = studentSessions(file, n, 'anat-s');
    return { path: '/api', token: (i) => tokens[i], body: () => ({ action: 'screening.submit', data: { campaignId: 'cmp-demo-simao-1', answers: answerSet(rnd) }, requestId: requestId('s') }) };
  }));
  const bare = rows[0];
  const f1 = (x: number) => x.toFixed(1);
  const f0 = (x: number) => x.toFixed(0);
  return {
    title: 'where a mass write\'s time goes, in process (µs and KB per request)',
    note: `${n} requests each, ${CONC} at a time, through fastify inject on the local server's own store (SQLite file, checkpointer thread) with the demo data; a different caller per request, as in the load table. ` +
      'SQL = time inside SQLite calls on the main thread (statements, SAVEPOINT and COMMIT); rows written = rows an INSERT, UPDATE or DELETE changed; KB written and write calls = the whole process (WAL frames, the checkpointer copying them into the file, any temporary file), from /proc/self/io. ' +
      'CPU counts every thread, so it can exceed wall time. The share of bare is wall time, bare ÷ the write: in process, without the load generator and the HTTP parser, which the load table above includes.',
    head: ['request', 'wall', 'CPU', 'SQL', 'SQL share of wall', 'statements', 'rows written', 'KB written', 'write calls', 'bare ÷ this (wall)'],
    rows: rows.map((r) => [
      r.name, f0(r.wallUs), f0(r.cpuUs), f0(r.sqlUs), `${f0((r.sqlUs / r.wallUs) * 100)}%`, f1(r.statements), f1(r.rowWrites),
      r.kb === null ? '–' : f1(r.kb), r.writes === null ? '–' : f1(r.writes), `${f0((bare.wallUs / r.wallUs) * 100)}%`,
    ]),
  };
}
