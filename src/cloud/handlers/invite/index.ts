import { issue } from './issue';
import { list } from './list';
import { revoke } from './revoke';

export const inviteActions = [issue, revoke, list];
