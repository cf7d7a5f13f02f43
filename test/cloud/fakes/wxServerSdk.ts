/**
 * wx-server-sdk for jest: the CloudBase entry points (src/cloud/functions/*)
 * run against the in-memory database (cloudbaseDb.ts) and storage
 * (cloudStorage.ts), with a settable caller OPENID and a recording
 * subscribeMessage.send. Use it with
 *
 *   jest.mock('wx-server-sdk', () => require('./fakes/wxServerSdk').fakeCloud, { virtual: true });
 *
 * (virtual: the real SDK is installed by CloudBase, not in this repo) and
 * call `resetFakeCloud()` before each test. The functions build their store
 * once at load, as in production, so the database handed out delegates to
 * whichever fake database is current.
 */
import { createFakeCloudbaseDb, type FakeCloudbaseDb } from './cloudbaseDb';
import { createFakeCloudStorage, type FakeCloudStorage } from './cloudStorage';

export interface SentMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
}

export interface FakeCloudState {
  db: FakeCloudbaseDb;
  storage: FakeCloudStorage;
  /** the caller's OPENID as getWXContext reports it (undefined: a timer trigger, no caller) */
  openid: string | undefined;
  /** every subscription message WeChat accepted */
  sent: SentMessage[];
  /** errors WeChat answers for sends to this OPENID, used up one per send (a thrown { errCode }) */
  sendErrors: Map<string, unknown[]>;
}

const fresh = (): FakeCloudState => ({
  db: createFakeCloudbaseDb(),
  storage: createFakeCloudStorage(),
  openid: undefined,
  sent: [],
  sendErrors: new Map(),
});

export let fake: FakeCloudState = fresh();

export function resetFakeCloud(): FakeCloudState {
  fake = fresh();
  return fake;
}

/** WeChat's answer for a send error, shaped like the SDK's rejection. */
export const wechatError = (errCode: number, errMsg = 'fake error') =>
  Object.assign(new Error(`openapi.subscribeMessage.send:fail ${errCode} ${errMsg}`), { errCode, errMsg });

export const fakeCloud = {
  DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
  init(_options?: unknown) {},
  database() {
    return {
      collection: (name: string) => fake.db.collection(name),
      get command() { return fake.db.command; },
    };
  },
  getWXContext() {
    return { OPENID: fake.openid, APPID: 'wx0000000000000000' };
  },
  openapi: {
    security: {
      async msgSecCheck() {
        return { errCode: 0, result: { suggest: 'pass', label: 100 } };
      },
    },
    subscribeMessage: {
      async send(message: SentMessage) {
        await new Promise((resolve) => setImmediate(resolve));
        const queued = fake.sendErrors.get(message.touser);
        if (queued?.length) throw queued.shift();
        fake.sent.push(message);
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' };
      },
    },
  },
  uploadFile: (o: Parameters<FakeCloudStorage['uploadFile']>[0]) => fake.storage.uploadFile(o),
  downloadFile: (o: Parameters<FakeCloudStorage['downloadFile']>[0]) => fake.storage.downloadFile(o),
  deleteFile: (o: Parameters<FakeCloudStorage['deleteFile']>[0]) => fake.storage.deleteFile(o),
  getTempFileURL: (o: Parameters<FakeCloudStorage['getTempFileURL']>[0]) => fake.storage.getTempFileURL(o),
};
