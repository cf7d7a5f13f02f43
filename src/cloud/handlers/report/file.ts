/**
 * Turning a filled-in report form into a case: shared by the anonymous
 * channel (submit.ts) and the named one (mandatory.ts).
 *
 * `prepareReport` only reads and checks (routing, photos, dates, the
 * platform's text check), so bad input is refused before anything is
 * written. `fileCase` then writes the case, the notifications, the audit
 * entry and last the 'submitted' event (finishFiling): locally all in the
 * request's one transaction; on CloudBase in that order, each under a fixed
 * id, so a retry of the same request after a crash (sideEffects.test.ts) finishes what is missing.
 */
import { content } from '../../../content';
import type { TextCheck } from '../../../domain/case';
import {
  ACK_WITHIN_MS, type Priority, type ReportFlag, REPORT_FLAGS, unitKey,
} from '../../../domain/report';
import {
  RESOLVE_WITHIN_MS, TRACKING_CODE_LENGTH, codeFromHex, type CaseChannel, type MandatoryReporter,
} from '../../../domain/case';
import { chinaDayStart } from '../../../domain/chinaTime';
import { CITY, type Catalog } from '../../../domain/catalog';
import { AppError, isAppError } from '../../../domain/errors';
import { describeRoute, routeReport, type RouteResult } from '../../../domain/routing';
import type { Ctx } from '../../core/context';
import { dir } from '../../core/directory';
import { hmac, randomToken, sha256 } from '../../core/crypto';
import type { UploadRecord } from '../../media/uploads';
import { appendEvent } from '../case/events';
import { notifyUnits } from '../case/notify';
import { reporterYou, type CaseDoc } from '../case/views';
import type { ReportInput } from './schema';
import { withRoutingWords } from './routingMessages';
import { applyTallies, caseWrites } from '../targets/counts';

/** A little slack for phones whose clocks run a few minutes fast. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;
/** Earliest time a report may name: anything before is a slip of the date picker (year 0001), not a memory. */
const EARLIEST_OCCURRED_AT = chinaDayStart('1900-01-01');

export const REPORT_MESSAGES = {
  future: '发生时间不能晚于现在，请重新选择。',
  past: '发生时间太早了，请重新选择。',
  missingPhoto: '有照片没有上传成功，请删掉后重新上传。',
  placeMismatch: (school: string, county: string) => `“${school}”不在${county}，请重新选择县区和学校（选了学校，就按学校所在的县区处理）。`,
  flagNotAsked: '补充问题和所选的类别对不上（可能是换过类别），请回到“是什么事”重新选择后再提交。',
  waterTypeNotAsked: '只有反映水域安全隐患时才选择水域类型，请回到“是什么事”重新选择后再提交。',
} as const;

/**
 * Fields that must agree with each other, checked before routing so an
 * inconsistent report is refused rather than sent to the wrong place:
 *  - a county school and a county: the school must be in that county (a city
 *    school, 普洱学院, stands in some county and keeps city jurisdiction, so
 *    any county goes with it);
 *  - follow-up answers only for the questions the category asks;
 *  - a water type only for the category that asks it (the routing already
 *    requires one there).
 */
export function checkConsistency(input: ReportInput, catalog: Catalog = content.catalog): void {
  if (input.schoolId !== undefined && input.countyId !== undefined) {
    const school = catalog.schools.find((s) => s.id === input.schoolId);
    const county = catalog.counties.find((c) => c.id === input.countyId);
    if (school && county && school.jurisdiction !== CITY && school.jurisdiction !== county.id) {
      throw new AppError('BAD_INPUT', REPORT_MESSAGES.placeMismatch(school.name, county.name));
    }
  }
  const category = content.reportCategories.find((c) => c.id === input.category);
  if (!category) return; // the schema's enum and the routing refuse it
  const asked = new Set<string>(category.flags);
  if (Object.entries(input.flags ?? {}).some(([flag, answer]) => answer !== undefined && !asked.has(flag))) {
    throw new AppError('BAD_INPUT', REPORT_MESSAGES.flagNotAsked);
  }
  if (input.waterType !== undefined && !category.asksWaterType) throw new AppError('BAD_INPUT', REPORT_MESSAGES.waterTypeNotAsked);
}

export interface PreparedReport {
  input: ReportInput;
  route: RouteResult;
  flags: ReportFlag[];
  occurredAt: number | null;
  photoIds: string[];
  textCheck: TextCheck;
}

/**
 * Checks and routes a report. Writes nothing; throws BAD_INPUT with words the reporter can act on.
 * `caseId`: the id the case will have, when a retry may find its photos already attached to it.
 */
