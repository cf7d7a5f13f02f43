import { get } from './get';

export const catalogActions = [get];
