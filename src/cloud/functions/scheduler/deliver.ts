/**
 * Delivers the outbox as WeChat subscription messages (CloudBase scheduler
 * only; locally the rows stay as they are, as the record).
 *
 * Every notification was written to `outbox` in the call that caused it, so
 * delivery can fail without losing anything. A row moves
 *   pending → sending → sent | retry | failed | skipped
 * and is never deleted:
 *  - sent:    every recipient got it, or WeChat refused some for good (no
 *             subscription left) and the rest got it;
 *  - retry:   a send failed for a reason that may pass (network, busy); the
 *             next run (every 5 minutes) tries the recipients not yet
 *             reached, up to MAX_DELIVERY_ATTEMPTS in all;
 *  - failed:  still failing after the last attempt, or WeChat refused every
 *             recipient for good (`reason` says which);
 *  - skipped: nothing to send with: the template has no id configured, or
 *             nobody holding that post has a notify address yet.
 * A run that dies mid-row leaves it 'sending'; after CLAIM_LEASE_MS the next
 * run takes it up again, so at worst someone gets a message twice.
 *
 * Rows hold user ids of who was reached (`deliveredTo`, `refusedBy`), never
 * an OPENID: those stay on the staff member's user row (auth.redeem).
 */
import { isStaff, type RoleBinding } from '../../../domain/roles';
import type { Clock, OutboxMessage } from '../../core/context';
import { deliveryKeys, parseRecipient } from '../../core/recipients';
import type { Collection, Store } from '../../store/types';
import type { SubscriptionDoc } from '../../handlers/scheduler/holidayReminders';

/** Rows one run takes on: a run must finish well inside the scheduler's 60 s timeout. */
export const OUTBOX_BATCH = 50;
/** Tries per row, one a run: at the 5-minute cadence a row is given up about 20 minutes after its first try. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** A row left 'sending' longer than this was abandoned by a run that died (timeout, crash). */
export const CLAIM_LEASE_MS = 10 * 60 * 1000;

export type OutboxStatus = 'pending' | 'sending' | 'retry' | 'sent' | 'failed' | 'skipped';

export interface OutboxRow extends OutboxMessage {
  _id: string;
  status: OutboxStatus;
  createdAt: number;
  /** tries so far, counting the one running now */
  attempts?: number;
  claimedAt?: number;
  finishedAt?: number;
  /** user ids the message reached */
  deliveredTo?: string[];
  /** user ids WeChat refused for good (no subscription left, invalid address) */
  refusedBy?: string[];
  /** the last error that may pass (network, busy), with any address taken out */
  lastError?: string;
  /** why a row was skipped or given up */
  reason?: string;
  [key: string]: unknown;
}

/** A subscription message template: its id and which of our data keys fill which of its keywords. */
export interface SubscribeTemplate {
  id: string;
  /** our data key → the template's keyword, e.g. { category: 'thing1', due: 'time3' }; absent: our keys as they are */
  fields?: Record<string, string>;
}
export type TemplateLookup = (template: string) => SubscribeTemplate | null;

/** What `cloud.openapi.subscribeMessage.send` takes (besides miniprogramState and lang, which the sender adds). */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}
export type SendSubscribeMessage = (message: SubscribeMessage) => Promise<void>;

export interface DeliverEnv {
  store: Store;
  clock: Clock;
  send: SendSubscribeMessage;
  templates: TemplateLookup;
}

export interface DeliveryRun {
  sent: number;
  retry: number;
  failed: number;
  skipped: number;
}

/** The env var holding a template's id: 'new_case' → TEMPLATE_NEW_CASE (its field map: TEMPLATE_NEW_CASE_FIELDS). */
export const templateEnvName = (template: string) => 'TEMPLATE_' + template.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * Template ids and keyword maps from the function's environment, set in the
 * CloudBase console once the templates are chosen in the mini-program admin:
 *   TEMPLATE_NEW_CASE=<template id>
 *   TEMPLATE_NEW_CASE_FIELDS=category:thing1,priority:phrase2,due:time3
 * Templates used: new_case, case_message, case_reminder, case_escalated,
 * case_reopened, and those of notifyReporter (case/notify.ts).
 */
