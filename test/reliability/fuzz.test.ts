/**
 * Property-based bad input for every registered action (fast-check): random
 * JSON, objects with the action's own field names holding the wrong kinds of
 * values, huge and odd strings, prototype keys. Every answer must be an
 * envelope: either ok, or a 4xx code with a Chinese message; never INTERNAL
 * (500), never a thrown exception; and when refused, no business row changes.
 *
 * At least 10,000 cases in all (FUZZ_RUNS per action, default sized so).
 */
import fc from 'fast-check';
import { z } from 'zod';
import { actions } from '../../src/cloud/handlers';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { HTTP_STATUS } from '../../src/domain/errors';
import { makeHarness, rid, type Harness } from '../cloud/harness';
import { BOOKKEEPING, businessFingerprint } from './fingerprint';
import { bullying, caseIdOf } from '../fixtures/reports';

const TOTAL_CASES = Number(process.env.FUZZ_CASES || 10_000);
const CODES = ['DEMO-STUDENT', 'DEMO-PARENT', 'DEMO-TEACHER', 'DEMO-PSY', 'DEMO-SAFETY', 'DEMO-POLICE', 'DEMO-EDU', 'DEMO-COORD-SIMAO', 'DEMO-COORD'];
const CJK = /[\u4e00-\u9fff]/;

/** The top-level field names of an action's input, when it is an object schema. */
function fieldNames(schema: z.ZodTypeAny): string[] {
  let s: any = schema;
  while (s && !(s instanceof z.ZodObject)) s = s._def?.schema ?? s._def?.innerType ?? s._def?.in ?? null;
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** Every enum option and literal anywhere in a schema: near-valid values that get past validation. */
function schemaLiterals(schema: unknown, out = new Set<unknown>(), seen = new Set<unknown>()): Set<unknown> {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return out;
  seen.add(schema);
  if (schema instanceof z.ZodEnum) for (const v of schema.options) out.add(v);
  if (schema instanceof z.ZodLiteral) out.add(schema.value);
  const def = (schema as any)._def;
  if (def) for (const v of Object.values(def)) {
    if (typeof v === 'function' && (v as any).name === 'shape') schemaLiterals({ _def: (v as any)() }, out, seen);
    else if (Array.isArray(v)) v.forEach((x) => schemaLiterals(x, out, seen));
    else if (v && typeof v === 'object') schemaLiterals(v, out, seen);
  }
  return out;
}

/** Filled in beforeAll: real ids, codes and secrets from the seeded store, so some inputs reach the handlers. */
const plausible: unknown[] = [];
const realValue = fc.nat().map((i) => plausible[i % Math.max(1, plausible.length)]);

const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '💥💥💥', '<script>alert(1)</script>', "' OR 1=1 --", '2026-02-31', 'NaN', '__proto__', 'x'.repeat(5000), '2026-11-28T10:00:00+08:00'),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: realValue },
  { weight: 1, arbitrary: fc.constantFrom('今天放学后他们又在厕所门口堵我，还抢走了我的钱。', '学校后门的小河没有护栏。') },
  oddString,
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308),
  fc.array(oddString, { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), oddString, { maxKeys: 3 }),
);
/** Objects with the action's own keys (so validation goes past "unknown key"), some keys missing or extra. */
const shaped = (names: string[]) =>
  names.length
    ? fc.record(Object.fromEntries(names.map((n) => [n, oddValue])), { requiredKeys: [] }).chain((o) =>
      fc.oneof(fc.constant(o), fc.record({ extra: oddValue }).map((e) => ({ ...o, ...e }))))
    : fc.dictionary(fc.string({ maxLength: 10 }), oddValue, { maxKeys: 4 });
const anyInput = (names: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: shaped(names) },
    { weight: 2, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], '', 0, { __proto__: { admin: true } }, { constructor: { prototype: {} } }) },
  );

/**
 * A valid request per action, as a caller who may make it: the near-valid property mutates one
 * field of these, so the mutations reach the handlers' own checks, not only the schema.
 * (Add a line here with each new action; the test below says which actions have none.)
 */
interface Known { caseId: string; trackingCode: string; secret: string }
const VALID: Record<string, (k: Known) => { as: string | null; data: Record<string, unknown> }> = {
  'report.submit': () => ({ as: null, data: bullying() }),
  'report.status': (k) => ({ as: null, data: { trackingCode: k.trackingCode, secret: k.secret } }),
  'report.message': (k) => ({ as: null, data: { trackingCode: k.trackingCode, secret: k.secret, text: '他们今天又来了。' } }),
  'report.mandatory': () => ({ as: 'DEMO-TEACHER', data: { ...bullying(), relation: undefined } }),
  'case.list': () => ({ as: 'DEMO-EDU', data: { status: 'new' } }),
  'case.get': (k) => ({ as: 'DEMO-EDU', data: { id: k.caseId } }),
  'case.note': (k) => ({ as: 'DEMO-EDU', data: { id: k.caseId, text: '已联系学校核实。' } }),
  'case.reply': (k) => ({ as: 'DEMO-EDU', data: { id: k.caseId, text: '我们已经收到，会尽快处理。' } }),
  'case.acknowledge': (k) => ({ as: 'DEMO-EDU', data: { id: k.caseId } }),
  'case.transfer': (k) => ({ as: 'DEMO-EDU', data: { id: k.caseId, toDeptId: 'simao.police', reason: '涉及违法行为。' } }),
  'case.resolve': (k) => ({ as: 'DEMO-EDU', data: { id: k.caseId, disposition: 'handled', summary: '已经处理完毕，家长已知情。' } }),
  'case.reopen': (k) => ({ as: 'DEMO-COORD-SIMAO', data: { id: k.caseId, reason: '举报人又反映了新情况。' } }),
  'case.stats': () => ({ as: 'DEMO-COORD', data: { from: '2026-11-01', to: '2026-11-30' } }),
  'auth.redeem': () => ({ as: '', data: { code: 'DEMO-STUDENT' } }),
};
const known: Known = { caseId: '', trackingCode: '', secret: '' };

