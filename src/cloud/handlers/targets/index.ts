import { detail } from './detail';
import { exportDesk } from './export';
import { overview } from './overview';

export const targetsActions = [overview, detail, exportDesk];
