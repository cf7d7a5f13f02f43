/**
 * The scheduler's case job (run every few minutes by the scheduler cloud
 * function, and by the local server on a timer):
 *  - reminds lead units of cases nobody has acknowledged at half the
 *    acknowledge time;
 *  - escalates overdue cases to the county coordinator (平安办), then the
 *    city (rules and deadlines: src/domain/case.ts);
 *  - purges expired rate-limit counters and keys, idempotency records and
 *    secret-lock rows.
 * Every escalation leaves a case event and an audit entry that say why, in
 * a sentence ("P1 案件超过1小时未受理，升级至思茅区平安办").
 *
 * Safe to run twice at once: each change is a compare-and-set on the state
 * that was read, and only the run whose write landed sends notifications.
 */
import { content } from '../../../content';
import { escalationDue, escalationReason, escalationTarget, reminderDue } from '../../../domain/case';
import { coordinatorName } from '../../../domain/jurisdiction';
import { chinaTimeText } from '../../../domain/chinaTime';
import { findDepartment } from '../../../domain/routing';
import { unitKey } from '../../../domain/report';
import { writeAudit } from '../../core/audit';
import type { Clock, Outbox } from '../../core/context';
import { purgeRateLimits } from '../../core/rateLimit';
import type { Store } from '../../store/types';
import { appendEvent } from '../case/events';
import { CASE_PAGE, categoryName, type CaseDoc } from '../case/views';

export interface JobEnv {
  store: Store;
  clock: Clock;
  outbox: Outbox;
}

export interface EscalationRun {
  /** escalation steps applied (a case jumping two levels at once counts twice) */
  escalated: number;
  reminded: number;
  purged: { idempotency: number; secretAttempts: number };
}

export const SYSTEM_ACTOR = 'system';

export async function runEscalation({ store, clock, outbox }: JobEnv): Promise<EscalationRun> {
  const now = clock.now().getTime();
  const cases = store.collection<CaseDoc>('cases');
  const open = await cases.find({ status: { $in: ['new', 'acknowledged'] } });
  let escalated = 0;
  let reminded = 0;

  for (const c of open) {
    const step = escalationDue(c, now);
    if (step) {
      const won = await cases.updateIf(
        c._id,
        { status: c.status, version: c.version, escalationLevel: c.escalationLevel },
        { set: { escalationLevel: step.level } },
      );
      if (!won) continue; // acknowledged, transferred or escalated by someone else meanwhile
      for (const crossed of step.crossed) {
        const area = escalationTarget(c.jurisdiction, crossed.level);
        const office = findDepartment(content.catalog, 'peace_office', area);
        const reason = escalationReason(c.priority, crossed, coordinatorName(content.catalog, area));
        await appendEvent(store, clock, {
          id: `${c._id}:escalated:${crossed.level}`,
          caseId: c._id,
          kind: 'escalated',
          text: reason,
          reporterText: crossed.level === 1 ? '处理时间超出了承诺，已提醒上级部门督办。' : '已提醒市里的上级部门督办。',
          actorId: SYSTEM_ACTOR,
          actorName: '系统',
        });
        await writeAudit(store, clock, SYSTEM_ACTOR, {
          action: 'case.escalate',
          subjectType: 'case',
          subjectId: c._id,
          detail: { level: crossed.level, because: crossed.because, to: office.id, reason },
        });
        await outbox.send({
          channel: 'subscribe_message',
          to: office.id,
          template: 'case_escalated',
          data: { category: categoryName(c.category), priority: c.priority, reason },
          page: `${CASE_PAGE}?id=${c._id}`,
        });
        escalated++;
      }
      continue;
    }

    if (reminderDue(c, now)) {
      const won = await cases.updateIf(
        c._id,
        { status: 'new', dueAt: c.dueAt, remindedForDueAt: c.remindedForDueAt },
        { set: { remindedForDueAt: c.dueAt } },
      );
      if (!won) continue;
      await appendEvent(store, clock, {
        caseId: c._id,
        kind: 'reminded',
        text: `已提醒负责单位：还没有人接手，请在 ${chinaTimeText(c.dueAt)} 前接手`,
        reporterText: null,
        actorId: SYSTEM_ACTOR,
        actorName: '系统',
      });
      for (const u of c.lead) {
        await outbox.send({
          channel: 'subscribe_message',
          to: unitKey(u),
          template: 'case_reminder',
          data: { category: categoryName(c.category), priority: c.priority, due: chinaTimeText(c.dueAt) },
          page: `${CASE_PAGE}?id=${c._id}`,
        });
      }
      reminded++;
    }
  }

  await purgeRateLimits(store, now);
  const idempotency = await store.collection('idempotency').removeWhere({ expiresAt: { $lt: now } });
  const secretAttempts = await store.collection('secret_attempts').removeWhere({ expiresAt: { $lt: now } });
  return { escalated, reminded, purged: { idempotency, secretAttempts } };
}
