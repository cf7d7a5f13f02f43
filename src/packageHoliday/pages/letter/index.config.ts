export default definePageConfig({
  navigationBarTitleText: '假期安全告家长书',
  // weapp: the native signature pad (SignaturePad/index.weapp.tsx); H5 ignores it.
  usingComponents: { 'signature-pad': '/components/native/signature-pad/index' },
});
