/**
 * The coverage counters of holiday letters (commitment_counts, kept by
 * commitment.sign) against a full recount from the commitments: after a
 * parallel burst by two guardians of the same children, after replays, and
 * after a signing call that died between its marker and its increment.
 */
import { countFirstSignature, REPAIR_GRACE_MS, type ClassCount, type FirstSignatureMarker } from '../../src/cloud/handlers/commitment/counts';
import type { CommitmentDoc, StudentDoc } from '../../src/cloud/handlers/holiday/shared';
import type { RoleBinding } from '../../src/domain/roles';
import { makeHarness, rid, sqliteOnly, type Harness } from './harness';
import { suppressTree, type CountNode, type ShownNode } from '../../src/domain/suppression';

const CAMPAIGN = 'dragon_boat-2026';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-06-15T02:00:00Z'); });
afterEach(() => h.close());

const students = () => h.store.collection<StudentDoc>('students').find();

/** Children with a signature per class, counted from every commitment (what the counters must equal). */
async function recount(): Promise<Record<string, number>> {
  const rows = await h.store.collection<CommitmentDoc>('commitments').find({ campaignId: CAMPAIGN });
  const children = new Map<string, Set<string>>();
  for (const r of rows) children.set(r.classId, (children.get(r.classId) ?? new Set()).add(r.studentId));
  return Object.fromEntries([...children].map(([k, s]) => [k, s.size]).sort());
}

async function counters(): Promise<Record<string, number>> {
  const rows = await h.store.collection<ClassCount>('commitment_counts').find({ campaignId: CAMPAIGN });
  return Object.fromEntries(rows.filter((r) => r.signedChildren > 0).map((r) => [r.classId, r.signedChildren] as [string, number]).sort());
}

/**
 * The coverage the coordinator gets is the scan's figures, suppressed as one tree: the counters it reads add up
 * to what the commitments say, and only then is anything withheld (domain/suppression.ts).
 */
async function expectCoverageIsTheScan(cov: any) {
  const all = await students();
  const signed = new Set((await h.store.collection<CommitmentDoc>('commitments').find({ campaignId: CAMPAIGN })).map((r) => r.studentId));
  const leaf = (id: string): CountNode<'signed' | 'unsigned'> => {
    const kids = all.filter((s) => s.classId === id);
    const n = kids.filter((s) => signed.has(s._id)).length;
    return { id, name: id, total: kids.length, parts: { signed: n, unsigned: kids.length - n } };
  };
  const node = (id: string, children: CountNode<'signed' | 'unsigned'>[]): CountNode<'signed' | 'unsigned'> => ({
    id, name: id, children, total: children.reduce((a, c) => a + c.total, 0),
    parts: { signed: children.reduce((a, c) => a + c.parts.signed, 0), unsigned: children.reduce((a, c) => a + c.parts.unsigned, 0) },
  });
  const scan = node('city', cov.counties.map((c: any) => node(c.id, c.schools.map((s: any) => node(s.id, s.classes.map((k: any) => leaf(k.id)))))));
  expect(scan.total).toBe(all.length); // every child on the roll is in some class of the page
  const shown = suppressTree(scan, ['signed', 'unsigned'] as const);
  const cell = (n: ShownNode<'signed' | 'unsigned'>) => ({ signed: n.parts.signed, eligible: n.total });
  expect(cov.total).toEqual(cell(shown));
  cov.counties.forEach((c: any, i: number) => {
    expect(c).toMatchObject(cell(shown.children![i]));
    c.schools.forEach((s: any, j: number) => {
      expect(s).toMatchObject(cell(shown.children![i].children![j]));
      s.classes.forEach((k: any, m: number) => expect(k).toMatchObject(cell(shown.children![i].children![j].children![m])));
    });
  });
}

const signedInCounters = async () => Object.values(await counters()).reduce((a, b) => a + b, 0);

const coverage = async () => {
  const res = await h.call('commitment.coverage', { campaignId: CAMPAIGN }, { as: await h.as('DEMO-COORD') });
  expect(res.ok).toBe(true);
  return res.data;
};

async function guardianOfAll(name: string, relation: string) {
  const bindings: RoleBinding[] = (await students()).map((s) => ({ role: 'guardian', schoolId: s.schoolId, studentId: s._id, guardianName: name, relation }));
  return h.asBinding(...bindings);
}

