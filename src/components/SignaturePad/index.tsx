/**
 * The handwriting pad's interface (./types) and the safe default every
 * platform has: no pad, a line saying so, and an export that refuses in
 * words (the guardian can still confirm without handwriting). Taro's build
 * picks index.weapp.tsx (native canvas) or index.h5.tsx (HTML canvas).
 */
import { Text, View } from '@tarojs/components';
import { forwardRef, useImperativeHandle } from 'react';
import type { SignaturePadHandle, SignaturePadProps } from './types';

export * from './types';

const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad(_props, ref) {
  useImperativeHandle(ref, () => ({
    exportPng: () => Promise.reject(new Error('这里不能手写签名，请点“确认签署”。')),
  }), []);
  return (
    <View className='hh-signature-pad hh-signature-pad--none'>
      <Text>这里不能手写签名，请点“确认签署”。</Text>
    </View>
  );
});

export default SignaturePad;
