import { summary } from './summary';

export const homeActions = [summary];
