/** Defaults shared by `npm run emulator` and `npm start`. */
export const DEFAULT_PORT = 8086;

/** The cloud environment id the local cloud answers as (functions see it as ENV, fileIDs carry it). */
export const DEFAULT_ENV_ID = 'lianxin-local';
