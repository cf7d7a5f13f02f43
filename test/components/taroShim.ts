/**
 * A small stand-in for @tarojs/taro in jsdom (config/jest.config.js maps the
 * module here). Navigation, phone and toast calls are jest mocks tests can
 * assert on; storage is an in-memory map; page hooks run on mount.
 */
import { useEffect } from 'react';

const storage = new Map<string, unknown>();
const ok = () => jest.fn(() => Promise.resolve({ errMsg: 'ok' }));

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD' } as const;

/** Set by a test before rendering a page that reads its query (useRouter). */
export const router = { params: {} as Record<string, string | undefined> };

const Taro = {
  ENV_TYPE,
  getEnv: () => ENV_TYPE.WEB,
  navigateTo: ok(),
  redirectTo: ok(),
  switchTab: ok(),
  navigateBack: ok(),
  makePhoneCall: ok(),
  showToast: ok(),
  showModal: ok(),
  setNavigationBarTitle: ok(),
  openPrivacyContract: ok(),
  setClipboardData: ok(),
  previewImage: ok(),
  stopPullDownRefresh: ok(),
  pageScrollTo: ok(),
  getCurrentPages: () => [] as { route: string }[],
  pxTransform: (n: number) => `${n / 40}rem`,
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string) => {
    storage.delete(key);
  },
  clearStorageSync: () => storage.clear(),
  getCurrentInstance: () => ({ router }),
};

export const useDidShow = (fn: () => void) => {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => fn(), []);
};
export const useLoad = useDidShow;
export const useReady = useDidShow;
export const useDidHide = () => undefined;
export const useRouter = () => router;
export const usePullDownRefresh = () => undefined;
export const useLaunch = useDidShow;

export default Taro;
