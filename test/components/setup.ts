/**
 * Globals the Taro build defines at compile time (webpack DefinePlugin) and
 * that Taro's component library reads at run time.
 */
const g = globalThis as Record<string, unknown>;
Object.assign(g, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
  CLOUD_ENV_ID: '',
});
process.env.TARO_ENV = 'h5';

// Load the Taro shim first, as the real app would load @tarojs/taro before any page.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@tarojs/taro');