let h: Harness;
let callers: Array<CallerIdentity | null>;
const byCode = new Map<string, CallerIdentity | null>();
beforeAll(async () => {
  h = await makeHarness();
  callers = [null, await h.as(), ...(await Promise.all(CODES.map((c) => h.as(c))))];
  byCode.set('', callers[1]);
  CODES.forEach((c, i) => byCode.set(c, callers[i + 2]));
  // a real case, with its code and secret, so status, message and case.* inputs can name something that exists
  const filed = await h.call('report.submit', bullying(), { as: null });
  if (!filed.ok) throw new Error('setup: ' + JSON.stringify(filed.error));
  plausible.push(filed.data.trackingCode, filed.data.secret);
  Object.assign(known, { trackingCode: filed.data.trackingCode, secret: filed.data.secret, caseId: await caseIdOf(h, filed.data.trackingCode) });
  const dump = await h.store.dump!();
  for (const [table, rows] of Object.entries(dump)) {
    if (BOOKKEEPING.has(table)) continue;
    for (const row of rows.slice(0, 40)) {
      plausible.push(row._id);
      for (const [k, v] of Object.entries(row)) if (/Id$|^code$/.test(k) && typeof v === 'string') plausible.push(v);
    }
  }
  for (const a of actions.values()) for (const v of schemaLiterals(a.input)) plausible.push(v);
});
afterAll(async () => { await h.close(); });

test(`${TOTAL_CASES}+ random bad inputs over every action: 4xx with a Chinese message, never a 500, nothing changed when refused`, async () => {
  const names = [...actions.keys()];
  const perAction = Math.ceil(TOTAL_CASES / names.length);
  let cases = 0;
  const failures: string[] = [];
  for (const name of names) {
    const fields = fieldNames(actions.get(name)!.input);
    await fc.assert(
      fc.asyncProperty(anyInput(fields), fc.nat(callers.length - 1), fc.boolean(), async (data, who, withRequestId) => {
        cases++;
        const before = await businessFingerprint(h.store);
        let res;
        try {
          res = await h.call(name, data, { as: callers[who], requestId: withRequestId ? rid() : (undefined as any) });
        } catch (e) {
          failures.push(`${name}: threw ${(e as Error).message}`);
          return false;
        }
        if (res.ok) return true; // random input that happens to be valid (e.g. catalog.get {}) may do its job
        const status = HTTP_STATUS[res.error!.code as keyof typeof HTTP_STATUS];
        const good = status >= 400 && status < 500 && CJK.test(res.error!.message);
        if (!good) failures.push(`${name} ${JSON.stringify(data)?.slice(0, 200)} → ${JSON.stringify(res.error)}`);
        const after = await businessFingerprint(h.store);
        if (after !== before) failures.push(`${name}: refused (${res.error!.code}) but changed data for ${JSON.stringify(data)?.slice(0, 200)}`);
        return good && after === before;
      }),
      { numRuns: perAction, seed: Number(process.env.FUZZ_SEED) || undefined, endOnFailure: true },
    ).catch(() => { /* collected in failures, reported below with every action's first failure */ });
  }
  expect(failures.slice(0, 20)).toEqual([]);
  expect(cases).toBeGreaterThanOrEqual(TOTAL_CASES);
}, 600_000);

/** One field of a valid request replaced by a bad value, dropped, or joined by an unknown one. */
const mutation = (data: Record<string, unknown>) =>
  fc.oneof(
    fc.constantFrom(...Object.keys(data)).chain((key) =>
      fc.oneof(oddValue.map((v) => ({ ...data, [key]: v })), fc.constant(Object.fromEntries(Object.entries(data).filter(([k]) => k !== key))))),
    oddValue.map((v) => ({ ...data, unexpected: v })),
  );

test('near-valid requests (one field of a valid request made bad) reach the handlers and are refused cleanly', async () => {
  const failures: string[] = [];
  let refused = 0;
  const RUNS = Number(process.env.FUZZ_NEAR_RUNS || 150);
  for (const [name, make] of Object.entries(VALID)) {
    const { as, data } = make(known);
    const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    await fc.assert(
      fc.asyncProperty(mutation(clean), async (bad) => {
        const before = await businessFingerprint(h.store);
        let res;
        try { res = await h.call(name, bad, { as: byCode.get(as ?? '') ?? null }); } catch (e) {
          failures.push(`${name}: threw ${(e as Error).message}`);
          return false;
        }
        if (res.ok) return true; // e.g. an unknown key on a lenient field, or a changed but still valid text
        refused++;
        const status = HTTP_STATUS[res.error!.code as keyof typeof HTTP_STATUS];
        const good = status >= 400 && status < 500 && CJK.test(res.error!.message);
        if (!good) failures.push(`${name} ${JSON.stringify(bad).slice(0, 200)} → ${JSON.stringify(res.error)}`);
        const after = await businessFingerprint(h.store);
        if (after !== before) failures.push(`${name}: refused (${res.error!.code}) but changed data for ${JSON.stringify(bad).slice(0, 200)}`);
        return good && after === before;
      }),
      { numRuns: RUNS, endOnFailure: true },
    ).catch(() => { /* collected in failures */ });
  }
  expect(failures.slice(0, 20)).toEqual([]);
  expect(refused).toBeGreaterThan(Object.keys(VALID).length * RUNS * 0.5);
}, 600_000);
