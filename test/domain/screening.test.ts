/**
 * The scoring engine against the published cut-offs, at every band edge, and
 * the critical and acute rules; the instruments as data checked by a schema.
 */
import { z } from 'zod';
import { asq, gad7, instruments, phqA } from '../../src/content/screening';
import {
  ageOn, alertDueAt, askedItems, checkAnswers, consentState, dueText, isCrisis, itemsToAsk, overallUrgency, scoreInstrument, suppress,
  type Answers, type Instrument,
} from '../../src/domain/screening';

/** Answers summing to `total`, filling items in order with up to `max` each (item 9 last, so it stays 0 below 27). */
function answersFor(inst: Instrument, total: number, max = 3): Answers {
  const a: Answers = {};
  let left = total;
  for (const item of inst.items) {
    const v = Math.min(max, left);
    a[item.id] = v;
    left -= v;
  }
  if (left !== 0) throw new Error('total too high');
  return a;
}

// A total of 10 or more brings a routine follow-up within 7 days (issue 16), even with item 9 at 0.
describe('PHQ-A: bands at 5 / 10 / 15 / 20', () => {
  const cases: Array<[number, string, 'week' | null]> = [
    [0, 'minimal', null], [4, 'minimal', null], [5, 'mild', null], [9, 'mild', null], [10, 'moderate', 'week'],
    [11, 'moderate', 'week'], [14, 'moderate', 'week'], [15, 'moderately_severe', 'week'], [19, 'moderately_severe', 'week'],
    [20, 'severe', 'week'], [24, 'severe', 'week'],
  ];
  test.each(cases)('total %i → %s', (total, band, urgency) => {
    const r = scoreInstrument(phqA, answersFor(phqA, total));
    expect(r).toMatchObject({ total, bandKey: band, maxTotal: 27, critical: [], urgency });
  });
  test('27 is severe and item 9 is critical', () => {
    const r = scoreInstrument(phqA, answersFor(phqA, 27));
    expect(r).toMatchObject({ total: 27, bandKey: 'severe', critical: ['q9'], urgency: 'same_day' });
  });
});

describe('PHQ-A item 9 is critical when above 0, whatever the total', () => {
  test.each([1, 2, 3])('item 9 = %i on an otherwise empty form', (v) => {
    const a = answersFor(phqA, 0);
    a.q9 = v;
    const r = scoreInstrument(phqA, a);
    expect(r).toMatchObject({ total: v, bandKey: 'minimal', critical: ['q9'], urgency: 'same_day', level: 3 });
    expect(isCrisis([r])).toBe(true);
  });
  test('item 9 = 0 is not critical', () => {
    const r = scoreInstrument(phqA, answersFor(phqA, 14));
    expect(r.critical).toEqual([]);
    expect(isCrisis([r])).toBe(false);
  });
  test('a total of 14 with item 9 at 0 still brings a routine follow-up, and says why', () => {
    const r = scoreInstrument(phqA, answersFor(phqA, 14));
    expect(r.urgency).toBe('week');
    expect(r.reasons).toEqual([expect.stringContaining('总分 14（中度）')]);
  });
});

describe('GAD-7: bands at 5 / 10 / 15', () => {
  const cases: Array<[number, string]> = [
    [0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'severe'], [21, 'severe'],
  ];
  test.each(cases)('total %i → %s', (total, band) => {
    const r = scoreInstrument(gad7, answersFor(gad7, total));
    expect(r).toMatchObject({ total, bandKey: band, maxTotal: 21 });
    expect(r.urgency).toBe(total >= 10 ? 'week' : null);
  });
});