export async function prepareReport(input: ReportInput, ctx: Ctx, caseId?: string): Promise<PreparedReport> {
  const now = ctx.clock.now().getTime();
  // schools are records (core/directory.ts): the one the reporter named, for routing and the place check
  const named = input.schoolId !== undefined ? await dir(ctx).school(input.schoolId) : null;
  const catalog: Catalog = {
    ...content.catalog,
    schools: named ? [{ id: named._id, name: named.name, jurisdiction: named.jurisdiction, stage: named.stage }] : [],
  };
  checkConsistency(input, catalog);
  const route = withRoutingWords(() => routeReport({
    category: input.category,
    flags: input.flags,
    waterType: input.waterType,
    schoolId: input.schoolId,
    countyId: input.countyId,
    at: new Date(now),
  }, catalog, content.routingTable));

  let occurredAt: number | null = null;
  if (input.occurredAt !== undefined) {
    occurredAt = Date.parse(input.occurredAt);
    if (occurredAt > now + FUTURE_SLACK_MS) throw new AppError('BAD_INPUT', REPORT_MESSAGES.future);
    if (!(occurredAt >= EARLIEST_OCCURRED_AT)) throw new AppError('BAD_INPUT', REPORT_MESSAGES.past);
  }

  const photoIds = [...new Set(input.photoIds ?? [])];
  const uploads = ctx.store.collection<UploadRecord>('uploads');
  for (const id of photoIds) {
    const upload = await uploads.get(id);
    // A photo already attached to another case stays with it: its id (which that case's handlers
    // see) must not carry it into a report for someone else.
    if (!upload || ((upload.caseId ?? null) !== null && upload.caseId !== caseId)) throw new AppError('BAD_INPUT', REPORT_MESSAGES.missingPhoto);
  }

  const text = [input.description, input.place].filter(Boolean).join('\n');
  // Decision: a text the content-security check marks risky is filed anyway and
  // flagged for the handler. A child describing abuse uses exactly the words such
  // filters refuse; bouncing the report would silence the people this is for.
  const check = await ctx.platform.checkText(text);

  return {
    input,
    route,
    flags: REPORT_FLAGS.filter((f) => input.flags?.[f] === true),
    occurredAt,
    photoIds,
    textCheck: textCheckResult(check),
  };
}

/**
 * The case id of an anonymous report: derived from the request id, so a retry finds the case it made.
 * Keyed, so that someone who saw a request id on the wire or in a phone's offline
 * queue cannot find its case in a copy of the database without the server key.
 */
export const anonymousCaseId = (serverKey: string, requestId: string) => 'c' + hmac(serverKey, 'report.submit:case:' + requestId).slice(0, 31);

/** A tracking code no case uses yet. 31^10 codes make a clash vanishingly rare; the check makes it impossible. */
export async function newTrackingCode(ctx: Ctx): Promise<string> {
  const cases = ctx.store.collection('cases');
  for (let i = 0; i < 5; i++) {
    const code = codeFromHex(sha256(randomToken(32)), TRACKING_CODE_LENGTH);
    if ((await cases.count({ trackingCode: code })) === 0) return code;
  }
  throw new Error('could not find a free tracking code');
}

export interface FileOptions {
  id: string;
  trackingCode: string;
  channel: CaseChannel;
  secretHash: string | null;
  reporter: MandatoryReporter | null;
  /** overrides the routed priority (mandatory abuse reports are always P1) */
  priority?: Priority;
  inputDigest?: string | null;
}

export interface FiledCase {
  case: CaseDoc;
  /** false when this call found the case already there (a retried request) */
  created: boolean;
}

