/** Words for the "when" question: choice labels and how a chosen day reads. */
import { occurredText } from '../../domain/occurred';
import type { DayPart, ReportFormStore, WhenChoice } from '../../stores/reportForm';

export const WHEN_CHOICES: { value: WhenChoice; label: string }[] = [
  { value: 'now', label: '刚刚' },
  { value: 'today', label: '今天' },
  { value: 'yesterday', label: '昨天' },
  { value: 'days', label: '这几天' },
  { value: 'earlier', label: '更早' },
  { value: 'unknown', label: '不记得了' },
];

export const DAY_PARTS: { value: DayPart; label: string }[] = [
  { value: 'morning', label: '上午' },
  { value: 'afternoon', label: '下午' },
  { value: 'evening', label: '晚上' },
  { value: 'unknown', label: '不确定' },
];

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** "11月25日 星期二" for 'YYYY-MM-DD'. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${m}月${d}日 ${WEEKDAYS[new Date(y, m - 1, d).getDay()]}`;
}

/**
 * The reporter's own words back: "昨天下午", "刚刚", "不记得了" ("没有说" when unanswered); a day under
 * 这几天 or 更早 is marked as a rough one ("这几天，大约11月25日 星期二").
 */
export function whenText(form: Pick<ReportFormStore, 'when' | 'whenDate' | 'dayPart'>): string {
  const part = form.dayPart === 'unknown' ? '' : DAY_PARTS.find((p) => p.value === form.dayPart)?.label ?? '';
  switch (form.when) {
    case null:
      return '没有说';
    case 'unknown':
      return '不记得了';
    case 'now':
      return '刚刚';
    case 'today':
      return `今天${part}`;
    case 'yesterday':
      return `昨天${part}`;
    default: {
      if (!form.whenDate) return '没有选日期';
      const said = form.when === 'days' ? '这几天' : '更早';
      return `${said}，大约${dayLabel(form.whenDate)}${part ? ` ${part}` : ''}`;
    }
  }
}

/**
 * What the units handling the report will read for its time (the same words
 * as the workbench), or null when no time is sent. Shown on the review, so
 * the reporter sees the time is not taken as more exact than they said.
 */
export function handlerWhenText(form: Pick<ReportFormStore, 'occurredAt' | 'occurredPrecision'>, now = new Date()): string | null {
  const at = form.occurredAt(now);
  return at ? occurredText(Date.parse(at), form.occurredPrecision, now.getTime()) : null;
}
