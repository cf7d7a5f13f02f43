/**
 * The fault sweep of faults.test.ts on the CloudBase adapter (over the fake
 * SDK), where a request has no transaction to roll back: the Nth write fails
 * (as a crashed function or a dropped connection would), the writes before it
 * stay, and the retry with the same request id must finish the work: every
 * collection ends equal to a run without the fault, and the retry answers
 * what the clean run answered. This is what DESIGN.md section 6's "side
 * effects before the done marker, with deterministic ids" has to give.
 *
 * Each run starts from a snapshot of the same fake database, with the same
 * server key and clock.
 */
import { dispatch, type DispatchEnv } from '../../src/cloud/core/dispatch';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { callerKey } from '../../src/cloud/core/rateLimit';
import { repairTallies, TALLY_GRACE_MS } from '../../src/cloud/core/tally';
import { repairCounts, REPAIR_GRACE_MS } from '../../src/cloud/handlers/commitment/counts';
import { createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { COLLECTIONS, type Store } from '../../src/cloud/store/types';
import { WRITE_ACTIONS } from '../../src/domain/policy';
import { createFakeCloudbaseDb, type FakeCloudbaseSnapshot } from '../cloud/fakes/cloudbaseDb';
import { FakeClock, makeHarness, type Harness } from '../cloud/harness';
import { CASES, NOT_SWEPT, normalise, normaliseAnswer, SCREENING_DAY, type Prepared } from './faultCases';
import { faultyStore, InjectedFault } from './faultyStore';

jest.setTimeout(120_000);

test('the table covers every write action (a new one must be added, or say why not)', () => {
  expect([...CASES.map((c) => c.action), ...Object.keys(NOT_SWEPT)].sort()).toEqual([...WRITE_ACTIONS].sort());
});

const NAMES = Object.keys(COLLECTIONS);

describe.each(CASES)('$action', ({ action, start, prepare }) => {
  let h: Harness;
  let prepared: Prepared;
  let startAt: number;
  let template: FakeCloudbaseSnapshot;

  beforeAll(async () => {
    h = await makeHarness(start ?? SCREENING_DAY, undefined, 'cloudbase');
    prepared = await prepare(h);
    await callerKey(h.store, h.clock, h.serverKey, 'ip:192.0.2.1', 'warm-up');
    startAt = h.clock.now().getTime();
    template = h.fakeDb!.snapshot();
  });
  afterAll(async () => { await h.close(); });

  async function run(failAt: number) {
    const fake = createFakeCloudbaseDb(template);
    const adapter = createCloudbaseStore(fake);
    const inner: Store = { ...adapter, dump: async () => fake.dump(NAMES) as any };
    const store = faultyStore(inner);
    const clock = new FakeClock(startAt);
    // Files too start from the same state each run: a run's deletions (roster.import deletes the uploaded sheet once
    // imported) are kept to that run, over the harness's shared blob store.
    const base = h.env.platform.blobs;
    const removed = new Set<string>();
    const blobs = { ...base, read: async (ref: string) => (removed.has(ref) ? null : base.read(ref)), remove: async (ref: string) => { removed.add(ref); } };
    const env: DispatchEnv = { ...h.env, store, clock, outbox: storeOutbox(store, clock), platform: { ...h.env.platform, blobs } };
    const request = { action, data: prepared.data, requestId: 'req_fault_sweep_0001' };
    let first: any = null;
    let faults = 0;
    if (failAt > 0) {
      store.failAt(failAt);
      first = await dispatch(request, prepared.who, { ...env, onFault: (_a, e) => { if (e instanceof InjectedFault) faults++; else throw e; } });
      store.failAt(0);
    }
    const answer = await dispatch(request, prepared.who, env);
    const writes = store.writes;
    // What a dead call leaves uncounted, the repairs recount after their grace (tally.ts, commitment/counts.ts;
    // run by the roll-ups that read them): part of the recovery on CloudBase, so it runs here (a no-op after a clean run).
    const later = clock.now().getTime() + Math.max(TALLY_GRACE_MS, REPAIR_GRACE_MS) + 1;
    await repairTallies(store, later);
    const uncounted = await store.collection<{ _id: string; campaignId: string }>('commitment_firsts').find({ counted: false } as never);
    for (const campaignId of new Set(uncounted.map((m) => m.campaignId))) await repairCounts(store, campaignId, later);
    return { writes, first, faults, answer, dump: await inner.dump!() };
  }

  test('fails at every write, then a retry ends exactly where a run without the fault does', async () => {
    const clean = await run(0);
    expect(clean.answer).toMatchObject({ ok: true });
    const cleanWrites = clean.writes;
    expect(cleanWrites).toBeGreaterThan(0);
    const expected = normalise(clean.dump);
    const failures: string[] = [];
    for (let n = 1; n <= cleanWrites; n++) {
      const faulted = await run(n);
      if (faulted.faults !== 1 || faulted.first?.ok !== false) { failures.push(`write ${n}: the fault did not reach the caller as an error (${JSON.stringify(faulted.first)?.slice(0, 120)})`); continue; }
      const a = JSON.stringify(normaliseAnswer(faulted.answer));
      const b = JSON.stringify(normaliseAnswer(clean.answer));
      if (a !== b) failures.push(`write ${n}: the retry answered ${a.slice(0, 200)} instead of ${b.slice(0, 200)}`);
      const got = normalise(faulted.dump);
      const diff = Object.keys(expected).filter((k) => JSON.stringify(got[k]) !== JSON.stringify(expected[k]));
      if (diff.length) {
        // the first row that differs, so the failure says what went wrong, not only where
        const k = diff[0];
        const i = expected[k].findIndex((row, j) => JSON.stringify(row) !== JSON.stringify(got[k]?.[j]));
        const row = (r: unknown) => JSON.stringify(r)?.slice(0, 400);
        failures.push(`write ${n}: after the retry these differ from a clean run: ${diff.map((c) => `${c} (${got[c]?.length} rows, clean ${expected[c].length})`).join(', ')}; first: ${row(got[k]?.[i])} vs clean ${row(expected[k][i])}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
