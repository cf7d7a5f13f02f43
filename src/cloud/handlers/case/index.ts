import type { ActionDef } from '../../core/action';
import { acknowledge } from './acknowledge';
import { backlog } from './backlog';
import { get } from './get';
import { list } from './list';
import { note } from './note';
import { reopen } from './reopen';
import { reply } from './reply';
import { resolve } from './resolve';
import { stats } from './stats';
import { transfer } from './transfer';

/** case.* actions (handler and coordinator workbench). */
export const caseActions: ActionDef[] = [list, get, acknowledge, reply, note, transfer, resolve, reopen, stats, backlog] as ActionDef[];
