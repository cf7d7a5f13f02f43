import type { ActionDef } from '../../core/action';
import { current } from './current';
import { setTerms } from './setTerms';

export const holidayActions: ActionDef[] = [current, setTerms] as ActionDef[];
