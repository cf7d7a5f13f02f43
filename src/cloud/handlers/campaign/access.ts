import { coordinatedJurisdictions, coordinatorCovers } from '../../../domain/jurisdiction';
import type { RoleBinding } from '../../../domain/roles';
import { psychSchools, type CampaignDoc } from '../screening/model';

/** Who may change a campaign: the psychology teacher of its school (school level), or a coordinator of its area. */
export function mayManage(c: CampaignDoc, roles: readonly RoleBinding[]): boolean {
  if (c.level === 'school' && psychSchools(roles).includes(c.ownerId)) return true;
  return c.level !== 'school' && coordinatedJurisdictions(roles).some((a) => coordinatorCovers(a, c.jurisdiction));
}
