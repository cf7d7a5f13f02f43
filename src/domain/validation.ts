import { z } from 'zod';

/**
 * Turns a zod error into one Chinese sentence a user can act on. Field names
 * are translated through the action's `labels`; unknown fields fall back to
 * their key so a developer can still see what is wrong.
 */
export function describeZodError(error: z.ZodError, labels: Record<string, string> = {}): string {
  const issue = error.issues[0];
  if (!issue) return '填写的内容有误，请检查后再提交。';
  const key = issue.path.filter((p) => typeof p === 'string').join('.');
  const label = labels[key] ?? labels[String(issue.path[0] ?? '')] ?? (key || '内容');
  // A message written in the schema (Chinese) wins over the generic wording.
  if (issue.message && /[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `请填写「${label}」。` : `「${label}」的格式不对。`;
    case 'too_small':
      return issue.type === 'string'
        ? `「${label}」至少需要${issue.minimum}个字。`
        : issue.type === 'array'
          ? `「${label}」至少需要${issue.minimum}项。`
          : `「${label}」不能小于${issue.minimum}。`;
    case 'too_big':
      return issue.type === 'string'
        ? `「${label}」最多${issue.maximum}个字。`
        : issue.type === 'array'
          ? `「${label}」最多${issue.maximum}项。`
          : `「${label}」不能大于${issue.maximum}。`;
    case 'invalid_enum_value':
    case 'invalid_literal':
    case 'invalid_union':
    case 'invalid_union_discriminator':
      return `「${label}」的选项无效，请重新选择。`;
    case 'invalid_string':
    case 'invalid_date':
      return `「${label}」的格式不对。`;
    case 'unrecognized_keys':
      return `请求中有无法识别的字段：${issue.keys.join('、')}。`;
    default:
      return `「${label}」填写有误，请检查。`;
  }
}

/** A client-made request id: makes writes idempotent. */
export const requestIdSchema = z
  .string({ required_error: '缺少请求编号，请更新小程序后重试。' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不对，请更新小程序后重试。');
