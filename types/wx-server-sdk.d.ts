// wx-server-sdk is installed by CloudBase next to the bundled function (see
// dist/cloudfunctions/*/package.json), not in this repo; these are the parts we use.
// Tests replace it with test/cloud/fakes/wxServerSdk.ts (jest.mock, virtual).
declare module 'wx-server-sdk' {
  const cloud: {
    init(options?: { env?: unknown }): void;
    database(): any;
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string };
    openapi: any;
    DYNAMIC_CURRENT_ENV: unknown;
    uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
    downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
    deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg?: string }> }>;
    getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
      fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
    }>;
  };
  export default cloud;
}
