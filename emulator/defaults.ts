/** Defaults shared by `npm run emulator` and `npm start`. */
export const DEFAULT_PORT = 8086;
