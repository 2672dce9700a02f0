/** `system`: health and identity. */
import { action, defineFunction, empty } from '../contract';

export const system = defineFunction('system', {
  ping: action({ summary: '健康检查', input: empty, roles: ['resident'], idempotent: true }).returns<{ env: string; serverTime: string }>(),
  whoami: action({ summary: '当前调用者的微信身份', input: empty, roles: ['resident'], idempotent: true }).returns<{
    openid: string;
    appid: string;
    unionid: string;
  }>(),
});
