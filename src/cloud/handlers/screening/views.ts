import { instrumentById } from '../../../content/screening';
import type { InstrumentResult } from '../../../domain/screening';
import type { AlertDoc } from './model';

/** One instrument's result as the psychology teacher reads it (the band label is for staff only). */
export function resultView(r: InstrumentResult) {
  const inst = instrumentById(r.instrumentId);
  const band = inst?.total?.bands.find((b) => b.key === r.bandKey);
  return {
    instrumentId: r.instrumentId,
    name: inst?.name ?? r.instrumentId,
    total: r.total,
    maxTotal: r.maxTotal,
    band: band?.label ?? (r.acute ? '急性阳性' : r.positive ? '阳性' : inst?.positive ? '阴性' : null),
    level: r.level,
    critical: r.critical.length > 0,
    positive: r.positive,
    acute: r.acute,
  };
}

export const alertView = (a: AlertDoc, now: number) => ({
  id: a._id,
  campaignId: a.campaignId,
  studentId: a.studentId,
  urgency: a.urgency,
  reasons: a.reasons,
  createdAt: a.createdAt,
  dueAt: a.dueAt,
  status: a.status,
  overdue: a.status === 'open' && now > a.dueAt,
  escalated: a.escalated,
  acknowledgedAt: a.acknowledgedAt ?? null,
});
