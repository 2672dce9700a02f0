/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';

/** true in the h5 build and in weapp dev builds: the app talks to the local cloud (emulator + gateway). */
declare const LIANXIN_LOCAL: boolean;
/** The WeChat cloud environment id passed to Taro.cloud.init (LIANXIN_CLOUD_ENV at build time, else 'lianxin-local'). */
declare const LIANXIN_CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** The Taro build target; set only while Taro builds (undefined in node scripts and tests). */
    TARO_ENV?: 'weapp' | 'h5';
    /** Cloud environment id baked into the weapp build. */
    LIANXIN_CLOUD_ENV?: string;
  }
}
