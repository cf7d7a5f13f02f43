import { importRoster } from './import';

export const rosterActions = [importRoster];
