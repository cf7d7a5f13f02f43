import type { z } from 'zod';
import type { Ctx } from './context';

/**
 * One action = one handler with its input schema beside it
 * (`report.submit` → `handlers/report/submit.ts`). Who may call it is in
 * `src/domain/policy.ts` (ACTION_ACCESS); whether it is a write is in
 * WRITE_ACTIONS there, so the policy can be read and tested in one place.
 */
export interface ActionDef<S extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  name: string;
  input: S;
  /** Chinese labels for input fields, used in validation messages. */
  labels?: Record<string, string>;
  /**
   * Anonymous actions never see who called: ctx.caller is null and audit
   * entries say 'anonymous', even when the caller is logged in.
   */
  anonymous?: boolean;
  /**
   * 'stored' (default for writes): the dispatcher stores the answer under the
   * request id and replays it. 'handler': the handler makes itself idempotent
   * (report.submit must not store the one-time secret, so it derives it again).
   */
  idempotency?: 'stored' | 'handler';
  /**
   * The handler gets ctx.notifyAddress (the caller's OPENID on CloudBase).
   * Only auth.redeem needs it, to let staff receive subscription messages;
   * ignored for anonymous actions.
   */
  readsNotifyAddress?: boolean;
  handle(input: z.infer<S>, ctx: Ctx): Promise<O>;
}

export const defineAction = <S extends z.ZodTypeAny, O>(def: ActionDef<S, O>): ActionDef<S, O> => def;