describe('ASQ: any yes or a declined answer is positive; a yes to the fifth is acute', () => {
  const no = { q1: 0, q2: 0, q3: 0, q4: 0 };
  test('four no: negative, no fifth question', () => {
    expect(itemsToAsk(asq, no).map((i) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(checkAnswers(asq, no)).toEqual([]);
    expect(scoreInstrument(asq, no)).toMatchObject({ positive: false, acute: false, urgency: null, total: null, level: 0 });
  });
  test.each(['q1', 'q2', 'q3', 'q4'])('yes to %s asks the fifth question', (id) => {
    const a = { ...no, [id]: 1 };
    expect(itemsToAsk(asq, a).map((i) => i.id)).toContain('q5');
    expect(checkAnswers(asq, a)).toEqual([{ kind: 'missing', itemId: 'q5' }]);
    expect(scoreInstrument(asq, { ...a, q5: 0 })).toMatchObject({ positive: true, acute: false, urgency: 'same_day', level: 3 });
    expect(scoreInstrument(asq, { ...a, q5: 1 })).toMatchObject({ positive: true, acute: true, urgency: 'acute', level: 4 });
  });
  test('declining to answer is positive, and declining the fifth is treated as acute', () => {
    const a = { ...no, q3: 2 };
    expect(scoreInstrument(asq, { ...a, q5: 0 })).toMatchObject({ positive: true, acute: false });
    expect(scoreInstrument(asq, { ...a, q5: 2 })).toMatchObject({ positive: true, acute: true, urgency: 'acute' });
  });
  test('the reasons name which ASQ item was answered yes (or not answered)', () => {
    const r = scoreInstrument(asq, { ...no, q2: 1, q4: 2, q5: 0 });
    expect(r.reasons.filter((x) => x.startsWith('ASQ 第'))).toEqual([
      expect.stringMatching(/^ASQ 第2题答“是”：/), expect.stringMatching(/^ASQ 第4题不愿回答：/),
    ]);
    expect(r.reasons.some((x) => x.startsWith('ASQ 第1题') || x.startsWith('ASQ 第3题'))).toBe(false);
  });
  test('a fifth answer on a negative screen is refused as stale', () => {
    expect(checkAnswers(asq, { ...no, q5: 0 })).toEqual([{ kind: 'unknown', itemId: 'q5' }]);
  });
  test('the whole submission takes the most urgent alert', () => {
    const phq = scoreInstrument(phqA, answersFor(phqA, 16));
    const acute = scoreInstrument(asq, { ...no, q1: 1, q5: 1 });
    expect(overallUrgency([phq])).toBe('week');
    expect(overallUrgency([phq, acute])).toBe('acute');
    expect(overallUrgency([scoreInstrument(gad7, answersFor(gad7, 3))])).toBeNull();
  });
});

describe('the engine handles any instrument in the format', () => {
  const made: Instrument = {
    id: 'test', name: 'T', title: 't', intro: '', stem: '', version: '1',
    licence: { holder: 'x', terms: 'x', source: 'x' },
    items: [
      { id: 'a', text: 'a', options: [{ value: 1, label: '1' }, { value: 2, label: '2' }, { value: 3, label: '3' }] },
      { id: 'b', text: 'b', reverse: true, options: [{ value: 1, label: '1' }, { value: 2, label: '2' }, { value: 3, label: '3' }] },
      { id: 'c', text: 'c', scored: false, options: [{ value: 0, label: '0' }, { value: 9, label: '9' }] },
    ],
    total: { bands: [{ key: 'low', min: 0, level: 0, label: 'l' }, { key: 'high', min: 5, level: 2, label: 'h', alert: 'week' }] },
    critical: [{ itemId: 'c', values: [9], urgency: 'acute', reason: 'c' }],
  };
  test('reverse items count max+min−value; unscored items are not summed', () => {
    expect(scoreInstrument(made, { a: 1, b: 3, c: 0 })).toMatchObject({ total: 2, bandKey: 'low', maxTotal: 6 });
    expect(scoreInstrument(made, { a: 3, b: 1, c: 0 })).toMatchObject({ total: 6, bandKey: 'high', urgency: 'week' });
    expect(scoreInstrument(made, { a: 3, b: 2, c: 0 })).toMatchObject({ total: 5, bandKey: 'high' });
    expect(scoreInstrument(made, { a: 2, b: 2, c: 0 })).toMatchObject({ total: 4, bandKey: 'low' });
    expect(scoreInstrument(made, { a: 1, b: 3, c: 9 })).toMatchObject({ critical: ['c'], urgency: 'acute' });
  });
  test('missing, unknown and out-of-range answers are named', () => {
    expect(checkAnswers(made, { a: 1, b: 2 })).toEqual([{ kind: 'missing', itemId: 'c' }]);
    expect(checkAnswers(made, { a: 1, b: 2, c: 0, d: 1 })).toEqual([{ kind: 'unknown', itemId: 'd' }]);
    expect(checkAnswers(made, { a: 4, b: 2, c: 0 })).toEqual([{ kind: 'out_of_range', itemId: 'a', value: 4 }]);
    expect(checkAnswers(made, { a: '1', b: 2, c: 0 })).toEqual([{ kind: 'out_of_range', itemId: 'a', value: '1' }]);
  });
});

describe('alerts fall due', () => {
  const HOUR = 3600_000;
  test('acute within an hour, week within seven days', () => {
    const now = Date.parse('2026-11-28T02:00:00Z');
    expect(alertDueAt('acute', now)).toBe(now + HOUR);
    expect(alertDueAt('week', now)).toBe(now + 7 * 24 * HOUR);
  });
  test('same day: by midnight China time, at least two hours ahead', () => {
    // 10:00 in Pu'er → due 24:00 in Pu'er = 16:00 UTC
    expect(alertDueAt('same_day', Date.parse('2026-11-28T02:00:00Z'))).toBe(Date.parse('2026-11-28T16:00:00Z'));
    // 23:30 in Pu'er → two hours later
    const late = Date.parse('2026-11-28T15:30:00Z');
    expect(alertDueAt('same_day', late)).toBe(late + 2 * HOUR);
  });
});

describe('consent: under 14 needs a guardian, by the China calendar day', () => {
  test('age in whole years', () => {
    expect(ageOn('2013-03-15', '2027-03-14')).toBe(13);
    expect(ageOn('2013-03-15', '2027-03-15')).toBe(14);
  });
  test('the 14th birthday begins at midnight in Pu\'er, not in UTC', () => {
    // 2027-03-14 17:00 UTC is already 2027-03-15 01:00 in China
    expect(consentState('2013-03-15', Date.parse('2027-03-14T15:00:00Z'), null)).toBe('needed');
    expect(consentState('2013-03-15', Date.parse('2027-03-14T17:00:00Z'), null)).toBe('not_required');
  });
  test('given and declined', () => {
    const now = Date.parse('2026-11-28T02:00:00Z');
    expect(consentState('2013-03-15', now, { agree: true })).toBe('given');
    expect(consentState('2013-03-15', now, { agree: false })).toBe('declined');
  });
});

test('small cells are suppressed, zero and five stay', () => {
  expect([0, 1, 4, 5, 12].map(suppress)).toEqual([0, null, null, 5, 12]);
});

/* ------------------------------------------------------------------------ */

const option = z.object({ value: z.number().int(), label: z.string().min(1), declined: z.boolean().optional() }).strict();
const item = z.object({
  id: z.string().regex(/^q\d+$/), text: z.string().min(4).max(80), options: z.array(option).min(2),
  reverse: z.boolean().optional(), scored: z.boolean().optional(), askIf: z.literal('positive').optional(),
  followUp: z.string().min(4).optional(),
}).strict();
const urgency = z.enum(['acute', 'same_day', 'week']);
const schema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/), name: z.string(), title: z.string(), intro: z.string().min(10), stem: z.string(), version: z.string(),
  licence: z.object({ holder: z.string().min(3), terms: z.string().min(10), source: z.string().url() }).strict(),
  items: z.array(item).min(1),
  total: z.object({ bands: z.array(z.object({ key: z.string(), min: z.number().int(), label: z.string(), level: z.number().int().min(0).max(4), alert: urgency.optional() }).strict()).min(2) }).strict().optional(),
  critical: z.array(z.object({ itemId: z.string(), values: z.array(z.number()), urgency, reason: z.string() }).strict()).optional(),
  positive: z.object({
    itemIds: z.array(z.string()), values: z.array(z.number()), acute: z.object({ itemId: z.string(), values: z.array(z.number()) }).optional(),
    urgency, acuteUrgency: urgency, reason: z.string(), acuteReason: z.string(),
  }).strict().optional(),
}).strict();