export function templatesFromEnv(env: Record<string, string | undefined>): TemplateLookup {
  return (template) => {
    const name = templateEnvName(template);
    const id = env[name]?.trim();
    if (!id) return null;
    const spec = env[`${name}_FIELDS`]?.trim();
    if (!spec) return { id };
    const fields: Record<string, string> = {};
    for (const pair of spec.split(',')) {
      const [ours, keyword] = pair.split(':').map((s) => s.trim());
      if (ours && keyword) fields[ours] = keyword;
    }
    return { id, fields };
  };
}

/** Longest value WeChat accepts per keyword kind (thing1 → thing); a longer one fails the whole message. */
const KEYWORD_LIMITS: Record<string, number> = {
  thing: 20, name: 10, phrase: 5, symbol: 5, character_string: 32, number: 32, letter: 32, phone_number: 17, car_number: 8,
};

function fit(keyword: string, value: string): string {
  const limit = KEYWORD_LIMITS[keyword.replace(/\d+$/, '')];
  const chars = [...value];
  if (!limit || chars.length <= limit) return value;
  return limit > 5 ? chars.slice(0, limit - 1).join('') + '…' : chars.slice(0, limit).join('');
}

/** A row's data in WeChat's shape (`{ thing1: { value } }`), cut to each keyword's length. */
export function messageData(data: Record<string, string>, fields?: Record<string, string>): Record<string, { value: string }> {
  const pairs: Array<[string, string | undefined]> = fields
    ? Object.entries(fields).map(([ours, keyword]) => [keyword, data[ours]])
    : Object.entries(data);
  const out: Record<string, { value: string }> = {};
  for (const [keyword, value] of pairs) {
    if (value !== undefined && value !== '') out[keyword] = { value: fit(keyword, value) };
  }
  return out;
}

/**
 * WeChat's answers that no retry can change: the person has no subscription
 * left for this template (43101), the address is not theirs (40003), the
 * template id is wrong (40037), the data does not fit it (47003), the page
 * is not in the published version (41030).
 */
const PERMANENT_ERRCODES = new Set([43101, 40003, 40037, 47003, 41030]);
export const isPermanentSendError = (e: unknown) => PERMANENT_ERRCODES.has(Number((e as { errCode?: unknown } | null)?.errCode));

interface UserDoc { _id: string; roles?: RoleBinding[]; notifyOpenid?: string; notifyKeys?: string[]; [k: string]: unknown }
interface Addressee { userId: string; openid: string }

/**
 * The staff a row's `to` names who can receive messages. Unit posts are
 * found by the keys redeem wrote (`notifyKeys`), then checked against the
 * person's bindings, which are the truth.
 */
async function addresseesOf(users: Collection<UserDoc>, to: string, subs?: Collection<SubscriptionDoc>): Promise<Addressee[]> {
  const r = parseRecipient(to);
  if (r.kind === 'user') {
    const u = await users.get(r.userId);
    if (u?.notifyOpenid && isStaff(u.roles ?? [])) return [{ userId: u._id, openid: u.notifyOpenid }];
    // A guardian who said yes to holiday reminders with a tap (reminder.subscribe keeps the address on that row only).
    const sub = subs ? await subs.get(r.userId) : null;
    return sub?.optedIn && sub.notifyOpenid ? [{ userId: r.userId, openid: sub.notifyOpenid }] : [];
  }
  const found = await users.find({ notifyKeys: { $has: r.key } }, { limit: 500 });
  return found
    .filter((u) => u.notifyOpenid && deliveryKeys(u.roles ?? []).includes(r.key))
    .map((u) => ({ userId: u._id, openid: u.notifyOpenid! }));
}

/** Pages are given without the leading slash in subscription messages. */
const pagePath = (page: string | undefined) => page?.replace(/^\/+/, '');

/** An error as a short line for the row, with the addresses it was about taken out. */
function describeError(e: unknown, openids: readonly string[]): string {
  const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
  let text = [err?.errCode, err?.errMsg ?? err?.message].filter((v) => v !== undefined && v !== null).join(' ') || String(e);
  for (const id of openids) text = text.split(id).join('…');
  return text.slice(0, 200);
}

type Outcome = Pick<OutboxRow, 'status' | 'deliveredTo' | 'refusedBy' | 'lastError' | 'reason'>;

