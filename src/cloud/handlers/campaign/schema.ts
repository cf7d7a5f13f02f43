import { z } from 'zod';
import { isChinaDay } from '../../../domain/chinaTime';
import { instruments } from '../../../content/screening';

export const day = (what: string) => z.string({ required_error: `请选择${what}。`, invalid_type_error: `${what}的格式不对。` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}的格式不对，请重新选择日期。`)
  .refine(isChinaDay, `${what}不是有效的日期，请重新选择。`);

const ids = instruments.map((i) => i.id) as [string, ...string[]];
export const instrumentIdsSchema = z.array(z.enum(ids, { errorMap: () => ({ message: '请从列表中选择测评工具。' }) }))
  .min(1, '请至少选择一个测评工具。').max(ids.length).refine((a) => new Set(a).size === a.length, '测评工具不能重复选择。');
