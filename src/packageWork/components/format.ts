/** Times on the workbench, in Chinese: deadlines relative to now (dayjs), full dates. Short times: components/timeText. */
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';
import { chinaFullText } from '../../domain/chinaTime';
import type { CaseStatus } from '../../domain/report';

dayjs.extend(relativeTime);

/** dayjs writes "3 小时"; Chinese text has no space there. */
const tight = (s: string) => s.replace(/(\d) /g, '$1');

/** "3小时内", "2天前" */
const relative = (ms: number, now: number = Date.now()) => tight(dayjs(ms).locale('zh-cn').from(dayjs(now)));

/** "2026年11月28日 14:05" in China time, like 发生时间 beside it (never the phone's zone) */
export const fullTimeText = (ms: number) => chinaFullText(ms);

/** The deadline that matters now, in words: "3小时内要受理", "已超时2小时，请尽快办结". */
export function dueText(c: { status: CaseStatus; dueAt: number; overdue: boolean }, now: number = Date.now()): string {
  if (c.status === 'resolved') return '已办结';
  const what = c.status === 'new' ? '受理' : '办结';
  if (c.overdue) return `已超时${tight(dayjs(c.dueAt).locale('zh-cn').from(dayjs(now), true))}，请尽快${what}`;
  return `${relative(c.dueAt, now)}要${what}`;
}
