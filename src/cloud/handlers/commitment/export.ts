import { defineAction } from '../../core/action';
import { classView } from './classView';
import { campaignInput } from './progress';

/** A cell as Excel and WPS read it: quoted, and never taken for a formula. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return `"${s.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = ['学生', '状态', '签署人', '签署方式', '签署时间（北京时间）'];

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
    const rows: Array<Array<string | number>> = [CSV_HEADER];
    for (const i of v.items) {
      if (i.signatures.length === 0) rows.push([i.name, '未签', '', '', '']);
      for (const s of i.signatures) rows.push([i.name, '已签', s.guardian, s.methodName, s.atText]);
    }
    const csv = '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    await ctx.audit({ action: 'commitment.export', subjectType: 'class', subjectId: v.classId, detail: { campaignId: v.campaign.id } });
    return { filename: `${v.campaign.name}告家长书签署情况-${v.classId}.csv`, csv, signed: v.signed, eligible: v.eligible };
  },
});
