import type { ActionDef } from '../../core/action';
import { coverage } from './coverage';
import { exportCsv } from './export';
import { nudge } from './nudge';
import { progress } from './progress';
import { sign } from './sign';

/** commitment.*: guardians sign holiday letters; class teachers and coordinators follow coverage. */
export const commitmentActions: ActionDef[] = [sign, progress, exportCsv, nudge, coverage] as ActionDef[];
