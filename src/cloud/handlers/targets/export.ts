import ExcelJS from 'exceljs';
import { z } from 'zod';
import { content } from '../../../content';
import { CITY } from '../../../domain/catalog';
import { STATUS_NAMES } from '../../../domain/targets';
import { defineAction } from '../../core/action';
import { repairTallies } from '../../core/tally';
import { requireDeskScope } from './access';
import { countyIdSchema } from './returns';
import { countyName, deskDirectory } from './directory';
import { appDetail, evaluateTarget, figureDetail, memoStore, schoolScope, scopeOf, targetsFor } from './metrics';
import { periodInput, resolvePeriod, schoolIdInput } from './overview';

/** "不显示" where a figure is withheld (fewer than 5 children, or protecting such a cell); "—" where there is no figure (nothing filed). */
const WITHHELD = '不显示';
const cell = (v: number | null | undefined, unit = '', withheld = false) => (v === null || v === undefined ? (withheld ? WITHHELD : '—') : unit ? `${v}${unit}` : v);

/**
 * The whole desk as an .xlsx for the monthly 通报: the targets of the area
 * (value, target, last year, status and rule), then each target one level
 * down. Built from the same suppressed figures the screen shows, so a
 * withheld cell is "不显示" here too. Answers the file as base64.
 */
export const exportDesk = defineAction({
  name: 'targets.export',
  input: z.object({ ...periodInput, countyId: countyIdSchema.optional(), schoolId: schoolIdInput.optional() }).strict(),
  labels: { from: '开始月份', to: '结束月份', schoolYear: '学年', countyId: '县（区）', schoolId: '学校' },
  async handle(input, ctx) {
    const desk = await deskDirectory(ctx);
    const scope = await requireDeskScope(ctx, 'targets.export', input, desk);
    const now = ctx.clock.now().getTime();
    const period = resolvePeriod(input, now);
    await repairTallies(ctx.store, now);
    const c = { store: memoStore(ctx.store), dir: desk, now };
    // an area (its targets, then each one level down), or a school leader's school (the app's targets, then its classes)
    const area = scope.kind === 'area' ? scope.area : scope.school.id;
    const areaName = scope.kind === 'school' ? scope.school.name : area === CITY ? content.catalog.cityName : countyName(area);
    const s = scope.kind === 'area' ? scopeOf(desk, area) : schoolScope(scope.school);
    const wb = new ExcelJS.Workbook();
    wb.creator = '护航';
    wb.created = new Date(now);
    const head = (ws: ExcelJS.Worksheet, title: string) => {
      ws.addRow([title]).font = { bold: true, size: 14 };
      ws.addRow([`${areaName}　${period.from} 至 ${period.to}　“不显示”：不足5名学生，或为了不让人从别的数字推算出不足5名学生而不显示；“—”：没有数字（未报送或没有记录）`]);
      ws.addRow([]);
    };
    const overview = wb.addWorksheet('目标总览');
    head(overview, `${areaName}学生安全专项整治目标进展`);
    overview.addRow(['目标', '牵头部门', '本期', '目标值', '去年同期', '状态', '考核规则', '依据']).font = { bold: true };
    const levelKind = scope.kind === 'school' ? 'school' as const : area === CITY ? 'city' as const : 'county' as const;
    const details = [];
    for (const t of targetsFor(scope)) {
      const f = await evaluateTarget(c, t, s, period);
      overview.addRow([f.name, f.leadName, cell(f.value, f.unit === '%' ? '%' : '', f.suppressed), f.target ?? '', cell(f.lastYear),
        STATUS_NAMES[f.status], f.rule, f.planRef]);
      details.push({ t, detail: t.source.kind === 'app' ? await appDetail(c, t.source.metric, { kind: levelKind, id: area }, period) : await figureDetail(c, t, area, period) });
    }
    overview.columns.forEach((col, i) => { col.width = [34, 14, 10, 10, 10, 10, 40, 40][i]; });
    for (const { t, detail } of details) {
      const ws = wb.addWorksheet(t.name.replace(/[\\/?*[\]:]/g, '').slice(0, 28));
      head(ws, t.name);
      const parts = detail.parts as Array<{ key: string; name: string }>;
      ws.addRow(['名称', ...(parts.length ? ['人数'] : []), ...parts.map((p) => p.name), t.unit === '%' ? '比例' : '数值']).font = { bold: true };
      const rows = 'total' in detail ? [detail.total, ...detail.rows] : detail.rows;
      for (const r of rows) {
        // a column a row does not have (guardians per class) stays empty; a withheld one is 不显示, an unfiled one —
        const w = r.suppressed === true;
        ws.addRow([r.name, ...(parts.length ? [cell(r.total, '', w)] : []), ...parts.map((p) => (r[p.key] === undefined ? '' : cell(r[p.key] as number | null, '', w))), cell(r.value, t.unit === '%' ? '%' : '', w)]);
      }
      ws.getColumn(1).width = 30;
    }
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await ctx.audit({ action: 'targets.export', subjectType: scope.kind === 'area' ? 'area' : 'school', subjectId: area, detail: { ...period } });
    return { fileName: `护航目标看板-${areaName}-${period.from}至${period.to}.xlsx`, base64: buf.toString('base64'), bytes: buf.length };
  },
});
