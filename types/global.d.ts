/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';
declare module '*.sass';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** the platform being built; Taro replaces it at build time */
    TARO_ENV: 'weapp' | 'h5' | string;
    TARO_APP_ID?: string;
    /** CloudBase environment id for the weapp build (see config/index.ts) */
    HUHANG_CLOUD_ENV?: string;
    /** subscription-message template ids staff accept for case alerts (see config/index.ts) */
    HUHANG_ALERT_TEMPLATES?: string;
    /** subscription-message template ids guardians accept for holiday reminders */
    HUHANG_HOLIDAY_TEMPLATES?: string;
  }
}

/** CloudBase environment id baked in at build time; '' = the bound environment. */
declare const CLOUD_ENV_ID: string;
/** Subscription-message template ids for case alerts, baked in at build time (at most 3, WeChat's limit per prompt). */
declare const ALERT_TEMPLATE_IDS: string[];
/** Subscription-message template ids for guardians' holiday reminders (HUHANG_HOLIDAY_TEMPLATES). */
declare const HOLIDAY_TEMPLATE_IDS: string[];
