// wx-server-sdk is installed by CloudBase next to the bundled function (see
// dist/cloudfunctions/*/package.json), not in this repo; these are the parts we use.
declare module 'wx-server-sdk' {
  const cloud: {
    init(options?: { env?: unknown }): void;
    database(): any;
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string };
    openapi: any;
    DYNAMIC_CURRENT_ENV: unknown;
  };
  export default cloud;
}
