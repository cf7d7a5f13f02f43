import type { UserConfigExport } from '@tarojs/cli';
import type { IMiniAppConfig } from '@tarojs/taro/types/compile';

/**
 * Production builds: Taro minifies by default. For the mini-program, Taro's
 * terser defaults write every Chinese character as a \uXXXX escape (6 bytes
 * instead of UTF-8's 3); WeChat reads UTF-8 JS, so keep the characters: the
 * main package is ~6 KB smaller (measured with bench-size.mjs). Taro's mini
 * runner reads `terser` from the mini config; its type does not list it.
 */
export default {
  logger: { quiet: true, stats: false },
  mini: { terser: { enable: true, config: { output: { ascii_only: false } } } } as IMiniAppConfig<'webpack5'>,
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
