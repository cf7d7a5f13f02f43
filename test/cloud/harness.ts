/**
 * A cloud layer on a temporary store, with an injectable clock, for handler
 * tests. `as(code)` logs a fresh simulated user in and redeems a demo code,
 * like a person would in the H5 app.
 *
 * The store is chosen by the environment variable STORE:
 *  - `sqlite` (default): a SQLite file in a temporary folder, as `npm start` runs;
 *  - `cloudbase`: the CloudBase adapter (production) over the in-memory fake
 *    of wx-server-sdk's database (test/cloud/fakes/cloudbaseDb.ts).
 * `npm test` runs the handler suite on both (jest projects `node` and
 * `node-cloudbase`). A test that needs SQLite itself uses `sqliteOnly` and
 * says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { content } from '../../src/content';
import { dispatch, type CallerIdentity, type DispatchEnv } from '../../src/cloud/core/dispatch';
import type { Clock, Outbox, Platform } from '../../src/cloud/core/context';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { callerCache } from '../../src/cloud/core/callerCache';
import { fileBlobStore, type BlobStore } from '../../src/cloud/media/blobs';
import { actions } from '../../src/cloud/handlers';
import { seedDemo } from '../../src/cloud/local/seed';
import { createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import { COLLECTIONS, type Store } from '../../src/cloud/store/types';
import type { RoleBinding } from '../../src/domain/roles';
import { createFakeCloudbaseDb, type FakeCloudbaseDb } from './fakes/cloudbaseDb';

export type StoreKind = 'sqlite' | 'cloudbase';

function storeKind(): StoreKind {
  const v = process.env.STORE ?? 'sqlite';
  if (v !== 'sqlite' && v !== 'cloudbase') throw new Error(`STORE must be sqlite or cloudbase, got ${JSON.stringify(v)}`);
  return v;
}

/** The adapter this run's handler tests use (STORE=sqlite|cloudbase). */
export const STORE_KIND: StoreKind = storeKind();

/**
 * A test that needs the SQLite store itself (its file, its SQL, its
 * transactions), not only the Store interface: registered only when the
 * suite runs on SQLite. `why` says what it needs, so that a reader of the
 * CloudBase run knows what it does not cover.
 */
export function sqliteOnly(why: string, name: string, fn: () => Promise<unknown> | void, timeout?: number): void {
  if (!why.trim()) throw new Error('sqliteOnly: say why the test needs SQLite');
  if (STORE_KIND === 'sqlite') test(name, fn as jest.ProvidesCallback, timeout);
}

/**
 * Opens the store the handler suite runs on. On CloudBase, `dump()` reads the
 * fake's memory (every collection of COLLECTIONS, like the SQLite dump).
 */
export function openTestStore(dir: string, kind: StoreKind = STORE_KIND): { store: Store; fakeDb?: FakeCloudbaseDb } {
  if (kind === 'sqlite') return { store: openSqliteStore(path.join(dir, 'test.db')) };
  const fakeDb = createFakeCloudbaseDb();
  const adapter = createCloudbaseStore(fakeDb);
  const names = Object.keys(COLLECTIONS);
  // everything the adapter offers (whatever the Store interface grows), plus the fake's dump
  const store: Store = { ...adapter, dump: async () => fakeDb.dump(names) as Awaited<ReturnType<NonNullable<Store['dump']>>> };
  return { store, fakeDb };
}

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
  /** which adapter `store` is (STORE=sqlite|cloudbase) */
  storeKind: StoreKind;
  /** on CloudBase: the fake database under the adapter (to inject faults, count calls) */
  fakeDb?: FakeCloudbaseDb;
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

/** `kind`: the adapter, when a test needs a particular one whatever STORE says (the CloudBase fault sweep). */
export async function makeHarness(start = '2026-11-28T02:00:00Z', platform?: Partial<Platform>, kind: StoreKind = STORE_KIND): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-test-'));
  const { store, fakeDb } = openTestStore(dir, kind);
  await seedDemo(store, content.demo, Date.parse(start));
  const clock = new FakeClock(Date.parse(start));
  const serverKey = 'test-server-key-' + Math.random().toString(36).slice(2);
  const blobs = fileBlobStore(path.join(dir, 'uploads'), serverKey);
  const env: DispatchEnv = {
    store, clock, serverKey,
    outbox: storeOutbox(store, clock),
    platform: { name: 'local' as const, checkText: async () => ({ ok: true, skipped: true }), blobs, ...platform },
    actions,
    // as the local server runs (null on CloudBase): every handler test also checks that a change of roles
    // reaches the very next call through it
    callers: callerCache(store),
  };
  const anonymous: CallerIdentity = { userId: null, rateIdentity: 'ip:127.0.0.1' };
  const h: Harness = {
    store, storeKind: kind, fakeDb, clock, dir, serverKey, outbox: env.outbox, blobs: env.platform.blobs, env, anonymous,
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
      env.callers?.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
