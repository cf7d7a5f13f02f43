/**
 * What TypeScript and jest resolve. Taro's build picks index.weapp.tsx or
 * index.h5.tsx by platform; both export the same component and types.
 */
export { default } from './index.h5';
export * from './types';
