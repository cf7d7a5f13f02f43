import type { RoleBinding } from '../domain/roles';
import { call, write, type WriteOptions } from './api';

export interface MeResult { userId: string; roles: RoleBinding[] }
export interface RedeemResult { roles: RoleBinding[]; label: string }

/** Who am I and which roles do I hold. */
export const me = () => call<MeResult>('auth.me', {});

/** Binds me to the role an invitation code names. */
export const redeem = (code: string, options?: WriteOptions) =>
  write<RedeemResult>('auth.redeem', { code }, options);

/** H5 only: end the session (see transport.h5.ts). */
export { canSignOut, signOut } from './transport';
