import type { RoleBinding } from '../domain/roles';
import { call, write, type WriteOptions } from './api';

/** A guardian code of mine waiting for the class teacher: where and since when (never the child's name). */
export interface PendingGuardian { school: string | null; className: string | null; since: number }
/** A staff post of mine that the school (or a coordinator) ended in the last 30 days: which, where and when. */
export interface EndedPost { roleName: string; place: string | null; bySchool: boolean; endedAt: number }
/** `who`: for each role, who I am in it ("李小雨，八年级（2）班"), or null */
export interface MeResult { userId: string; roles: RoleBinding[]; who?: Array<string | null>; pendingGuardian?: PendingGuardian[]; endedPosts?: EndedPost[] }
export interface RedeemResult {
  roles: RoleBinding[];
  label: string;
  /** a guardian code whose name is not on the roster: waiting for the class teacher */
  pending?: boolean;
  message?: string;
}
/** Guardian codes ask who is redeeming: the name the school has on its roster, and the relation. */
export interface GuardianName { name: string; relation?: string }

/** Who am I and which roles do I hold. */
export const me = () => call<MeResult>('auth.me', {});

/** Binds me to the role an invitation code names. */
export const redeem = (code: string, guardian?: GuardianName, options?: WriteOptions) =>
  write<RedeemResult>('auth.redeem', { code, ...(guardian?.name ? { name: guardian.name } : {}), ...(guardian?.relation ? { relation: guardian.relation } : {}) }, options);

/** H5 only: end the session (see transport.h5.ts). */
export { canSignOut, signOut } from './transport';