describe.each(instruments.map((i) => [i.id, i] as const))('instrument %s as data', (_id, inst) => {
  test('matches the schema', () => { expect(() => schema.parse(inst)).not.toThrow(); });
  test('item ids are unique and every rule names a real item and a real option value', () => {
    const ids = inst.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const values = (id: string) => inst.items.find((i) => i.id === id)!.options.map((o) => o.value);
    for (const r of inst.critical ?? []) for (const v of r.values) expect(values(r.itemId)).toContain(v);
    if (inst.positive) {
      for (const id of inst.positive.itemIds) expect(ids).toContain(id);
      if (inst.positive.acute) expect(ids).toContain(inst.positive.acute.itemId);
    }
  });
  test('bands start at 0 and rise', () => {
    const mins = inst.total?.bands.map((b) => b.min) ?? [0];
    expect(mins[0]).toBe(0);
    expect([...mins].sort((a, b) => a - b)).toEqual(mins);
  });
  test('licence says it is free to use', () => {
    expect(inst.licence.terms).toMatch(/免费/);
  });
  test('words a 10-year-old reads: short items, no clinical names in what the student sees', () => {
    for (const i of inst.items) expect(i.text.length).toBeLessThanOrEqual(50);
    const shown = [inst.title, inst.intro, inst.stem, ...inst.items.map((i) => i.text)].join('');
    // 焦虑 is a word of the published GAD-7 item 1 (感觉紧张、焦虑或急切), not a label; diagnoses stay out
    expect(shown).not.toMatch(/抑郁|焦虑症|PHQ|GAD|ASQ|障碍|症/);
  });
});