async function deliverRow(row: OutboxRow, attempts: number, env: DeliverEnv, addressees: (to: string) => Promise<Addressee[]>): Promise<Outcome> {
  const template = env.templates(row.template);
  if (!template) {
    return { status: 'skipped', reason: `no template id configured for "${row.template}" (set ${templateEnvName(row.template)})` };
  }
  const everyone = await addressees(row.to);
  if (everyone.length === 0) return { status: 'skipped', reason: `nobody to notify: no staff member with a notify address for ${row.to}` };

  const delivered = new Set(row.deliveredTo ?? []);
  const refused = new Set(row.refusedBy ?? []);
  const base = { templateId: template.id, page: pagePath(row.page), data: messageData(row.data, template.fields) };
  const errors: string[] = [];
  await Promise.all(everyone.filter((a) => !delivered.has(a.userId) && !refused.has(a.userId)).map(async (a) => {
    try {
      await env.send({ touser: a.openid, ...base });
      delivered.add(a.userId);
    } catch (e) {
      if (isPermanentSendError(e)) refused.add(a.userId);
      else errors.push(describeError(e, everyone.map((x) => x.openid)));
    }
  }));

  const progress = { deliveredTo: [...delivered], refusedBy: [...refused] };
  if (errors.length) {
    return attempts >= MAX_DELIVERY_ATTEMPTS
      ? { status: 'failed', ...progress, lastError: errors[0], reason: `gave up after ${attempts} attempts` }
      : { status: 'retry', ...progress, lastError: errors[0] };
  }
  if (delivered.size === 0) return { status: 'failed', ...progress, reason: 'WeChat refused every recipient (no subscription left, or the template does not fit)' };
  return { status: 'sent', ...progress };
}

/** Oldest new rows first, then rows waiting for another try, then rows a dead run left behind. */
async function takeBatch(outbox: Collection<OutboxRow>, now: number): Promise<OutboxRow[]> {
  const channel = 'subscribe_message';
  const oldest = { orderBy: [['createdAt', 'asc']] as Array<[string, 'asc' | 'desc']> };
  const rows = await outbox.find({ channel, status: 'pending' }, { ...oldest, limit: OUTBOX_BATCH });
  if (rows.length < OUTBOX_BATCH) rows.push(...await outbox.find({ channel, status: 'retry' }, { ...oldest, limit: OUTBOX_BATCH - rows.length }));
  if (rows.length < OUTBOX_BATCH) {
    rows.push(...await outbox.find({ channel, status: 'sending', claimedAt: { $lt: now - CLAIM_LEASE_MS } }, { ...oldest, limit: OUTBOX_BATCH - rows.length }));
  }
  return rows;
}

export async function deliverOutbox(env: DeliverEnv): Promise<DeliveryRun> {
  const outbox = env.store.collection<OutboxRow>('outbox');
  const users = env.store.collection<UserDoc>('users');
  const subs = env.store.collection<SubscriptionDoc>('reminder_subs');
  const now = env.clock.now().getTime();
  const run: DeliveryRun = { sent: 0, retry: 0, failed: 0, skipped: 0 };
  // One lookup per unit per run, however many rows name it.
  const cache = new Map<string, Promise<Addressee[]>>();
  const addressees = (to: string) => {
    let p = cache.get(to);
    if (!p) cache.set(to, (p = addresseesOf(users, to, subs)));
    return p;
  };

  for (const row of await takeBatch(outbox, now)) {
    const attempts = (row.attempts ?? 0) + 1;
    // Compare-and-set on what was read: of two overlapping runs, one takes the row.
    const claimed = await outbox.updateIf(
      row._id,
      { status: row.status, attempts: row.attempts ?? null, claimedAt: row.claimedAt ?? null },
      { set: { status: 'sending', attempts, claimedAt: now } },
    );
    if (!claimed) continue;
    let outcome: Outcome;
    if (attempts > MAX_DELIVERY_ATTEMPTS) {
      // only a row that kept killing its run gets here
      outcome = { status: 'failed', reason: `gave up after ${MAX_DELIVERY_ATTEMPTS} attempts` };
    } else {
      try {
        outcome = await deliverRow(row, attempts, env, addressees);
      } catch (e) {
        // looking up recipients failed (database fault): try again next run
        outcome = attempts >= MAX_DELIVERY_ATTEMPTS
          ? { status: 'failed', lastError: describeError(e, []), reason: `gave up after ${attempts} attempts` }
          : { status: 'retry', lastError: describeError(e, []) };
      }
    }
    // If this write fails the row stays 'sending' and the lease brings it back: nothing is lost.
    await outbox.update(row._id, { set: { ...outcome, finishedAt: env.clock.now().getTime() } });
    run[outcome.status as keyof DeliveryRun]++;
  }
  return run;
}
