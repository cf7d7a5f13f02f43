import type { ActionDef } from '../../core/action';
import { apply } from './apply';
import { preview } from './preview';
import { setDate } from './setDate';

export const rolloverActions: ActionDef[] = [preview, apply, setDate] as ActionDef[];
