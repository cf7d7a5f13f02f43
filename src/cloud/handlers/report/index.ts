import type { ActionDef } from '../../core/action';
import { mandatory } from './mandatory';
import { message } from './message';
import { status } from './status';
import { submit } from './submit';

/** report.* actions (anonymous reporter side, and the named mandatory channel). */
export const reportActions: ActionDef[] = [submit, status, message, mandatory] as ActionDef[];
