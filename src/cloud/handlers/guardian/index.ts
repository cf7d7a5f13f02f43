import { decide } from './decide';
import { list } from './list';
import { unbind } from './unbind';

export const guardianActions = [list, decide, unbind];
