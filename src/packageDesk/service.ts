/**
 * The desk subpackage's calls (through services/api like every feature).
 */
import { call, write, type WriteOptions } from '../services/api';
import { chinaFields, chinaMonthKey } from '../domain/chinaTime';

export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface TargetFigure {
  id: string; name: string; unit: string; planRef: string; leadName: string;
  value: number | null; target: number | null; lastYear: number | null; status: TargetStatus; rule: string; suppressed: boolean;
  counts: Record<string, number | null>;
  trend: Array<{ label: string; value: number | null }>;
  level: 'class' | 'county';
}

export interface Overview {
  area: { id: string; name: string };
  /** a school leader's desk (or one school asked for): its own children's targets only */
  school?: { id: string; name: string };
  areas: Array<{ id: string; name: string }>;
  counties: Array<{ id: string; name: string }>;
  period: { from: string; to: string };
  targets: TargetFigure[];
}

export interface DetailRow { id: string; name: string; value: number | null; total: number | null; suppressed: boolean; drill: boolean; [k: string]: unknown }
export interface Detail {
  id: string; name: string; unit: string; level: 'city' | 'county' | 'school'; levelId: string; period: string;
  parts: Array<{ key: string; name: string }>;
  total?: DetailRow;
  rows: DetailRow[];
}

export interface PeriodQuery { from?: string; to?: string; schoolYear?: string; countyId?: string }

export interface ReturnForm {
  countyId: string; countyName: string; month: string; deptId: string; deptName: string; dueAt: number;
  figures: Array<{ id: string; label: string; unit: string; help: string | null; kind: 'flow' | 'stock'; value: number | null }>;
  filed: { version: number; note: string; filedAt: number; filedByName: string; firstFiledAt: number; late: boolean } | null;
  corrections: Array<{ version: number; values: Record<string, number>; filedByName: string; filedAt: number; replacedByName: string; replacedAt: number; reason: string }>;
}

export interface ReturnStatus {
  month: string; dueAt: number; missing: number; late: number;
  rows: Array<{ countyId: string; countyName: string; deptKind: string; deptName: string; state: 'filed' | 'late' | 'missing' | 'overdue'; filedAt: number | null; version: number }>;
}

const clean = (q: Record<string, string | undefined>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v));

export const deskApi = {
  overview: (q: PeriodQuery) => call<Overview>('targets.overview', clean({ ...q })),
  detail: (q: PeriodQuery & { id: string; schoolId?: string }) => call<Detail>('targets.detail', clean({ ...q })),
  exportXlsx: (q: PeriodQuery) => call<{ fileName: string; base64: string; bytes: number }>('targets.export', clean({ ...q })),
  form: (countyId: string, month: string) => call<ReturnForm>('figures.form', { countyId, month }),
  submit: (input: { countyId: string; month: string; values: Record<string, number>; note: string }, options?: WriteOptions) =>
    write<{ returnId: string; version: number; changed: boolean; late: boolean }>('figures.submit', input, options),
  status: (month: string) => call<ReturnStatus>('figures.status', { month }),
};

export const STATUS_TEXT: Record<TargetStatus, string> = { on_track: '达标', at_risk: '有风险', off_track: '未达标', no_data: '暂无数据' };

/**
 * A figure on screen: "<5" for a withheld count, "不显示" for a withheld share (a share reading "<5" looked like
 * "under 5 %" to a coordinator trying the desk), "—" for none.
 */
/** A withheld figure, on screen and in the export. */
export const WITHHELD = '不显示';
/** What 不显示 means, beside every table. */
export const WITHHELD_NOTE = '“不显示”：不足5名学生，或为了不让人从别的数字推算出不足5名学生而不显示';

export function shown(v: number | null | undefined, unit: string, suppressed = false): string {
  // "不显示", never "<5": a cell may be withheld to protect another (a complement, a zero), so "<5" would not be true
  if (v === null || v === undefined) return suppressed ? WITHHELD : '—';
  return unit === '%' ? `${v}%` : `${v}${unit === '场/人' ? '场/人' : ''}`;
}

/** China-time month `YYYY-MM` of an instant. */
export const monthOf = (ms: number) => chinaMonthKey(ms);
export const dayText = (ms: number) => {
  const d = chinaFields(ms);
  return `${d.month}月${d.day}日`;
};
