import { z } from 'zod';

/** A school's id as records and the catalog write it (sch-simao-1 …). */
export const schoolIdSchema = z.string({ required_error: '请选择学校。', invalid_type_error: '学校编号不对。' })
  .regex(/^[A-Za-z0-9_-]{3,64}$/, '学校编号不对，请从列表重新选择。');
export const classIdSchema = z.string({ required_error: '请选择班级。', invalid_type_error: '班级编号不对。' })
  .regex(/^[A-Za-z0-9_-]{3,64}$/, '班级编号不对，请从列表重新选择。');
