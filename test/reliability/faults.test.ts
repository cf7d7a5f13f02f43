/**
 * Fault injection: for every write action (a table of valid requests) and
 * every N, the request's Nth store write fails; the request answers an error,
 * is retried with the same request id, and the database ends equal to a run
 * of the same request without the fault: every table compared, not only the
 * main one. Values that differ between any two runs are normalised, and only
 * those (a tracking code and a secret's salted hash are random by design; a
 * rate-limit counter counts the failed try).
 *
 * Each run starts from a copy of the same database file (VACUUM INTO), with
 * the same server key and clock, so the two runs are comparable row by row.
 * The same sweep on the CloudBase adapter: faultsCloudbase.test.ts.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dispatch, type DispatchEnv } from '../../src/cloud/core/dispatch';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { callerKey } from '../../src/cloud/core/rateLimit';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import { WRITE_ACTIONS } from '../../src/domain/policy';
import { FakeClock, makeHarness, type Harness } from '../cloud/harness';
import { CASES, NOT_SWEPT, normalise, normaliseAnswer, SCREENING_DAY, type Prepared } from './faultCases';
import { faultyStore, InjectedFault } from './faultyStore';

test('the table covers every write action (a new one must be added, or say why not)', () => {
  expect([...CASES.map((c) => c.action), ...Object.keys(NOT_SWEPT)].sort()).toEqual([...WRITE_ACTIONS].sort());
});

describe.each(CASES)('$action', ({ action, start, prepare }) => {
  let dir: string;
  let template: string;
  let h: Harness;
  let prepared: Prepared;
  let startAt: number;

  beforeAll(async () => {
    h = await makeHarness(start ?? SCREENING_DAY);
    prepared = await prepare(h);
    // The day's random rate-limit key exists after the day's first request; made here, so both runs share it.
    await callerKey(h.store, h.clock, h.serverKey, 'ip:192.0.2.1', 'warm-up');
    startAt = h.clock.now().getTime();
    dir = mkdtempSync(path.join(tmpdir(), 'huhang-faults-'));
    template = path.join(dir, 'template.db');
    const db = new Database(path.join(h.dir, 'test.db'), { readonly: true });
    db.exec(`VACUUM INTO '${template}'`);
    db.close();
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let runNo = 0;
  /** Runs the prepared request on a fresh copy; `failAt` makes that write fail on the first try, which is then retried. */
  async function run(failAt: number) {
    const file = path.join(dir, `run-${runNo++}.db`);
    copyFileSync(template, file);
    const inner = openSqliteStore(file);
    const store = faultyStore(inner);
    const clock = new FakeClock(startAt);
    const env: DispatchEnv = {
      ...h.env, store, clock, outbox: storeOutbox(store, clock),
      // the harness's blobs: sheets and photos saved while preparing are read from there (blobs are not compared)
      platform: h.env.platform,
    };
    const request = { action, data: prepared.data, requestId: 'req_fault_sweep_0001' };
    try {
      let first: any = null;
      if (failAt > 0) {
        store.failAt(failAt);
        let faults = 0;
        first = await dispatch(request, prepared.who, { ...env, onFault: (_a, e) => { if (e instanceof InjectedFault) faults++; else throw e; } });
        store.failAt(0);
        return { writes: store.writes, first, faults, answer: await dispatch(request, prepared.who, env), dump: await inner.dump() };
      }
      const answer = await dispatch(request, prepared.who, env);
      return { writes: store.writes, first, faults: 0, answer, dump: await inner.dump() };
    } finally {
      await inner.close();
    }
  }

  test('fails at every write, then a retry ends exactly where a run without the fault does', async () => {
    const clean = await run(0);
    expect(clean.answer).toMatchObject({ ok: true });
    expect(clean.writes).toBeGreaterThan(0);
    const expected = normalise(clean.dump);
    for (let n = 1; n <= clean.writes; n++) {
      const faulted = await run(n);
      // the fault reached the caller as an error (never a success with something missing) …
      expect({ n, first: faulted.first }).toMatchObject({ n, first: { ok: false, error: { code: 'INTERNAL' } } });
      expect(faulted.faults).toBe(1);
      // … and the retry answers and stores what the clean run did
      expect({ n, answer: normaliseAnswer(faulted.answer) }).toEqual({ n, answer: normaliseAnswer(clean.answer) });
      expect({ n, dump: normalise(faulted.dump) }).toEqual({ n, dump: expected });
    }
  });
});
