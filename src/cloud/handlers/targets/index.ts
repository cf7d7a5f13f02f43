import { detail } from './detail';
import { overview } from './overview';

export const targetsActions = [overview, detail];
