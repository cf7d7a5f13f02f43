import { Text } from '@tarojs/components';
import type { Priority } from '../../domain/report';
import { dueText } from './format';
import './CaseBits.scss';

/** Fallback names when the catalog's vocabulary has not loaded. */
const PRIORITY_NAMES: Record<Priority, string> = { P1: '紧急', P2: '较急', P3: '一般' };

/** "P1 紧急" in red, "P2 较急" in orange, "P3 一般" in grey: colour and words, never colour alone. */
export function PriorityBadge({ priority, name }: { priority: Priority; name?: string }) {
  return <Text className={`wb-priority wb-priority--${priority}`}>{`${priority} ${name ?? PRIORITY_NAMES[priority]}`}</Text>;
}

export function Tag({ children, tone = 'plain' }: { children: string; tone?: 'plain' | 'danger' | 'warn' | 'ok' }) {
  return <Text className={`wb-tag wb-tag--${tone}`}>{children}</Text>;
}

/** The deadline that matters now ("3小时内要受理"), in red once it has passed. */
export function Due({ item }: { item: Parameters<typeof dueText>[0] }) {
  return <Text className={`wb-due ${item.overdue ? 'wb-due--overdue' : ''}`}>{dueText(item)}</Text>;
}
