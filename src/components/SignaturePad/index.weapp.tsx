/**
 * Weapp: renders our native `signature-pad` component, so touch moves are
 * drawn inside the native layer and never cross Taro's setData bridge.
 *
 * The page that uses it must register the native component in its
 * index.config.ts (absolute path; the component is copied into the build by
 * config/index.ts, not bundled):
 *
 *   usingComponents: { 'signature-pad': '/components/native/signature-pad/index' }
 */
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import type { SignatureChange, SignaturePadHandle, SignaturePadProps } from './types';

export * from './types';

interface NativeEvent<T> { detail: T }

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'signature-pad': {
        height?: number;
        exportRequest?: number;
        onChange?: (e: NativeEvent<SignatureChange>) => void;
        onExport?: (e: NativeEvent<{ tempFilePath?: string; error?: string }>) => void;
      };
    }
  }
}

const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad({ height = 400, onChange }, ref) {
  // Exports are asked for by bumping a number the native component observes,
  // so no component instance has to be looked up through Taro's page tree.
  const [exportRequest, setExportRequest] = useState(0);
  const waiting = useRef<{ resolve: (path: string) => void; reject: (e: Error) => void } | null>(null);

  useImperativeHandle(ref, () => ({
    exportPng: () =>
      new Promise<string>((resolve, reject) => {
        waiting.current?.reject(new Error('又请求了一次保存签名。'));
        waiting.current = { resolve, reject };
        setExportRequest((n) => n + 1);
      }),
  }));

  return (
    <signature-pad
      height={height}
      exportRequest={exportRequest}
      onChange={(e) => onChange?.(e.detail)}
      onExport={(e) => {
        const w = waiting.current;
        waiting.current = null;
        if (!w) return;
        if (e.detail.tempFilePath) w.resolve(e.detail.tempFilePath);
        else w.reject(new Error(e.detail.error || '保存签名失败，请再试一次。'));
      }}
    />
  );
});

export default SignaturePad;
