/**
 * `system`: health and identity.
 * - ping → { env, serverTime }: proves the function runs, touching nothing else.
 * - whoami → the caller's OPENID/APPID/UNIONID from the WeChat context (never from the payload): how the client
 *   learns who it is.
 */
import { initCloud, wxContext } from '../../infra/cloud';
import { createRouter } from '../../routing/router';

initCloud();

export const main = createRouter<unknown>({
  ping: () => ({ env: wxContext().ENV, serverTime: new Date().toISOString() }),
  whoami: () => {
    const { OPENID, APPID, UNIONID } = wxContext();
    return { openid: OPENID, appid: APPID, unionid: UNIONID };
  },
});
