import { createHash } from 'node:crypto';
import { z } from 'zod';
import { content } from '../../../content';
import { coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import { parseSchoolList, RosterFormatError } from '../../../domain/roster';
import { defineAction } from '../../core/action';
import { managedAreas, type SchoolDoc } from '../../core/directory';
import { readSheet, tableFromSheet } from '../../media/sheets';

/** 思茅区, 宁洱县, 宁洱哈尼族彝族自治县, simao … → the county id; 市属 / 市直 / 普洱市 → 'city'. */
function countyNames(): Map<string, string> {
  const m = new Map<string, string>([['市属', 'city'], ['市直', 'city'], [content.catalog.cityName, 'city'], ['city', 'city']]);
  for (const c of content.catalog.counties) for (const n of [c.id, c.name, c.shortName]) if (n) m.set(n, c.id);
  return m;
}

/** A school's id from its county and name: importing the list again finds the same school. */
export const schoolIdFor = (county: string, name: string) => `sch-${county}-` + createHash('sha256').update(`${county}:${name}`).digest('hex').slice(0, 8);

/**
 * A county's list of schools from a sheet (学校名称, 学段, 所在县（区）), by a coordinator
 * or the county education bureau: schools not on the list yet are added,
 * those already there (same county, same name) are left as they are. `dryRun`
 * writes nothing. Rows outside the caller's area are named and skipped.
 */
export const importSchools = defineAction({
  name: 'school.import',
  input: z.object({
    fileId: z.string().min(1, '请先上传表格。').max(300, '文件编号不对，请重新上传。'),
    dryRun: z.boolean({ required_error: '请说明是先检查还是导入。', invalid_type_error: 'dryRun 只能是 true 或 false。' }),
  }).strict(),
  labels: { fileId: '表格', dryRun: '只检查' },
  async handle({ fileId, dryRun }, ctx) {
    const areas = managedAreas(ctx.caller!.roles);
    if (!areas.length) throw new AppError('FORBIDDEN', '只有县（区）平安办协调员和教育体育局可以导入学校名单。');
    const { bytes, kind } = await readSheet(ctx.store, ctx.platform.blobs, fileId, ctx.caller!.userId);
    let parsed;
    try {
      parsed = parseSchoolList(await tableFromSheet(bytes, kind), countyNames());
    } catch (e) {
      if (e instanceof RosterFormatError) throw new AppError('BAD_INPUT', e.message);
      throw e;
    }
    const errors = [...parsed.errors];
    const schools = ctx.store.collection<SchoolDoc>('schools');
    const now = ctx.clock.now().getTime();
    const fresh: SchoolDoc[] = [];
    let unchanged = 0;
    for (const r of parsed.good) {
      if (!areas.some((a) => coordinatorCovers(a, r.county))) {
        errors.push({ row: r.row, message: `第${r.row}行：${r.name}不在您负责的县（区），没有导入。` });
        continue;
      }
      const same = (await schools.find({ jurisdiction: r.county })).some((s) => s.name === r.name);
      if (same) { unchanged++; continue; }
      fresh.push({ _id: schoolIdFor(r.county, r.name), name: r.name, jurisdiction: r.county, stage: r.stage, status: 'open', createdAt: now, updatedAt: now });
    }
    errors.sort((a, b) => a.row - b.row);
    // a retry after a crash part-way finds some of the schools in: the first attempt's list is what this import adds (faultsCloudbase.test.ts)
    const plan = await ctx.keepFirst({ fresh, unchanged });
    if (!dryRun && plan.fresh.length) await schools.insertMany(plan.fresh);
    await ctx.audit({ action: 'school.import', subjectType: 'school_list', subjectId: fileId, detail: { dryRun, created: plan.fresh.length, errors: errors.length } });
    return { rows: parsed.rows, created: plan.fresh.length, unchanged: plan.unchanged, errors, dropped: parsed.dropped, schools: plan.fresh.map((s) => s.name), dryRun };
  },
});
