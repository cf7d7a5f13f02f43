import type { ActionDef } from '../../core/action';
import { subscribe } from './subscribe';

export const reminderActions: ActionDef[] = [subscribe] as ActionDef[];
