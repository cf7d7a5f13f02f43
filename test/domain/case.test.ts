import {
  CODE_ALPHABET, MANDATORY_P1_CATEGORIES, RESOLVE_WITHIN_MS, actingBinding, allowedActions, caseAccess, caseStats,
  codeFromHex, escalationDue, escalationReason, escalationTarget, isOverdue, median, parseSecret, parseTrackingCode, reminderDue,
  type CaseRecord,
} from '../../src/domain/case';
import { ACK_WITHIN_MS } from '../../src/domain/report';
import type { RoleBinding } from '../../src/domain/roles';
import { chinaDayStart, chinaMonthKey } from '../../src/domain/chinaTime';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-28T02:00:00Z');

function aCase(over: Partial<CaseRecord> = {}): CaseRecord {
  const priority = over.priority ?? 'P1';
  return {
    _id: 'c' + '0'.repeat(31), trackingCode: 'K7QH-M3XP-9R', channel: 'anonymous', secretHash: 'x',
    category: 'sexual_abuse', description: '……', place: null, occurredAt: null, relation: null, flags: [], waterType: null,
    schoolId: null, countyId: 'simao', jurisdiction: 'simao', photoIds: [], textCheck: 'skipped',
    lead: [{ type: 'dept', id: 'simao.police', name: '普洱市公安局思茅分局' }],
    informed: [{ type: 'dept', id: 'simao.edu', name: '思茅区教育体育局' }],
    deptIds: ['simao.police', 'simao.edu'],
    priority, status: 'new', createdAt: T0, dueAt: T0 + ACK_WITHIN_MS[priority], resolveDueAt: T0 + RESOLVE_WITHIN_MS[priority],
    acknowledgedAt: null, firstAcknowledgedAt: null, resolvedAt: null, disposition: null, summary: null,
    escalationLevel: 0, remindedForDueAt: 0, version: 1, inputDigest: null, reporterUserId: null, reporter: null,
    ...over,
  };
}

