import { z } from 'zod';
import { AppError, isAppError } from '../../../domain/errors';
import { content } from '../../../content';
import { defineAction } from '../../core/action';
import {
  countyIdSchema, dueAtOf, FIGURES, figuresOf, filingDept, monthSchema, requireFileableMonth, returnId, type ReturnDoc, type ReturnHistoryDoc,
} from '../targets/returns';

export const SUBMIT_MESSAGES = {
  unknown: (id: string) => `“${id}”不是本部门月报里的数字，请刷新表格后再填。`,
  missing: (labels: string[]) => `还有${labels.length}项没有填：${labels.join('、')}。没有发生的请填 0。`,
  reason: '这份月报已经报过了。更正时请在“更正原因”里写明为什么改（例如“补报漏统计的1起”）。',
  personal: '备注里好像有电话号码或身份证号。月报只填数字，不写姓名、电话和证件号，请删掉后再提交。',
  busy: '刚才有人同时在改这份月报，请刷新后再提交。',
  partOverWhole: (part: string, whole: string) => `“${part}”不能多于“${whole}”，请核对后再填。`,
} as const;

/**
 * A ratio target's two figures filed in the same return (已建警务室的学校 of 城镇及以上学校): the part cannot be
 * more than the whole (found walking the desk: 1 town school and 2 with a police room read "达标 200%").
 */
function partOverWhole(values: Record<string, number>): { part: string; whole: string } | null {
  for (const t of content.targets.TARGETS) {
    if (t.source.kind !== 'ratio') continue;
    const { figureId, ofFigureId } = t.source;
    if (values[figureId] === undefined || values[ofFigureId] === undefined || values[figureId] <= values[ofFigureId]) continue;
    const label = (id: string) => FIGURES.find((f) => f.id === id)?.label ?? id;
    return { part: label(figureId), whole: label(ofFigureId) };
  }
  return null;
}

const count = z.number({ invalid_type_error: '每一项都要填数字。', required_error: '每一项都要填数字。' })
  .int('要填整数（几起、几人、几次）。').min(0, '数字不能小于 0。').max(100_000, '数字太大了，请核对后再填。');

/** Phone numbers and ID numbers do not belong in a return of counts. */
const PERSONAL = /(1[3-9]\d{9})|(\d{17}[\dXx])/;

/**
 * Files or corrects a month's return: counts only (non-negative integers, every
 * figure of the department's form), a short note; a correction needs the note
 * as its reason and keeps the version it replaces. The same values and note
 * again change nothing. Filing after the deadline is allowed and marked late.
 */
export const submit = defineAction({
  name: 'figures.submit',
  input: z.object({
    countyId: countyIdSchema,
    month: monthSchema,
    values: z.record(z.string().max(64), count, { required_error: '请填写月报数字。', invalid_type_error: '月报数字的格式不对。' }),
    note: z.string({ invalid_type_error: '备注要是文字。' }).trim().max(200, '备注最多 200 字。').optional().default(''),
  }).strict(),
  labels: { countyId: '县（区）', month: '月份', values: '月报数字', note: '备注' },
  async handle({ countyId, month, values, note }, ctx) {
    const dept = filingDept(ctx.caller!.roles, countyId);
    const now = ctx.clock.now().getTime();
    requireFileableMonth(month, now);
    const figures = figuresOf(dept.kind);
    const known = new Set(figures.map((f) => f.id));
    const unknown = Object.keys(values).find((k) => !known.has(k));
    if (unknown) throw new AppError('BAD_INPUT', SUBMIT_MESSAGES.unknown(unknown));
    const missing = figures.filter((f) => values[f.id] === undefined);
    if (missing.length) throw new AppError('BAD_INPUT', SUBMIT_MESSAGES.missing(missing.map((f) => f.label)));
    if (PERSONAL.test(note)) throw new AppError('BAD_INPUT', SUBMIT_MESSAGES.personal);
    const clean = Object.fromEntries(figures.map((f) => [f.id, values[f.id]]));
    const over = partOverWhole(clean);
    if (over) throw new AppError('BAD_INPUT', SUBMIT_MESSAGES.partOverWhole(over.part, over.whole));

    const id = returnId(countyId, dept.kind, month);
    const returns = ctx.store.collection<ReturnDoc>('figure_returns');
    const history = ctx.store.collection<ReturnHistoryDoc>('figure_history');
    const current = await returns.get(id);
    // The return as this request first found it: a retry after a crash (faultsCloudbase.test.ts) that came after the write
    // finds its own version already stored, and must still answer (and audit) the change the request made.
    const existing = await ctx.keepFirst(current);
    const same = existing && figures.every((f) => existing.values[f.id] === clean[f.id]) && existing.note === note;
    if (same) return { returnId: id, version: existing.version, changed: false, late: existing.late };
    if (existing && !note) throw new AppError('BAD_INPUT', SUBMIT_MESSAGES.reason);
    const version = (existing?.version ?? 0) + 1;
    const storedByThisRequest = !!current && current.version === version && current.filedBy === ctx.caller!.userId &&
      current.note === note && figures.every((f) => current.values[f.id] === clean[f.id]);

    const base = { countyId, deptKind: dept.kind, deptId: dept.deptId, month, values: clean, note, filedBy: ctx.caller!.userId, filedByName: dept.byName, filedAt: now };
    if (!existing) {
      const doc: ReturnDoc = { _id: id, ...base, firstFiledAt: now, late: now > dueAtOf(month), version: 1 };
      if (!storedByThisRequest) {
        try {
          await returns.insert(doc);
        } catch (e) {
          if (isAppError(e) && e.code === 'CONFLICT') throw new AppError('CONFLICT', SUBMIT_MESSAGES.busy);
          throw e;
        }
      }
      await ctx.audit({ action: 'figures.submit', subjectType: 'return', subjectId: id, detail: { version: 1 } });
      return { returnId: id, version: 1, changed: true, late: current?.late ?? doc.late };
    }
    // a correction: the version it replaces goes to the history first, with who replaced it, when and why
    const { _id, ...old } = existing;
    await history.insert({ ...old, _id: `${id}:v${existing.version}`, returnId: id, replacedBy: ctx.caller!.userId, replacedByName: dept.byName, replacedAt: now, reason: note })
      .catch((e) => { if (!isAppError(e) || e.code !== 'CONFLICT') throw e; });
    if (!storedByThisRequest && !(await returns.updateIf(id, { version: existing.version }, { set: { ...base, version } }))) {
      throw new AppError('CONFLICT', SUBMIT_MESSAGES.busy);
    }
    await ctx.audit({ action: 'figures.submit', subjectType: 'return', subjectId: id, detail: { version: existing.version + 1, correction: true } });
    return { returnId: id, version: existing.version + 1, changed: true, late: existing.late };
  },
});
