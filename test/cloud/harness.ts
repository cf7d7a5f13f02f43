/**
 * A cloud layer on a temporary SQLite file, with an injectable clock, for
 * handler tests. `as(code)` logs a fresh simulated user in and redeems a demo
 * code, like a person would in the H5 app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { content } from '../../src/content';
import { dispatch, type CallerIdentity, type DispatchEnv } from '../../src/cloud/core/dispatch';
import type { Clock, Outbox, Platform } from '../../src/cloud/core/context';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { fileBlobStore, type BlobStore } from '../../src/cloud/media/blobs';
import { actions } from '../../src/cloud/handlers';
import { seedDemo } from '../../src/cloud/local/seed';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Store } from '../../src/cloud/store/types';
import type { RoleBinding } from '../../src/domain/roles';

export class FakeClock implements Clock {
  /** real time when the clock started running (null: it stands still) */
  private since: number | null = null;
  constructor(private t: number) {}
  now() { return new Date(this.t + (this.since === null ? 0 : Date.now() - this.since)); }
  set(iso: string | number) {
    this.t = typeof iso === 'number' ? iso : Date.parse(iso);
    if (this.since !== null) this.since = Date.now();
  }
  advance(ms: number) { this.t += ms; }
  /** From now on the clock also moves with real time (the weapp harness: phones run on real timers). */
  run() { this.since = Date.now(); }
}

let counter = 0;
export const rid = () => `req_${Date.now().toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

/** A logged-in test caller with the secrets a privacy test must not find in the database. */
export interface Login {
  who: CallerIdentity;
  userId: string;
  deviceId: string;
  /** the session token the client holds (the store keeps only its SHA-256) */
  token: string;
}

export interface Harness {
  store: Store;
  clock: FakeClock;
  dir: string;
  serverKey: string;
  outbox: Outbox;
  /** where photos go: files in `<dir>/uploads`, linked as signed /files URLs, like the local server */
  blobs: BlobStore;
  /** what the dispatcher runs with (the weapp harness answers wx.cloud.callFunction through it) */
  env: DispatchEnv;
  /** the identity `call` uses when no `as` is given */
  anonymous: CallerIdentity;
  /** Calls an action as the given identity (null = nobody logged in). */
  call<T = any>(action: string, data?: unknown, opts?: { as?: CallerIdentity | null; requestId?: string }): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }>;
  /** A logged-in caller holding the role of a demo code (e.g. 'DEMO-POLICE'). */
  as(code?: string): Promise<CallerIdentity>;
  /** Like `as`, with the device id and session token too. */
  login(code?: string): Promise<Login>;
  /** A logged-in caller holding exactly these bindings (e.g. a handler of another county's department). */
  asBinding(...roles: RoleBinding[]): Promise<CallerIdentity>;
  close(): Promise<void>;
}

export async function makeHarness(start = '2026-11-28T02:00:00Z', platform?: Partial<Platform>): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-test-'));
  const store = openSqliteStore(path.join(dir, 'test.db'));
  await seedDemo(store, content.demo, Date.parse(start));
  const clock = new FakeClock(Date.parse(start));
  const serverKey = 'test-server-key-' + Math.random().toString(36).slice(2);
  const blobs = fileBlobStore(path.join(dir, 'uploads'), serverKey);
  const env: DispatchEnv = {
    store, clock, serverKey,
    outbox: storeOutbox(store, clock),
    platform: { name: 'local' as const, checkText: async () => ({ ok: true, skipped: true }), blobs, ...platform },
    actions,
  };
  const anonymous: CallerIdentity = { userId: null, rateIdentity: 'ip:127.0.0.1' };
  const h: Harness = {
    store, clock, dir, serverKey, outbox: env.outbox, blobs: env.platform.blobs, env, anonymous,
    call: (action, data, opts = {}) =>
      dispatch({ action, data, requestId: opts.requestId ?? rid() }, opts.as === undefined || opts.as === null ? anonymous : opts.as, env) as any,
    async as(code) {
      return (await h.login(code)).who;
    },
    async login(code) {
      const deviceId = 'dev_' + Math.random().toString(36).slice(2, 12);
      const res = await dispatch({ action: 'auth.login', data: { deviceId } }, anonymous, env);
      if (!res.ok) throw new Error('login failed: ' + JSON.stringify(res.error));
      const { userId, token } = res.data as { userId: string; token: string };
      const who: CallerIdentity = { userId, rateIdentity: 'user:' + userId };
      if (code) {
        const r = await dispatch({ action: 'auth.redeem', data: { code }, requestId: rid() }, who, env);
        if (!r.ok) throw new Error('redeem failed: ' + JSON.stringify(r.error));
      }
      return { who, userId, deviceId, token };
    },
    async asBinding(...roles) {
      const who = await h.as();
      const users = store.collection('users');
      const user = (await users.get(who.userId!))!;
      await users.put({ ...user, roles });
      return who;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