test('no licensed-only instruments are shipped', () => {
  expect(instruments.map((i) => i.id).sort()).toEqual(['asq', 'gad-7', 'phq-a']);
  const all = JSON.stringify(instruments);
  expect(all).not.toMatch(/SDQ|SCL-90|MHT|心理健康诊断测验/);
});

describe('askedItems: one follow-up rule for the cloud and the student\'s phone', () => {
  // the shape the phone gets (instrumentView in screening.current): items with askIf, the rule as followUp
  const items = [{ id: 'q1' }, { id: 'q2' }, { id: 'q5', askIf: 'positive' as const }];
  const rule = { itemIds: ['q1', 'q2'], values: [1, 2] };

  test('a follow-up is asked only once a screening item is positive, and drops again when the answer changes', () => {
    expect(askedItems(items, rule, {}).map((i) => i.id)).toEqual(['q1', 'q2']);
    expect(askedItems(items, rule, { q1: 0, q2: 0 }).map((i) => i.id)).toEqual(['q1', 'q2']);
    expect(askedItems(items, rule, { q1: 0, q2: 2 }).map((i) => i.id)).toEqual(['q1', 'q2', 'q5']);
    expect(askedItems(items, null, { q1: 1 }).map((i) => i.id)).toEqual(['q1', 'q2']);
  });

  test('the instrument form agrees with the phone form for every answer set of the ASQ screen', () => {
    for (const q1 of [0, 1, 2]) for (const q4 of [0, 1, 2]) {
      const answers = { q1, q4 };
      const phone = askedItems(asq.items, asq.positive ? { itemIds: asq.positive.itemIds, values: asq.positive.values } : null, answers);
      expect(phone.map((i) => i.id)).toEqual(itemsToAsk(asq, answers).map((i) => i.id));
    }
  });
});

describe('consent counts only for the terms it answered', () => {
  const now = Date.parse('2026-11-28T02:00:00Z');
  test('an answer to version 1 is needed again once the campaign is at version 2', () => {
    expect(consentState('2013-03-15', now, { agree: true }, 1)).toBe('given');
    expect(consentState('2013-03-15', now, { agree: true, version: 1 }, 2)).toBe('needed');
    expect(consentState('2013-03-15', now, { agree: false, version: 1 }, 2)).toBe('needed');
    expect(consentState('2013-03-15', now, { agree: true, version: 2 }, 2)).toBe('given');
  });
});

describe('an alert deadline in words, China time', () => {
  const now = Date.parse('2026-11-28T02:00:00Z'); // 10:00 in Pu'er
  test.each([
    ['2026-11-28T16:00:00Z', '今天 24:00 前'],
    ['2026-11-28T03:00:00Z', '今天 11:00 前'],
    ['2026-11-29T02:30:00Z', '明天 10:30 前'],
    ['2026-12-05T02:00:00Z', '12月5日 10:00 前'],
    ['2026-11-28T01:00:00Z', '已超时，请马上跟进'],
  ])('%s → %s', (due, text) => expect(dueText(Date.parse(due), now)).toBe(text));
});
