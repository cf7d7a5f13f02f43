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
 * Safe to run twice at once, and to die anywhere: each step writes its
 * event, audit row and messages under fixed ids (written once however often
 * the step runs), then the compare-and-set on the state that was read; only
 * that lands the step, and a step whose set did not land runs again next time.
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
import { isAppError } from '../../../domain/errors';
import { inUnit, type Store } from '../../store/types';
import { appendEvent, type NewEvent } from '../case/events';
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
      // The event, audit row and message are written first, each under a fixed id, and the case's
      // level last: a run that dies between them leaves the level unchanged, so the next run does
      // the step again and writes only what is missing. On SQLite the step is one transaction, and
      // one that lost its compare-and-set (acknowledged meanwhile) is rolled back whole.
      const won = await inUnit(store, async () => {
        for (const crossed of step.crossed) {
          const area = escalationTarget(c.jurisdiction, crossed.level);
          const office = findDepartment(content.catalog, 'peace_office', area);
          const reason = escalationReason(c.priority, crossed, coordinatorName(content.catalog, area));
          await outbox.send({
            channel: 'subscribe_message',
            to: office.id,
            template: 'case_escalated',
            data: { category: categoryName(c.category), priority: c.priority, reason },
            page: `${CASE_PAGE}?id=${c._id}`,
          }, { id: `${c._id}:escalated:${crossed.level}` });
          await writeAudit(store, clock, SYSTEM_ACTOR, {
            action: 'case.escalate',
            subjectType: 'case',
            subjectId: c._id,
            detail: { level: crossed.level, because: crossed.because, to: office.id, reason },
          }, `${c._id}:escalated:${crossed.level}`);
          await appendEventOnce(store, clock, {
            id: `${c._id}:escalated:${crossed.level}`,
            caseId: c._id,
            kind: 'escalated',
            text: reason,
            reporterText: crossed.level === 1 ? '处理时间超出了承诺，已提醒上级部门督办。' : '已提醒市里的上级部门督办。',
            actorId: SYSTEM_ACTOR,
            actorName: '系统',
          });
        }
        return claimOrRollBack(store, cases.updateIf(
          c._id,
          { status: c.status, version: c.version, escalationLevel: c.escalationLevel },
          { set: { escalationLevel: step.level } },
        ));
      }).catch(lost);
      if (won) escalated += step.crossed.length;
      continue;
    }

    if (reminderDue(c, now)) {
      const won = await inUnit(store, async () => {
        for (const u of c.lead) {
          await outbox.send({
            channel: 'subscribe_message',
            to: unitKey(u),
            template: 'case_reminder',
            data: { category: categoryName(c.category), priority: c.priority, due: chinaTimeText(c.dueAt) },
            page: `${CASE_PAGE}?id=${c._id}`,
          }, { id: `${c._id}:reminded:${c.dueAt}:${unitKey(u)}` });
        }
        await appendEventOnce(store, clock, {
          id: `${c._id}:reminded:${c.dueAt}`,
          caseId: c._id,
          kind: 'reminded',
          text: `已提醒负责单位：还没有人接手，请在 ${chinaTimeText(c.dueAt)} 前接手`,
          reporterText: null,
          actorId: SYSTEM_ACTOR,
          actorName: '系统',
        });
        return claimOrRollBack(store, cases.updateIf(
          c._id,
          { status: 'new', dueAt: c.dueAt, remindedForDueAt: c.remindedForDueAt },
          { set: { remindedForDueAt: c.dueAt } },
        ));
      }).catch(lost);
      if (won) reminded++;
    }
  }

  await purgeRateLimits(store, now);
  const idempotency = await store.collection('idempotency').removeWhere({ expiresAt: { $lt: now } });
  const secretAttempts = await store.collection('secret_attempts').removeWhere({ expiresAt: { $lt: now } });
  return { escalated, reminded, purged: { idempotency, secretAttempts } };
}

/** An event under a fixed id, written by whichever run gets there first. */
async function appendEventOnce(store: Store, clock: Clock, e: NewEvent & { id: string }) {
  await appendEvent(store, clock, e).catch((x) => {
    if (!(isAppError(x) && x.code === 'CONFLICT')) throw x;
  });
}

/** Someone else changed the case since it was read: on SQLite the step's writes are rolled back with this. */
class StepLost extends Error {}
const lost = (e: unknown): false => {
  if (e instanceof StepLost) return false;
  throw e;
};

/**
 * The claim that lands a step. Inside a unit (SQLite) a lost claim throws so
 * the step's writes roll back; on CloudBase it answers false, and what was
 * written stays (the case changed in the moment between the read and the
 * claim: a message and event about an escalation that just stopped being due).
 */
async function claimOrRollBack(store: Store, claim: Promise<boolean>): Promise<boolean> {
  const won = await claim;
  if (!won && store.unitOfWork) throw new StepLost();
  return won;
}
