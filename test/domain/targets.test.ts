import { FIGURES, TARGETS } from '../../src/content/puer/targets';
import {
  evaluateCount, evaluateDecline, evaluatePct, forYear, lastYearOf, monthsBetween, returnDueAt, ruleText, schoolYearMonths,
  schoolYearOf, semesterOf,
} from '../../src/domain/targets';

describe('targets data', () => {
  test('every target names a known figure and a rule for the plan years', () => {
    const ids = new Set(FIGURES.map((f) => f.id));
    for (const t of TARGETS) {
      const s = t.source;
      if (s.kind === 'figure') expect(ids.has(s.figureId)).toBe(true);
      if (s.kind === 'ratio') { expect(ids.has(s.figureId)).toBe(true); expect(ids.has(s.ofFigureId)).toBe(true); }
      if (s.kind === 'perYear') expect(ids.has(s.figureId)).toBe(true);
      expect(ruleText(t.rule, 2025)).toMatch(/\d|下降/);
    }
    expect(new Set(TARGETS.map((t) => t.id)).size).toBe(TARGETS.length);
  });

  test('the plan\'s yearly steps: 平安校园 60/70/80 %, accidents 10/20 % then any decline, held after 2025', () => {
    const safe = TARGETS.find((t) => t.id === 'safe_campus')!.rule;
    if (safe.kind !== 'atLeastPct') throw new Error('rule');
    expect([2023, 2024, 2025, 2026].map((y) => forYear(safe.byYear, y))).toEqual([60, 70, 80, 80]);
    const acc = TARGETS.find((t) => t.id === 'accidents')!.rule;
    if (acc.kind !== 'decline') throw new Error('rule');
    expect(ruleText(acc, 2023)).toBe('比去年同期下降≥10%');
    expect(ruleText(acc, 2024)).toBe('比去年同期下降≥20%');
    expect(ruleText(acc, 2025)).toBe('比去年同期下降');
  });
});

describe('decline rule at its edges', () => {
  test('10 % down is on track, 9.9 % down is at risk, up is off track', () => {
    expect(evaluateDecline(900, 1000, 10)).toBe('on_track');   // exactly 10 %
    expect(evaluateDecline(901, 1000, 10)).toBe('at_risk');    // 9.9 %
    expect(evaluateDecline(1000, 1000, 10)).toBe('at_risk');   // flat
    expect(evaluateDecline(1001, 1000, 10)).toBe('off_track');
    expect(evaluateDecline(80, 100, 20)).toBe('on_track');
    expect(evaluateDecline(81, 100, 20)).toBe('at_risk');
  });
  test('"下降" with no percentage: strictly lower; zero last year: zero again is on track', () => {
    expect(evaluateDecline(9, 10, 0)).toBe('on_track');
    expect(evaluateDecline(10, 10, 0)).toBe('at_risk');
    expect(evaluateDecline(11, 10, 0)).toBe('off_track');
    expect(evaluateDecline(0, 0, 10)).toBe('on_track');
    expect(evaluateDecline(1, 0, 10)).toBe('off_track');
  });
  test('no return for either period is no data, not zero', () => {
    expect(evaluateDecline(null, 10, 10)).toBe('no_data');
    expect(evaluateDecline(5, null, 10)).toBe('no_data');
  });
});

describe('percentage and count rules', () => {
  test('coverage 100 %: 100 % on track, 99.9 % at risk, under 90 % off track; nobody on the roll is no data', () => {
    expect(evaluatePct(1000, 1000, 100, 10)).toBe('on_track');
    expect(evaluatePct(999, 1000, 100, 10)).toBe('at_risk');
    expect(evaluatePct(900, 1000, 100, 10)).toBe('at_risk');
    expect(evaluatePct(899, 1000, 100, 10)).toBe('off_track');
    expect(evaluatePct(0, 0, 100, 10)).toBe('no_data');
    // a school with no campaign: 0 of its roll screened, 0 %
    expect(evaluatePct(0, 450, 100, 10)).toBe('off_track');
  });
  test('a break with no letter signed: 0 % is off track, not missing', () => {
    expect(evaluatePct(0, 5, 100, 10)).toBe('off_track');
  });
  test('yearly counts by time progress', () => {
    expect(evaluateCount(2, 2, 0.3)).toBe('on_track');
    expect(evaluateCount(1, 2, 0.5)).toBe('at_risk');
    expect(evaluateCount(0, 2, 0.6)).toBe('off_track');
    expect(evaluateCount(1, 2, 1)).toBe('off_track');
    expect(evaluateCount(null, 2, 1)).toBe('no_data');
  });
});

describe('periods', () => {
  test('months, last year, school years, semesters and the return deadline', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(lastYearOf('2026-01', '2026-03')).toEqual({ from: '2025-01', to: '2025-03' });
    expect(schoolYearMonths('2025-2026')).toEqual({ from: '2025-09', to: '2026-08' });
    expect(schoolYearOf('2026-08')).toBe('2025-2026');
    expect(schoolYearOf('2026-09')).toBe('2026-2027');
    expect(semesterOf('2026-02')).toBe('2025-2026-1');
    expect(semesterOf('2026-03')).toBe('2025-2026-2');
    // December's return: due the 5th of January, end of day China time
    expect(new Date(returnDueAt('2025-12', 5)).toISOString()).toBe('2026-01-05T16:00:00.000Z');
  });
});
