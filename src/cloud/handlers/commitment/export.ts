import { content } from '../../../content';
import { defineAction } from '../../core/action';
import { classView } from './classView';
import { campaignInput } from './progress';

/** A cell as Excel and WPS read it: quoted, and never taken for a formula. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return `"${s.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = ['班级', '学生', '状态', '家长未绑定', '签署人', '签署方式', '签署时间（北京时间）'];

/** The class's name for people (school + class), from the catalog; its id where the catalog has none. */
export function classLabel(classId: string, schoolId: string | undefined): string {
  const cls = content.catalog.classes.find((c) => c.id === classId)?.name;
  const school = schoolId ? content.catalog.schools.find((x) => x.id === schoolId)?.name : undefined;
  return cls ? `${school ?? ''}${cls}` : classId;
}

/** A file name every system accepts: no path or reserved characters. */
const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-');

/**
 * The class list as CSV (UTF-8 with a BOM so Excel shows the Chinese), one
 * row per signature and one per child nobody has signed for yet.
 */
export const exportCsv = defineAction({
  name: 'commitment.export',
  input: campaignInput,
  labels: { campaignId: '告家长书' },
  async handle({ campaignId }, ctx) {
    const v = await classView(ctx, campaignId);
    const label = classLabel(v.classId, v.schoolId);
    const rows: Array<Array<string | number>> = [CSV_HEADER];
    for (const i of v.items) {
      // 家长未绑定: nobody of this child's family has bound 护航 yet, so no reminder can reach them.
      const unbound = i.guardiansLinked === 0 ? '是' : '';
      if (i.signatures.length === 0) rows.push([label, i.name, '未签', unbound, '', '', '']);
      for (const s of i.signatures) rows.push([label, i.name, '已签', unbound, s.guardian, s.methodName, s.atText]);
    }
    const csv = '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    await ctx.audit({ action: 'commitment.export', subjectType: 'class', subjectId: v.classId, detail: { campaignId: v.campaign.id } });
    return { filename: safeFileName(`${v.campaign.name}告家长书签署情况-${label}.csv`), csv, signed: v.signed, eligible: v.eligible };
  },
});
