/**
 * H5 (and tests): nothing to show. WeChat's privacy authorisation exists only
 * in the mini-program; Taro builds `index.weapp.tsx` there instead of this file.
 * On H5 the privacy statement is on the 我的 page.
 */
export default function PrivacyPopup(): JSX.Element | null {
  return null;
}