/** Writes the case (once per id) and finishes its first event, notifications and audit entry. */
export async function fileCase(ctx: Ctx, p: PreparedReport, o: FileOptions): Promise<FiledCase> {
  const now = ctx.clock.now().getTime();
  const priority = o.priority ?? p.route.priority;
  const doc: CaseDoc = {
    _id: o.id,
    trackingCode: o.trackingCode,
    channel: o.channel,
    secretHash: o.secretHash,
    category: p.input.category,
    description: p.input.description,
    place: p.input.place ?? null,
    occurredAt: p.occurredAt,
    occurredPrecision: p.input.occurredPrecision ?? null,
    relation: p.input.relation ?? null,
    flags: p.flags,
    waterType: p.input.waterType ?? null,
    schoolId: p.input.schoolId ?? null,
    countyId: p.input.countyId ?? null,
    jurisdiction: p.route.jurisdiction,
    photoIds: p.photoIds,
    textCheck: p.textCheck,
    lead: p.route.lead,
    informed: p.route.informed,
    deptIds: p.route.deptIds,
    priority,
    status: 'new',
    createdAt: now,
    dueAt: now + ACK_WITHIN_MS[priority],
    resolveDueAt: now + RESOLVE_WITHIN_MS[priority],
    acknowledgedAt: null,
    firstAcknowledgedAt: null,
    resolvedAt: null,
    disposition: null,
    summary: null,
    escalationLevel: 0,
    remindedForDueAt: 0,
    version: 1,
    inputDigest: o.inputDigest ?? null,
    reporterUserId: o.reporter?.userId ?? null,
    reporter: o.reporter,
  };
  const cases = ctx.store.collection<CaseDoc>('cases');
  try {
    await cases.insert(doc);
  } catch (e) {
    // The same request, retried while the first was still running: answer with the case it made.
    if (isAppError(e) && e.code === 'CONFLICT') {
      const existing = await cases.get(o.id);
      if (existing) return { case: await finishFiling(ctx, existing), created: false };
    }
    throw e;
  }
  return { case: await finishFiling(ctx, doc), created: true };
}

/**
 * Counts the report for the desk, attaches photos, notifies the lead units,
 * audits, and writes the 'submitted' event last: that event (fixed id) is the
 * marker that the filing is complete. Locally the whole request is one transaction anyway; on
 * CloudBase a retry after a crash (sideEffects.test.ts) at any step finds no marker and does every
 * step again, each written once by its fixed id (notification per unit, the
 * audit row), so whatever was missing is written and nothing twice.
 */
export async function finishFiling(ctx: Ctx, c: CaseDoc): Promise<CaseDoc> {
  const submittedId = `${c._id}:submitted`;
  const audit = {
    action: c.channel === 'mandatory' ? 'report.mandatory' : 'report.submit',
    subjectType: 'case',
    subjectId: c._id,
    detail: { category: c.category, priority: c.priority, jurisdiction: c.jurisdiction, leads: c.lead.map(unitKey) },
  };
  if (await ctx.store.collection('case_events').get(submittedId)) {
    // finished already: the same audit row again (its fixed id makes it a no-op), so the request is not audited twice
    await ctx.audit(audit, { id: `${c._id}:filed` });
    return c;
  }
  await applyTallies(ctx.store, caseWrites(c));
  const routedTo = describeRoute(c).join('、');
  const byWhom = c.channel === 'mandatory' && c.reporter
    ? `通过强制报告渠道实名提交（报告人：${c.reporter.displayName}，${c.reporter.roleName}${c.reporter.schoolName ? `，${c.reporter.schoolName}` : ''}${c.reporter.deptName ? `，${c.reporter.deptName}` : ''}）`
    : '通过匿名渠道提交';
  const uploads = ctx.store.collection<UploadRecord>('uploads');
  // A photo belongs to the first report that used it; attaching is what keeps it from the orphan purge.
  for (const id of c.photoIds) await uploads.updateIf(id, { caseId: null }, { set: { caseId: c._id }, unset: ['ownerKey'] });
  await notifyUnits(ctx, c, c.lead.map(unitKey), 'new_case', {}, `${c._id}:new_case`);
  await ctx.audit(audit, { id: `${c._id}:filed` });
  try {
    await appendEvent(ctx.store, ctx.clock, {
      id: submittedId,
      caseId: c._id,
      kind: 'submitted',
      text: `${byWhom}，已分派给：${routedTo}`,
      reporterText: `已收到${reporterYou(c)}反映的情况，已交给：${routedTo}`,
      actorId: c.channel === 'mandatory' ? (c.reporterUserId ?? 'anonymous') : 'anonymous',
      actorName: c.channel === 'mandatory' ? (c.reporter?.displayName ?? null) : null,
    });
  } catch (e) {
    if (!(isAppError(e) && e.code === 'CONFLICT')) throw e; // a parallel copy finished it
  }
  return c;
}

/** The answer to a filed report (the secret is added by the anonymous channel only). */
export const filedAnswer = (c: CaseDoc) => ({
  caseId: c._id,
  trackingCode: c.trackingCode,
  priority: c.priority,
  routedTo: describeRoute(c),
  dueAt: c.dueAt,
});

/** How the content-security check went: 'flagged' reports are kept and marked for the handler. */
export function textCheckResult(check: { ok: boolean; skipped?: boolean }): TextCheck {
  return check.skipped ? 'skipped' : check.ok ? 'passed' : 'flagged';
}
