import type { ActionDef } from '../../core/action';

/** report.* actions (anonymous reporter side). */
export const reportActions: ActionDef[] = [];
