/**
 * `system`: health and identity.
 * - ping → { env, serverTime }: proves the function runs.
 * - whoami → the caller's OPENID/APPID/UNIONID from the WeChat context (never from the payload).
 */
import { system } from '../../../../src/shared/contracts/system';
import { serve } from '../../app/serve';
import { wxContext } from '../../infra/cloud';

export const main = serve(system, {
  ping: async () => ({ env: wxContext().ENV, serverTime: new Date().toISOString() }),
  whoami: async () => {
    const { OPENID, APPID, UNIONID } = wxContext();
    return { openid: OPENID, appid: APPID, unionid: UNIONID };
  },
});
