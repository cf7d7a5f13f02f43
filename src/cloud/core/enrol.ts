/**
 * Invitation codes, guardian links and staff posts (issue 14): the records
 * behind `auth.redeem`, `invite.*`, `guardian.*`, `staff.*` and the admin
 * command (`npm run admin`).
 *
 * - A code is single-use (claimed with compare-and-set on `usedBy`), expires
 *   (default 60 days), can be revoked, and reissuing a child's code revokes
 *   the one before (a lost slip stops working). Demo codes are reusable.
 * - A staff post (`staff_posts`) records who holds which post since when, so
 *   the school admin and coordinators can see and end it; ending it removes
 *   the binding from the user's roles, which the dispatcher reads on every
 *   call, so it takes effect on the person's next call.
 */
import { randomInt } from 'node:crypto';
import { isAppError } from '../../domain/errors';
import type { Invitation } from '../../domain/catalog';
import type { Role, RoleBinding } from '../../domain/roles';
import { STAFF_ROLES } from '../../domain/roles';
import { deliveryKeys } from './recipients';
import type { Doc, Store } from '../store/types';

export const DAY_MS = 24 * 3600 * 1000;
export const CODE_TTL_DAYS = 60;

export interface InvitationDoc extends Invitation, Doc {
  usedBy?: string | null;
  usedAt?: number;
  /** single-use codes: when it stops working */
  expiresAt?: number | null;
  revokedAt?: number | null;
  createdAt?: number;
  /** who issued it: a user id, or 'admin' for the server command */
  issuedBy?: string;
  /** student and guardian codes: the child and class (indexed, for reissue and the class list) */
  studentId?: string | null;
  classId?: string | null;
  schoolId?: string | null;
}

export interface UserDoc extends Doc {
  roles: RoleBinding[];
  createdAt: number;
  notifyOpenid?: string;
  notifyKeys?: string[];
}

export interface StaffPostDoc extends Doc {
  userId: string;
  role: Role;
  schoolId: string | null;
  classId: string | null;
  deptId: string | null;
  /** the county (or 'city') the post is in: for schools their county, for departments and coordinators theirs */
  jurisdiction: string | null;
  displayName: string | null;
  since: number;
  status: 'active' | 'ended';
  endedAt?: number;
  endedBy?: string;
}

export interface GuardianLinkDoc extends Doc {
  userId: string;
  studentId: string;
  since: number;
  name?: string;
  relation?: string;
  /** how the link came about: the roster name matched, the class teacher confirmed, a demo code */
  via?: 'roster' | 'teacher' | 'demo';
}

/** Letters that cannot be mistaken for one another when read off paper (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const grouped = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;

/** A fresh random code: 3 groups of 4 (about 59 bits), e.g. K7QM-3XPA-9HTD (the admin command). */
export function newCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return grouped(s);
}

/**
 * A code from a request's id (ctx.newId: keyed with the server key, so as unguessable as a random one):
 * a retry of the request makes the same codes, so it finds what an earlier try stored instead of adding more.
 * Needs at least 64 bits of hex (16 digits); the 12 letters carry about 59 of them.
 */
export function codeFromHex(hex: string): string {
  if (!/^[0-9a-f]{16,}$/i.test(hex)) throw new Error('codeFromHex: needs 16 or more hex digits');
  let n = BigInt('0x' + hex);
  const base = BigInt(ALPHABET.length);
  let s = '';
  for (let i = 0; i < 12; i++) { s += ALPHABET[Number(n % base)]; n /= base; }
  return grouped(s);
}

export const sameBinding = (a: RoleBinding, b: RoleBinding) =>
  a.role === b.role && a.schoolId === b.schoolId && a.classId === b.classId &&
  a.studentId === b.studentId && a.deptId === b.deptId && a.jurisdiction === b.jurisdiction;

export const postId = (userId: string, b: RoleBinding) =>
  [userId, b.role, b.schoolId ?? '', b.classId ?? '', b.deptId ?? '', b.jurisdiction ?? ''].join(':');

/** Records a staff post when a staff binding is made (redeem); keeps the first `since` on a repeat. */
export async function recordPost(store: Store, userId: string, b: RoleBinding, jurisdiction: string | null, now: number) {
  if (!STAFF_ROLES.includes(b.role)) return;
  const posts = store.collection<StaffPostDoc>('staff_posts');
  const id = postId(userId, b);
  const existing = await posts.get(id);
  if (existing?.status === 'active') return;
  await posts.put({
    _id: id, userId, role: b.role, schoolId: b.schoolId ?? null, classId: b.classId ?? null, deptId: b.deptId ?? null,
    jurisdiction, displayName: b.displayName ?? null, since: now, status: 'active',
  });
}

/**
 * Removes bindings matching `drop` from a user's roles (and the notify keys
 * they gave). Compare-and-set on the roles read, retried, so two removals
 * (or a removal and a redeem) racing on one user cannot lose each other.
 */
export async function removeBindings(store: Store, userId: string, drop: (b: RoleBinding) => boolean): Promise<RoleBinding[]> {
  const users = store.collection<UserDoc>('users');
  for (let attempt = 0; attempt < 5; attempt++) {
    const user = await users.get(userId);
    if (!user) return [];
    const removed = user.roles.filter(drop);
    if (!removed.length) return [];
    const roles = user.roles.filter((b) => !drop(b));
    if (await casRoles(store, user, roles)) return removed;
  }
  throw new Error('removeBindings: too much contention');
}

/** Replaces a user's roles if they are still what was read (JSON compare through a version counter). */
export async function casRoles(store: Store, user: UserDoc, roles: RoleBinding[]): Promise<boolean> {
  const users = store.collection<UserDoc>('users');
  const version = (user.rolesVersion as number | undefined) ?? 0;
  const where = user.rolesVersion === undefined ? { rolesVersion: null } : { rolesVersion: version };
  const notifyKeys = user.notifyOpenid ? deliveryKeys(roles) : user.notifyKeys;
  return users.updateIf(user._id, where, { set: { roles, rolesVersion: version + 1, ...(notifyKeys ? { notifyKeys } : {}) } });
}

/** Adds a binding to a user's roles (creating the user row if needed); compare-and-set, retried. */
export async function addBinding(store: Store, userId: string, binding: RoleBinding, now: number, extra: Partial<UserDoc> = {}): Promise<RoleBinding[]> {
  const users = store.collection<UserDoc>('users');
  for (let attempt = 0; attempt < 5; attempt++) {
    const user = await users.get(userId);
    if (!user) {
      try {
        await users.insert({ _id: userId, roles: [binding], createdAt: now, rolesVersion: 1, ...extra });
        return [binding];
      } catch (e) {
        // made meanwhile (a parallel redeem): read it again; anything else is a fault for the caller
        if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
        continue;
      }
    }
    const has = user.roles.some((r) => sameBinding(r, binding));
    // already bound (a retry, a second redeem of a demo code) and nothing else to store: nothing to write
    if (has && !Object.keys(extra).length) return user.roles;
    const roles = has ? user.roles : [...user.roles, binding];
    if (await casRoles(store, { ...user, ...extra }, roles)) {
      if (Object.keys(extra).length) await users.update(userId, { set: extra });
      return roles;
    }
  }
  throw new Error('addBinding: too much contention');
}
