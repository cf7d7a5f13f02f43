import { end } from './end';
import { list } from './list';

export const staffActions = [list, end];