async function pledges(who: Awaited<ReturnType<Harness['as']>>): Promise<string[]> {
  return (await h.call('holiday.current', {}, { as: who })).data.pledges.map((p: { id: string }) => p.id);
}

test('two guardians signing every child at once, then replays and new request ids: counters equal a full recount', async () => {
  const mother = await guardianOfAll('母亲甲', '母亲');
  const father = await guardianOfAll('父亲乙', '父亲');
  const pledgeIds = await pledges(mother);
  const kids = await students();
  expect(kids.length).toBeGreaterThanOrEqual(8);
  const requests = kids.flatMap((s) => [mother, father].map((who) => ({ who, requestId: rid(), data: { campaignId: CAMPAIGN, studentId: s._id, pledgeIds, method: 'confirm' } })));
  const send = (r: (typeof requests)[number], requestId = r.requestId) => h.call('commitment.sign', r.data, { as: r.who, requestId });
  /**
   * As the app sends (src/services/api.ts): a copy of a write that arrives while the first copy still runs
   * is told to wait (CONFLICT, details.inProgress) where there is no unit of work (CloudBase's pending
   * marker, dispatch.ts runIdempotent), and asks again. On SQLite the copy waits for the first one's unit
   * and gets its answer, so it is never told to wait.
   */
  let waits = 0;
  const sendLikeTheApp = async (r: (typeof requests)[number]) => {
    for (let i = 0; i < 50; i++) {
      const res = await send(r);
      if (res.ok || !(res.error?.code === 'CONFLICT' && (res.error as { details?: { inProgress?: boolean } }).details?.inProgress)) return res;
      waits++;
      await new Promise((done) => setTimeout(done, 5));
    }
    throw new Error('still in progress after 50 tries');
  };

  // each request twice at once, both guardians of every child at once
  const burst = await Promise.all([...requests, ...requests].map((r) => sendLikeTheApp(r)));
  expect(burst.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
  if (h.storeKind === 'sqlite') expect(waits).toBe(0);
  else expect(waits).toBeGreaterThan(0); // the copies did race each other (the fake answers every call after a hop)
  // the two copies of each request got one answer: the same version of the same signature
  for (let i = 0; i < requests.length; i++) expect(burst[i + requests.length].data).toEqual(burst[i].data);
  expect(Object.keys(await recount()).length).toBeGreaterThan(1);
  expect(await counters()).toEqual(await recount());
  expect(Object.values(await counters()).reduce((a, b) => a + b, 0)).toBe(kids.length);

  // replays of the same requests, and the same signatures under new request ids, in parallel
  await Promise.all([...requests.map((r) => send(r)), ...requests.map((r) => send(r, rid()))]);
  expect(await counters()).toEqual(await recount());
  expect((await h.store.collection<FirstSignatureMarker>('commitment_firsts').find()).every((m) => m.counted)).toBe(true);

  const city = await coverage();
  await expectCoverageIsTheScan(city);
  expect(city.total).toEqual({ signed: kids.length, eligible: kids.length }); // all 8 signed: nothing small to protect in the total
  // the desk's pledge counters (per class and school) equal a full recount too
  const { recountFromRecords } = await import('../../src/cloud/handlers/targets/counts');
  const live = (await h.store.collection<{ _id: string; kind: string; n: number }>('tallies').find({ kind: 'pledge' })).map((r) => [r._id, r.n]).sort();
  const ref = (await recountFromRecords(h.store)).rows.filter((r) => r.kind === 'pledge').map((r) => [r._id, r.n]).sort();
  expect(live).toEqual(ref);
  expect(live.filter(([id]) => !String(id).includes('@school')).reduce((a, [, n]) => a + Number(n), 0)).toBe(kids.length);
});

test('coverage per county, school and class comes from the counters and matches the scan when half the children are signed', async () => {
  const mother = await guardianOfAll('母亲甲', '母亲');
  const pledgeIds = await pledges(mother);
  const kids = await students();
  const half = kids.filter((_, i) => i % 2 === 0);
  await Promise.all(half.map((s) => h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: s._id, pledgeIds, method: 'confirm' }, { as: mother })));
  const city = await coverage();
  await expectCoverageIsTheScan(city);
  expect(await signedInCounters()).toBe(half.length);
  expect(await counters()).toEqual(await recount());
  // 4 of 8: the 4 is withheld, the roll of 8 is not
  expect(city.total).toEqual({ signed: null, eligible: kids.length });
});

