import { z } from 'zod';
import { OCCURRED_PRECISIONS } from '../../../domain/occurred';
import { RELATIONS, REPORT_CATEGORIES, WATER_TYPES } from '../../../domain/report';
import { MIN_WORDY, graphemeCount, wordyCount } from '../../../domain/text';

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;
export const REPORT_TEXT_MESSAGES = {
  short: `请再多写几句，至少${DESCRIPTION_MIN}个字，说清楚发生了什么。`,
  noWords: '请用文字写一写发生了什么：只有表情或符号，处理的老师看不明白。',
  long: `内容最多${DESCRIPTION_MAX}个字，请精简一些。`,
} as const;

/** Optional fields may come as null from forms; both mean "not given". */
const opt = <T extends z.ZodTypeAny>(s: T) => s.nullish().transform((v) => v ?? undefined);

const yesNo = opt(z.boolean({ invalid_type_error: '请回答“是”或“不是”。' }));

export const OCCURRED_MESSAGES = {
  precision: '“什么时候发生的”选得不对，请重新选一次。',
  missingTime: '没有收到是哪一天发生的，请重新选一次“什么时候发生的”。',
  unknownWithTime: '选了“不记得了”，就不用再带上时间了，请重新选一次“什么时候发生的”。',
} as const;

/** The report form: shared by the anonymous channel (report.submit) and the named one (report.mandatory). */
const reportFields = z.object({
  category: z.enum(REPORT_CATEGORIES, { errorMap: () => ({ message: '请选择要反映的是哪一类事情。' }) }),
  description: z.string({ required_error: '请写一写发生了什么。', invalid_type_error: '请写一写发生了什么。' })
    .trim()
    // Counted as a person counts (grapheme clusters, domain/text.ts): an emoji is one character, not two.
    .refine((s) => graphemeCount(s) >= DESCRIPTION_MIN, REPORT_TEXT_MESSAGES.short)
    .refine((s) => wordyCount(s) >= MIN_WORDY, REPORT_TEXT_MESSAGES.noWords)
    .refine((s) => graphemeCount(s) <= DESCRIPTION_MAX, REPORT_TEXT_MESSAGES.long),
  schoolId: opt(z.string().max(64, '请重新选择学校。')),
  countyId: opt(z.string().max(64, '请重新选择县区。')),
  place: opt(z.string().trim().max(100, '地点最多100个字。')),
  occurredAt: opt(z.string().datetime({ offset: true, message: '发生时间的格式不对，请重新选择。' })),
  /** how precisely the reporter said it (domain/occurred.ts); older app versions send occurredAt alone */
  occurredPrecision: opt(z.enum(OCCURRED_PRECISIONS, { errorMap: () => ({ message: OCCURRED_MESSAGES.precision }) })),
  relation: opt(z.enum(RELATIONS, { errorMap: () => ({ message: '请重新选择您和这件事的关系。' }) })),
  flags: opt(z.object({ injury: yesNo, weapon: yesNo, extortion: yesNo, criminal: yesNo }).strict()),
  waterType: opt(z.enum(WATER_TYPES, { errorMap: () => ({ message: '水域类型不对，请重新选择。' }) })),
  photoIds: opt(z.array(z.string().max(64, '照片编号不对，请重新上传照片。'), { invalid_type_error: '照片信息不对，请重新上传照片。' })
    .max(3, '最多只能放3张照片。')),
}).strict();

/**
 * A precision is a claim about occurredAt: 'unknown' means there is none,
 * every other one needs it. A form that says both is refused rather than
 * stored as a time nobody gave.
 */
export const reportInput = reportFields.superRefine((form, ctx) => {
  const p = form.occurredPrecision;
  if (p === undefined) return;
  if (p === 'unknown' && form.occurredAt !== undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['occurredPrecision'], message: OCCURRED_MESSAGES.unknownWithTime });
  } else if (p !== 'unknown' && form.occurredAt === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['occurredPrecision'], message: OCCURRED_MESSAGES.missingTime });
  }
});

export type ReportInput = z.infer<typeof reportInput>;

export const reportLabels: Record<string, string> = {
  category: '举报类别',
  description: '事情经过',
  schoolId: '学校',
  countyId: '县区',
  place: '地点',
  occurredAt: '发生时间',
  occurredPrecision: '发生时间',
  relation: '您和这件事的关系',
  flags: '补充问题',
  waterType: '水域类型',
  photoIds: '照片',
};

/** The tracking code and secret a reporter types back in. Format errors are not wrong secrets: they are not counted. */
export const reporterCredentials = {
  trackingCode: z.string({ required_error: '请输入查询码。', invalid_type_error: '请输入查询码。' }).min(1, '请输入查询码。').max(40, '查询码不对，请核对后再输入。'),
  secret: z.string({ required_error: '请输入查询密码。', invalid_type_error: '请输入查询密码。' }).min(1, '请输入查询密码。').max(40, '查询密码不对，请核对后再输入。'),
  /** what this phone got when it last opened the report (reporterAccess.ts, rule 3); optional */
  readerToken: z.string({ invalid_type_error: '请重新输入查询码和密码。' }).max(64, '请重新输入查询码和密码。').optional(),
};
