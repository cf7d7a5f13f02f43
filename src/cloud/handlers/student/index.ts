import type { ActionDef } from '../../core/action';
import { transfer } from './transfer';

export const studentActions: ActionDef[] = [transfer] as ActionDef[];