describe('a signing call that dies between its marker and its increment', () => {
  async function crashedSignature(studentId: string, counted: 'before increment' | 'after increment') {
    const s = (await h.store.collection<StudentDoc>('students').get(studentId))!;
    const now = h.clock.now().getTime();
    const doc = {
      _id: `${CAMPAIGN}:${s._id}:u-crashed`, campaignId: CAMPAIGN, studentId: s._id, classId: s.classId, schoolId: s.schoolId, countyId: 'simao',
      userId: 'u-crashed', guardianLabel: '监护人', method: 'confirm', signatureFileId: null, pledgeIds: [], pledgeTexts: [], signedAt: now, version: 1,
    } as CommitmentDoc;
    await h.store.collection<CommitmentDoc>('commitments').insert(doc);
    if (counted === 'before increment') {
      expect(await countFirstSignature(h.store, doc, now, true)).toBe(true);
    } else {
      // the increment happened, the process died before marking the marker counted
      expect(await countFirstSignature(h.store, doc, now)).toBe(true);
      await h.store.collection('commitment_firsts').update(`${CAMPAIGN}:${s._id}`, { set: { counted: false } });
    }
  }

  test('the counter is one short only until the grace has passed; then coverage repairs it, once', async () => {
    await crashedSignature('stu-simao-1', 'before increment');
    expect((await counters())['cls-simao-1-8-2'] ?? 0).toBe(0);
    await coverage(); // within the grace: no repair yet
    expect(await signedInCounters()).toBe(0); // under-counts, never over-counts
    // another guardian of the same child signs meanwhile: the marker exists, so no increment either
    const parent = await h.as('DEMO-PARENT');
    await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: 'stu-simao-1', pledgeIds: await pledges(parent), method: 'confirm' }, { as: parent });
    await coverage();
    expect(await signedInCounters()).toBe(0);

    h.clock.advance(REPAIR_GRACE_MS + 1000);
    await expectCoverageIsTheScan(await coverage());
    expect(await signedInCounters()).toBe(1);
    expect(await counters()).toEqual(await recount());
    expect((await h.store.collection<FirstSignatureMarker>('commitment_firsts').find()).every((m) => m.counted)).toBe(true);
  });

  test('a crash after the increment is not counted twice by the repair', async () => {
    await crashedSignature('stu-simao-2', 'after increment');
    expect(await counters()).toEqual(await recount());
    h.clock.advance(REPAIR_GRACE_MS + 1000);
    await coverage();
    await coverage();
    expect(await counters()).toEqual(await recount());
    await expectCoverageIsTheScan(await coverage());
  });

  test('the repair leaves a class alone while a fresh first signature may still be incrementing', async () => {
    await crashedSignature('stu-simao-1', 'before increment');
    h.clock.advance(REPAIR_GRACE_MS + 1000);
    await crashedSignature('stu-simao-3', 'before increment'); // same class, fresh: a live call could still increment
    await coverage();
    expect((await counters())['cls-simao-1-8-2'] ?? 0).toBe(0);
    h.clock.advance(REPAIR_GRACE_MS + 1000);
    await coverage();
    expect(await counters()).toEqual(await recount());
    await expectCoverageIsTheScan(await coverage());
  });
});

sqliteOnly('migration 8 is SQL run on the SQLite file (CloudBase has no migrations: its counters start with the feature)',
  'migration 8 derives markers and counters from commitments already stored', async () => {
  const { COMMITMENT_COUNTS_BACKFILL } = await import('../../src/cloud/store/migrations');
  const parent = await h.as('DEMO-PARENT');
  await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: 'stu-simao-1', pledgeIds: await pledges(parent), method: 'confirm' }, { as: parent });
  const before = await counters();
  await h.store.collection('commitment_firsts').removeWhere({});
  await h.store.collection('commitment_counts').removeWhere({});
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${h.dir}/test.db`);
  for (const sql of COMMITMENT_COUNTS_BACKFILL) db.exec(sql);
  for (const sql of COMMITMENT_COUNTS_BACKFILL) db.exec(sql); // twice: nothing more
  db.close();
  expect(await counters()).toEqual(before);
  expect(await counters()).toEqual(await recount());
  expect((await h.store.collection<FirstSignatureMarker>('commitment_firsts').find())).toEqual([expect.objectContaining({ counted: true, classId: 'cls-simao-1-8-2' })]);
});
