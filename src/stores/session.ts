import { ROLE_NAMES, type RoleBinding } from '../domain/roles';
import * as auth from '../services/auth';
import { loadInto } from './loadState';
import { watch } from './watch';
import { readStored, writeStored } from './lessonList';

/** My roles as last read, so an offline start still knows who I am (a student's lesson is kept for sending). */
const ROLES_KEY = 'huhang.session.roles';

/**
 * Who I am in 护航: the roles I am bound to. Pages read it; the me page
 * changes it (redeem an invitation code, sign out).
 */
export class SessionStore {
  roles: RoleBinding[] = [];
  /** for each role, who I am in it (auth.me), shown on 我的 */
  who: Array<string | null> = [];
  /** my guardian codes waiting for the class teacher (auth.me), shown on 我的 */
  pendingGuardian: auth.PendingGuardian[] = [];
  /** my staff posts ended by the school in the last 30 days (auth.me), said on 我的 and 首页 */
  endedPosts: auth.EndedPost[] = [];
  /** true once `auth.me` has answered at least once */
  loaded = false;
  loading = false;
  /** Chinese message of the last failed load, for the page to show */
  error: string | null = null;
  redeeming = false;

  constructor() {
    watch<SessionStore>(this, ['roles', 'who', 'pendingGuardian', 'endedPosts', 'loaded', 'loading', 'error', 'redeeming']);
  }

  get hasRoles() {
    return this.roles.length > 0;
  }

  /** Whether this phone had roles the last time it read them (before the server has answered this time). */
  knownOnThisPhone(): boolean {
    return readStored<RoleBinding[]>(ROLES_KEY, []).length > 0;
  }

  /** Chinese names of my roles, one per binding, in the order I got them. */
  get roleNames(): string[] {
    return this.roles.map((b) => ROLE_NAMES[b.role] ?? b.role);
  }

  hasRole(...roles: RoleBinding['role'][]) {
    return this.roles.some((b) => roles.includes(b.role));
  }

  /**
   * Loads my roles. `force` reloads even when already loaded (pull to
   * refresh). Resolves true when this call read them.
   */
  load(force = false): Promise<boolean> {
    if (this.loading || (this.loaded && !force)) return Promise.resolve(false);
    return loadInto(this, () => auth.me(), (res) => {
      this.roles = res.roles ?? [];
      this.who = res.who ?? [];
      this.pendingGuardian = res.pendingGuardian ?? [];
      this.endedPosts = res.endedPosts ?? [];
      this.loaded = true;
      writeStored(ROLES_KEY, this.roles);
    }).then((ok) => {
      // Offline: the roles last read on this phone, until the network answers (`loaded` stays false).
      if (!ok && !this.loaded && this.roles.length === 0) this.roles = readStored<RoleBinding[]>(ROLES_KEY, []);
      return ok;
    });
  }

  /**
   * Redeems an invitation code. Resolves with what the code was for (the
   * server's label); throws ApiError with a Chinese message otherwise.
   */
  async redeem(code: string, guardian?: auth.GuardianName): Promise<string> {
    this.redeeming = true;
    try {
      const res = await auth.redeem(code.trim(), guardian);
      // a guardian whose name is not on the roster waits for the class teacher: say so instead of "bound"
      if (res.pending) {
        // 我的 keeps saying a request waits, after the one-time message is gone
        auth.me().then((me) => { this.pendingGuardian = me.pendingGuardian ?? []; }, () => undefined);
        throw new PendingBinding(res.message ?? '已经提交给学校确认（班主任或学校管理员）。');
      }
      this.roles = res.roles ?? [];
      this.loaded = true;
      this.error = null;
      writeStored(ROLES_KEY, this.roles);
      this.who = [];
      // who I am in the new role, for 我的 (the roles themselves are the redeem's answer)
      auth.me().then((me) => {
        if (me.roles?.length === this.roles.length) this.who = me.who ?? [];
        this.pendingGuardian = me.pendingGuardian ?? [];
        this.endedPosts = me.endedPosts ?? [];
      }, () => undefined);
      return res.label;
    } finally {
      this.redeeming = false;
    }
  }

  /** Ends the session where the platform has one (H5) and forgets my roles. */
  async logout(): Promise<void> {
    await auth.signOut();
    writeStored(ROLES_KEY, []);
    this.roles = [];
    this.who = [];
    this.pendingGuardian = [];
    this.endedPosts = [];
    this.loaded = false;
    this.error = null;
  }

  get canLogout() {
    return auth.canSignOut;
  }
}

export const sessionStore = new SessionStore();

/** Thrown by redeem when the binding waits for the class teacher (not an error: the page shows it as information). */
export class PendingBinding extends Error {}
