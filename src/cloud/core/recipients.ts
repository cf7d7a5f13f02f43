/**
 * Who an outbox row's `to` means. Rows are addressed to units, not people,
 * because the people change while the case stays with its unit:
 *  - a department id (`simao.police`) → the handlers bound to that department;
 *  - a coordinators' office (`simao.peace_office`, `city.peace_office`) → the
 *    coordinators of that jurisdiction;
 *  - a school post (`school:<schoolId>:<role>`, see unitKey) → the staff in
 *    that role at that school;
 *  - anything else is a user id (the filer of a mandatory report).
 * User ids never contain '.' or ':' (they are 'u' + hex or base64url).
 */
import type { RoleBinding } from '../../domain/roles';

export const PEACE_OFFICE_SUFFIX = '.peace_office';

export type Recipient = { kind: 'unit'; key: string } | { kind: 'user'; userId: string };

export function parseRecipient(to: string): Recipient {
  return to.startsWith('school:') || to.includes('.') ? { kind: 'unit', key: to } : { kind: 'user', userId: to };
}

/** The unit keys a staff member receives messages for, derived from their bindings. */
export function deliveryKeys(bindings: readonly RoleBinding[]): string[] {
  const keys = new Set<string>();
  for (const b of bindings) {
    if (b.role === 'handler' && b.deptId) keys.add(b.deptId);
    if (b.role === 'coordinator' && b.jurisdiction) keys.add(b.jurisdiction + PEACE_OFFICE_SUFFIX);
    if ((b.role === 'school_safety_officer' || b.role === 'psych_teacher') && b.schoolId) keys.add(`school:${b.schoolId}:${b.role}`);
    // class teachers hold no unit post: they hear only about the reports they filed, by user id
  }
  return [...keys];
}
