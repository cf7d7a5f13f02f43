// wx-server-sdk is installed by CloudBase next to the bundled function (see
// dist/cloudfunctions/*/package.json), not in this repo; these are the parts we use.
// Tests replace it with test/cloud/fakes/wxServerSdk.ts (jest.mock, virtual).
// The storage calls are typed once, in src/cloud/media/blobs.ts (CloudStorageApi).
declare module 'wx-server-sdk' {
  type CloudStorageApi = import('../src/cloud/media/blobs').CloudStorageApi;
  const cloud: CloudStorageApi & {
    init(options?: { env?: unknown }): void;
    database(): any;
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string };
    openapi: any;
    DYNAMIC_CURRENT_ENV: unknown;
  };
  export default cloud;
}
