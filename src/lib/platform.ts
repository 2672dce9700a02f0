/** The two targets this app is built for; TARO_ENV is replaced at build time, so dead branches are dropped. */
export type Platform = 'weapp' | 'h5';

/** The platform of the current build ('h5' outside a Taro build, e.g. in node tests). */
export function currentPlatform(): Platform {
  return process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5';
}
