import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { GenerateSW } from 'workbox-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * One config for both targets. Each platform builds into its own folder
 * (dist/weapp, dist/h5) so the local server can serve the H5 build while the
 * WeChat devtools point at dist/weapp (project.config.json miniprogramRoot).
 */
const platform = process.env.TARO_ENV || 'weapp';

/**
 * taro-ui's scss still uses @import, `/` division and global built-ins;
 * sass warns ~160 times per build. The warnings are about sass 2.0, not about
 * our output, so they are silenced to keep real warnings visible.
 */
const sassLoaderOption = {
  sassOptions: {
    silenceDeprecations: ['import', 'slash-div', 'global-builtin', 'legacy-js-api', 'color-functions'],
  },
};

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huhang',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      // The CloudBase environment id the weapp calls. Empty means "the
      // environment this mini-program is bound to" (DYNAMIC_CURRENT_ENV).
      CLOUD_ENV_ID: JSON.stringify(process.env.HUHANG_CLOUD_ENV || ''),
      // Subscription-message template ids staff are asked to accept (comma-separated,
      // the same ids the scheduler's TEMPLATE_* variables name). Empty: no prompt.
      ALERT_TEMPLATE_IDS: JSON.stringify((process.env.HUHANG_ALERT_TEMPLATES || '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 3)),
      // The same for guardians' holiday reminders (holiday_reminder, holiday_nudge, drowning_tip).
      HOLIDAY_TEMPLATE_IDS: JSON.stringify((process.env.HUHANG_HOLIDAY_TEMPLATES || '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, 3)),
    },
    copy: {
      // Native weapp components are plain ES5 with their own wxml/wxss: they are
      // copied as-is (not bundled), and pages reference them by absolute path
      // `/components/native/<name>/index` so Taro does not also compile them.
      patterns: platform === 'weapp'
        ? [{ from: 'src/components/native/', to: 'dist/weapp/components/native/' }]
        : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      sassLoaderOption,
      // Modules used only by one subpackage move into that subpackage, so
      // the main package (first screen, 2 MB cap) carries only what tabs need.
      optimizeMainPackage: { enable: true },
      // base.wxml holds one template per component per nesting level (Taro's default is 16 levels):
      // our deepest page sits well under 12, and anything deeper still renders through Taro's
      // recursive comp component. 12 levels take ~12 KB off the main package (bench-size.mjs).
      // The weapp platform plugin reads mini.baseLevel; Taro 4's config type does not list it.
      ...({ baseLevel: 12 } as object),
      // We never set innerHTML or observe the DOM; leaving these out trims the
      // runtime that every page pays for.
      runtime: {
        enableInnerHTML: false,
        enableSizeAPIs: false,
        enableAdjacentHTML: false,
        enableTemplateContent: false,
        enableCloneNode: false,
        enableContains: false,
        enableMutationObserver: false,
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // Taro sizes H5 by the shorter side of the window (rem = 40 × side ÷ 750, between min and max root size):
        // a 1366×900 desk screen got the largest root size, 40 px, and every staff page came out about twice a
        // phone's size (walk 14). Capped at 24 px: a phone (390 px: 20.8 px) is unchanged; on a computer the
        // pages read like a large phone, and a class list fits on the screen. Units convert as before (base 20).
        pxtransform: { enable: true, config: { maxRootSize: 24, minRootSize: 20 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      sassLoaderOption,
      webpackChain(chain) {
        // Taro splits only the initial chunks on H5, so every page chunk carried
        // its own copy of mobx, Taro's components and ours (~1 MB in all).
        // Splitting async chunks too shares them between pages.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
        // Offline H5 (issue 18): a Workbox service worker precaches the app shell and every page
        // chunk (the lesson pages included), so a reload with no network shows the app, tab bar and
        // all, and a lesson read before opens from the copy kept in storage. Only for the H5
        // production build (src/services/serviceWorker.h5.ts registers it); the weapp keeps preloadRule.
        if (process.env.NODE_ENV !== 'development') {
          chain.plugin('workbox').use(GenerateSW, [{
            swDest: 'sw.js',
            clientsClaim: true,
            skipWaiting: true,
            cleanupOutdatedCaches: true,
            // The hash router's pages are all index.html; the API, uploads and photos never come from the cache.
            navigateFallback: '/index.html',
            navigateFallbackDenylist: [/^\/api/, /^\/upload/, /^\/files\//, /^\/healthz/],
            exclude: [/\.map$/, /\.LICENSE\.txt$/],
            maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
          }]);
        }
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
