import type { ActionDef } from '../../core/action';
import { create } from './create';
import { list } from './list';
import { update } from './update';

/** campaign.* actions: organising a screening (psychology teacher, coordinator). */
export const campaignActions: ActionDef[] = [create, update, list] as ActionDef[];
