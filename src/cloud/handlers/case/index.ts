import type { ActionDef } from '../../core/action';

/** case.* actions (handler and coordinator workbench). */
export const caseActions: ActionDef[] = [];
