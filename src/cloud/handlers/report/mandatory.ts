import { content } from '../../../content';
import { MANDATORY_P1_CATEGORIES, caseNumber, type MandatoryReporter } from '../../../domain/case';
import { CITY } from '../../../domain/catalog';
import { ROLE_NAMES, type Role, type RoleBinding } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { dir } from '../../core/directory';
import { fileCase, filedAnswer, newTrackingCode, prepareReport } from './file';
import { reportInput, reportLabels } from './schema';

/** When a caller holds several staff roles, the one closest to the child files the report. */
const FILER_ORDER: readonly Role[] = ['class_teacher', 'psych_teacher', 'school_safety_officer', 'handler', 'coordinator'];

function filerBinding(roles: readonly RoleBinding[]): RoleBinding {
  for (const role of FILER_ORDER) {
    const b = roles.find((r) => r.role === role);
    if (b) return b;
  }
  return roles[0];
}

function reporterOf(userId: string, b: RoleBinding, school: { _id: string; name: string } | null): MandatoryReporter {
  const dept = b.deptId ? content.catalog.departments.find((d) => d.id === b.deptId) : undefined;
  return {
    userId,
    displayName: b.displayName ?? ROLE_NAMES[b.role],
    role: b.role,
    roleName: ROLE_NAMES[b.role],
    schoolId: school?._id ?? null,
    schoolName: school?.name ?? null,
    deptId: dept?.id ?? null,
    deptName: dept?.name ?? null,
  };
}

/**
 * 强制报告: the named channel for staff who must report suspected abuse.
 * Same form as the anonymous one, but the filer's name, role and school are
 * on the case for the handlers to see and to call back; abuse categories are
 * always P1.
 *
 * No secret is issued: there is no anonymous reader to protect. The filer
 * follows the report with case.get (the reporter's view: status, timeline,
 * replies) and finds it in case.list under "mine". Ordinary stored
 * idempotency is enough, since the stored answer holds nothing secret.
 *
 * If the form names neither a school nor a county, the report is placed at
 * the filer's own school (or their department's county).
 */
export const mandatory = defineAction({
  name: 'report.mandatory',
  input: reportInput,
  labels: reportLabels,
  async handle(input, ctx) {
    const caller = ctx.caller!;
    const b = filerBinding(caller.roles);
    const placed = input.schoolId === undefined && input.countyId === undefined
      ? { ...input, schoolId: b.schoolId, countyId: b.schoolId ? undefined : (b.jurisdiction && b.jurisdiction !== CITY ? b.jurisdiction : undefined) }
      : input;
    // From the request: a retry finds the case it made (faults.test.ts on SQLite; on CloudBase see README, not proven there).
    const id = 'c' + ctx.newId('case').slice(0, 31);
    const prepared = await prepareReport(placed, ctx, id);
    await ctx.rateLimit('report.mandatory', 30, 3600_000);
    const filed = await fileCase(ctx, prepared, {
      id,
      trackingCode: await newTrackingCode(ctx),
      channel: 'mandatory',
      secretHash: null,
      reporter: reporterOf(caller.userId, b, await dir(ctx).school(b.schoolId)),
      priority: MANDATORY_P1_CATEGORIES.includes(input.category) ? 'P1' : undefined,
    });
    // Staff file these: they get the case number, not a tracking code (nobody opens a mandatory report with one).
    const { trackingCode: _code, ...answer } = filedAnswer(filed.case);
    return { ...answer, caseNumber: caseNumber(filed.case) };
  },
});
