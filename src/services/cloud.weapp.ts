/**
 * WeChat only (no unsuffixed sibling: import it by full name from .weapp
 * files): the CloudBase client, initialised on first use, shared by the
 * transport (transport.weapp.ts) and photo upload (upload.weapp.ts).
 */
import Taro from '@tarojs/taro';

let initialised = false;

/** The CloudBase client, initialised on first use. */
export function cloud() {
  if (!initialised) {
    const dynamicEnv = (Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: string }).DYNAMIC_CURRENT_ENV;
    // traceUser: false — the console's "user access" log would tie visits to
    // OPENIDs; a tip line must not keep one.
    Taro.cloud.init({ env: CLOUD_ENV_ID || dynamicEnv, traceUser: false });
    initialised = true;
  }
  return Taro.cloud;
}
