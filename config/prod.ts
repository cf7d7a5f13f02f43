import type { UserConfigExport } from '@tarojs/cli';

/** Production builds: Taro minifies by default; nothing to add yet. */
export default {
  logger: { quiet: true, stats: false },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
