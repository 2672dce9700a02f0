/**
 * The weapp build's gateway.ts (Taro resolves `<name>.weapp.ts` first): the mini-program has no local gateway — WeChat
 * itself signs users in and grants subscription credits — so nothing here may reach for the browser's fetch.
 */
import type * as Browser from './gateway';
import { GatewayError } from './gateway-error';

export { GatewayError };
export type GatewayOptions = Browser.GatewayOptions;

export const gatewayRequest: typeof Browser.gatewayRequest = () =>
  Promise.reject(new GatewayError('小程序里没有本地网关', 0, 'GATEWAY.NOT_IN_WEAPP'));
