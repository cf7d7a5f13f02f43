/** Words for the "when" question: choice labels and how a chosen day reads. */
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

/** "昨天下午", "11月25日 星期二 上午", "刚刚", or "没有说". */
export function whenText(form: Pick<ReportFormStore, 'when' | 'whenDate' | 'dayPart'>): string {
  const part = form.dayPart === 'unknown' ? '' : DAY_PARTS.find((p) => p.value === form.dayPart)?.label ?? '';
  switch (form.when) {
    case null:
    case 'unknown':
      return '没有说';
    case 'now':
      return '刚刚';
    case 'today':
      return `今天${part}`;
    case 'yesterday':
      return `昨天${part}`;
    default:
      return form.whenDate ? `${dayLabel(form.whenDate)}${part ? ` ${part}` : ''}` : '没有选日期';
  }
}
