/** WeChat: the network comes back, or the mini-program comes back to the front (onAppShow). */
import Taro from '@tarojs/taro';

export function whenBackOnline(fn: () => void): () => void {
  const onNetwork = (res: { isConnected: boolean }) => {
    if (res.isConnected) fn();
  };
  const onShow = () => fn();
  Taro.onNetworkStatusChange(onNetwork);
  Taro.onAppShow(onShow);
  return () => {
    Taro.offNetworkStatusChange(onNetwork);
    Taro.offAppShow(onShow);
  };
}

/** true when WeChat reports no network at all. */
export function knownOffline(): Promise<boolean> {
  return Taro.getNetworkType()
    .then((r) => r.networkType === 'none')
    .catch(() => false);
}
