import { add } from './add';
import { list } from './list';
import { update } from './update';

export const classActions = [list, add, update];