describe('tracking codes and secrets', () => {
  test('are grouped for reading and use no look-alike characters', () => {
    for (const bad of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(bad);
    const code = codeFromHex('ab'.repeat(32), 10);
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    expect(codeFromHex('cd'.repeat(32), 8)).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  test('different inputs give different codes', () => {
    const codes = new Set(Array.from({ length: 200 }, (_, i) => codeFromHex(i.toString(16).padStart(64, '0'), 10)));
    expect(codes.size).toBe(200);
  });

  test('what people type back is normalised: lower case, spaces, other dashes', () => {
    expect(parseTrackingCode(' k7qh m3xp—9r ')).toBe('K7QH-M3XP-9R');
    expect(parseSecret('abcd efgh')).toBe('ABCD-EFGH');
  });

  test('wrong length or impossible characters are not codes', () => {
    expect(parseTrackingCode('K7QH-M3XP-9')).toBeNull();
    expect(parseTrackingCode('K7QH-M3XP-9O')).toBeNull(); // O is never issued
    expect(parseSecret('ABCD-EFG1')).toBeNull();
  });
});

describe('deadlines and escalation', () => {
  test('a new P1 case is overdue after one hour', () => {
    const c = aCase();
    expect(isOverdue(c, T0 + HOUR - 1)).toBe(false);
    expect(isOverdue(c, T0 + HOUR)).toBe(true);
    expect(isOverdue({ ...c, status: 'resolved' }, T0 + 10 * DAY)).toBe(false);
  });

  test('unacknowledged: county coordinator at the deadline, the city one SLA later', () => {
    const c = aCase();
    expect(escalationDue(c, T0 + 59 * 60_000)).toBeNull();
    const first = escalationDue(c, T0 + 61 * 60_000)!;
    expect(first.level).toBe(1);
    expect(first.crossed).toEqual([{ level: 1, because: 'unacknowledged', overdueMs: HOUR }]);
    expect(escalationDue({ ...c, escalationLevel: 1 }, T0 + 90 * 60_000)).toBeNull();
    const second = escalationDue({ ...c, escalationLevel: 1 }, T0 + 2 * HOUR)!;
    expect(second).toEqual({ level: 2, crossed: [{ level: 2, because: 'unacknowledged', overdueMs: 2 * HOUR }] });
    expect(escalationDue({ ...c, escalationLevel: 2 }, T0 + 10 * DAY)).toBeNull();
  });

  test('a scheduler that was down catches up both levels at once', () => {
    const step = escalationDue(aCase({ priority: 'P3', dueAt: T0 + 3 * DAY }), T0 + 7 * DAY)!;
    expect(step.level).toBe(2);
    expect(step.crossed.map((x) => x.level)).toEqual([1, 2]);
  });

  test('acknowledged but unresolved past the resolve deadline goes to the city', () => {
    const c = aCase({ priority: 'P2', status: 'acknowledged', dueAt: T0 + DAY, resolveDueAt: T0 + RESOLVE_WITHIN_MS.P2 });
    expect(escalationDue(c, T0 + 6 * DAY)).toBeNull();
    const step = escalationDue(c, T0 + 7 * DAY)!;
    expect(step.level).toBe(2);
    expect(step.crossed.every((x) => x.because === 'unresolved')).toBe(true);
    expect(escalationDue({ ...c, status: 'resolved' }, T0 + 30 * DAY)).toBeNull();
  });

  test('the reason reads as a sentence for the audit trail', () => {
    expect(escalationReason('P1', { level: 1, because: 'unacknowledged', overdueMs: HOUR }, '思茅区平安办'))
      .toBe('P1 案件超过1小时未受理，升级至思茅区平安办');
    expect(escalationReason('P1', { level: 2, because: 'unacknowledged', overdueMs: 2 * HOUR }, '普洱市平安办'))
      .toBe('P1 案件超过2小时仍未受理，升级至普洱市平安办');
    expect(escalationReason('P2', { level: 2, because: 'unresolved', overdueMs: 7 * DAY }, '普洱市平安办'))
      .toBe('P2 案件超过7天未办结，升级至普洱市平安办');
    expect(escalationReason('P2', { level: 1, because: 'unacknowledged', overdueMs: DAY }, '思茅区平安办'))
      .toBe('P2 案件超过24小时未受理，升级至思茅区平安办');
  });

  test('county cases go county then city; city cases go to the city', () => {
    expect([escalationTarget('simao', 1), escalationTarget('simao', 2)]).toEqual(['simao', 'city']);
    expect([escalationTarget('city', 1), escalationTarget('city', 2)]).toEqual(['city', 'city']);
  });

  test('a reminder is due at half the acknowledge time, once per deadline', () => {
    const c = aCase({ priority: 'P2', dueAt: T0 + DAY });
    expect(reminderDue(c, T0 + 11 * HOUR)).toBe(false);
    expect(reminderDue(c, T0 + 12 * HOUR)).toBe(true);
    expect(reminderDue({ ...c, remindedForDueAt: c.dueAt }, T0 + 13 * HOUR)).toBe(false);
    // past the deadline, escalation takes over
    expect(reminderDue(c, T0 + DAY)).toBe(false);
    // a transfer sets a new deadline, which re-arms the reminder
    expect(reminderDue({ ...c, remindedForDueAt: c.dueAt, dueAt: T0 + 2 * DAY }, T0 + 36 * HOUR)).toBe(true);
  });
});

describe('who may do what', () => {
  const police: RoleBinding[] = [{ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' }];
  const edu: RoleBinding[] = [{ role: 'handler', deptId: 'simao.edu', jurisdiction: 'simao' }];
  const nigerPolice: RoleBinding[] = [{ role: 'handler', deptId: 'ninger.police', jurisdiction: 'ninger' }];
  const simaoCoord: RoleBinding[] = [{ role: 'coordinator', jurisdiction: 'simao' }];
  const cityCoord: RoleBinding[] = [{ role: 'coordinator', jurisdiction: 'city' }];
  const ningerCoord: RoleBinding[] = [{ role: 'coordinator', jurisdiction: 'ninger' }];

  test('the lead department acknowledges, notes and transfers a new case', () => {
    const c = aCase();
    expect(allowedActions(c, 'u1', police, T0)).toEqual(['acknowledge', 'note', 'transfer']);
    const acked = { ...c, status: 'acknowledged' as const };
    expect(allowedActions(acked, 'u1', police, T0)).toEqual(['reply', 'note', 'transfer', 'resolve']);
  });

  test('an informed department may only add notes', () => {
    const c = aCase();
    const a = caseAccess(c, 'u2', edu, T0);
    expect(a).toMatchObject({ lead: false, informed: true });
    expect(allowedActions(c, 'u2', edu, T0)).toEqual(['note']);
  });

  test('a department of another county has no access', () => {
    const a = caseAccess(aCase(), 'u3', nigerPolice, T0);
    expect([a.lead, a.informed, a.coordinator, a.reporter]).toEqual([false, false, false, false]);
  });

  test('coordinators see a case only once it is overdue or escalated, and only in their area', () => {
    const c = aCase();
    expect(caseAccess(c, 'u', simaoCoord, T0).coordinator).toBe(false);
    expect(caseAccess(c, 'u', simaoCoord, T0 + HOUR).coordinator).toBe(true);
    expect(caseAccess(c, 'u', cityCoord, T0 + HOUR).coordinator).toBe(true);
    expect(caseAccess(c, 'u', ningerCoord, T0 + HOUR).coordinator).toBe(false);
    const resolved = { ...c, status: 'resolved' as const, escalationLevel: 1 as const };
    expect(allowedActions(resolved, 'u', simaoCoord, T0)).toEqual(['note', 'reopen']);
  });

  test('a school safety officer leading a case cannot transfer it (role gate)', () => {
    const safety: RoleBinding[] = [{ role: 'school_safety_officer', schoolId: 'sch-simao-1' }];
    const c = aCase({
      lead: [{ type: 'school', id: 'sch-simao-1', name: '思茅区第一中学', staffRole: 'school_safety_officer' }],
      deptIds: ['school:sch-simao-1:school_safety_officer'],
    });
    expect(allowedActions(c, 'u', safety, T0)).toEqual(['acknowledge', 'note']);
  });

  test('one binding\'s role does not lend its powers to another binding\'s scope', () => {
    // A school case the school's safety officer leads; the same session also holds the police binding
    // (police not on the case). The safety officer's binding may not transfer; the police binding has no scope.
    const both: RoleBinding[] = [{ role: 'school_safety_officer', schoolId: 'sch-simao-1' }, ...police];
    const c = aCase({
      lead: [{ type: 'school', id: 'sch-simao-1', name: '思茅区第一中学', staffRole: 'school_safety_officer' }],
      deptIds: ['school:sch-simao-1:school_safety_officer'],
    });
    expect(allowedActions(c, 'u', both, T0)).toEqual(['acknowledge', 'note']);
    expect(actingBinding('transfer', c, 'u', both, T0)).toBeNull();
    expect(actingBinding('acknowledge', c, 'u', both, T0)?.binding.role).toBe('school_safety_officer');
  });

  test('abuse categories are always P1 on the mandatory channel', () => {
    expect([...MANDATORY_P1_CATEGORIES].sort()).toEqual(['bullying', 'sexual_abuse', 'staff_harm']);
  });
});

describe('statistics', () => {
  test('median of odd and even lists, and of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  test('months are China calendar months', () => {
    expect(chinaMonthKey(Date.parse('2026-10-31T16:30:00Z'))).toBe('2026-11'); // 00:30 on 1 November in Pu'er
    expect(chinaMonthKey(Date.parse('2026-10-31T15:59:00Z'))).toBe('2026-10');
    expect(chinaDayStart('2026-11-01')).toBe(Date.parse('2026-10-31T16:00:00Z'));
  });

  test('counts and medians over a known set', () => {
    const s = caseStats([
      aCase({ category: 'bullying', createdAt: T0, firstAcknowledgedAt: T0 + HOUR, status: 'resolved', resolvedAt: T0 + 5 * HOUR }),
      aCase({ category: 'bullying', jurisdiction: 'ninger', createdAt: T0, firstAcknowledgedAt: T0 + 3 * HOUR, status: 'acknowledged' }),
      aCase({ createdAt: Date.parse('2026-10-02T00:00:00Z'), dueAt: Date.parse('2026-10-02T01:00:00Z'), escalationLevel: 2 }),
    ], T0 + 2 * HOUR);
    expect(s.total).toBe(3);
    expect(s.byCategory).toEqual({ bullying: 2, sexual_abuse: 1 });
    expect(s.byCounty).toEqual({ simao: 2, ninger: 1 });
    expect(s.byMonth).toEqual({ '2026-10': 1, '2026-11': 2 });
    expect(s.medianMsToAcknowledge).toBe(2 * HOUR);
    expect(s.medianMsToResolve).toBe(5 * HOUR);
    expect([s.open, s.overdue, s.escalated]).toEqual([2, 1, 1]);
  });
});

describe('the police take over a case they are told of', () => {
  const police: RoleBinding[] = [{ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' }];
  const market: RoleBinding[] = [{ role: 'handler', deptId: 'simao.market', jurisdiction: 'simao' }];
  const schoolLed = (flags: CaseRecord['flags'], informed = 'simao.police') => aCase({
    category: 'bullying', flags,
    lead: [{ type: 'school', id: 'sch-simao-1', name: '思茅区第一中学', post: 'school_safety_officer' } as never],
    informed: [{ type: 'dept', id: informed, name: '…' }],
    deptIds: ['school:sch-simao-1:school_safety_officer', informed],
  });

  test.each(['injury', 'weapon', 'extortion', 'criminal'] as const)('with %s: the informed police may transfer (take it over), nothing else of a lead', (flag) => {
    expect(allowedActions(schoolLed([flag]), 'u', police, T0)).toEqual(['note', 'transfer']);
  });

  test('without such a flag, or not the police, only notes', () => {
    expect(allowedActions(schoolLed([]), 'u', police, T0)).toEqual(['note']);
    expect(allowedActions(schoolLed(['injury'], 'simao.market'), 'u', market, T0)).toEqual(['note']);
  });
});
