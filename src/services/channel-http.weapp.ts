/**
 * The weapp build's channel-http.ts (Taro resolves `<name>.weapp.ts` first): the mini-program reaches the cloud with
 * wx.cloud.callFunction and has no browser fetch, so the HTTP channel and the gateway identity do not exist there.
 * Typed against the browser module, so both keep the same exports (test/build/platform-files.test.ts checks the names).
 */
import type * as Browser from './channel-http';

const absent = (): Promise<never> => Promise.reject(new Error('小程序里没有本地网关（只有浏览器版本用 HTTP 通道）'));

export const browserFetch: typeof Browser.browserFetch = () => absent();
export const settleIdentity: typeof Browser.settleIdentity = () => absent();
export const fetchWithIdentity: typeof Browser.fetchWithIdentity = () => absent();
export const httpChannel: typeof Browser.httpChannel = () => () => absent();
