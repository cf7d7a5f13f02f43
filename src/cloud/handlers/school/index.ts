import { add } from './add';
import { importSchools } from './import';
import { list } from './list';
import { update } from './update';

export const schoolActions = [list, add, update, importSchools];
