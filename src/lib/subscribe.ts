/**
 * askSubscription(['caseProgress']): ask for subscribe-message credits right after a user's tap. weapp: WeChat's own
 * prompt; h5: our imitation of it (SubscribePrompt in PageShell) and the gateway in WeChat's part. Either way the
 * answer is recorded in the cloud. Never throws: resolves the accepted template keys.
 */
import Taro from '@tarojs/taro';
import { call } from '../services';
import { inbox } from '../shared/contracts/inbox';
import type { TemplateKey } from '../shared/notify';
import { gatewayRequest } from './gateway';
import { currentPlatform } from './platform';
import { createSubscribePromptStore, createSubscriptionAsker, type SubscribePromptStore } from './subscription';

let prompt: SubscribePromptStore | undefined;

/** The h5 prompt every page's sheet listens to. */
export function subscribePrompt(): SubscribePromptStore {
  prompt ??= createSubscribePromptStore();
  return prompt;
}

/** wx.requestSubscribeMessage. Taro's type demands Alipay's entityIds too; WeChat takes only tmplIds. */
async function requestWechat(tmplIds: string[]): Promise<Record<string, unknown>> {
  const request = Taro.requestSubscribeMessage as unknown as (option: { tmplIds: string[] }) => Promise<Record<string, unknown>>;
  return request({ tmplIds });
}

/** Only h5 has a gateway playing WeChat; the weapp build drops this branch. */
function grantOnGateway(accepted: string[]): Promise<unknown> {
  if (process.env.TARO_ENV !== 'h5') return Promise.reject(new Error('WeChat grants subscription credits itself'));
  return gatewayRequest('POST', '/api/_wx/subscribe', { accepted });
}

const asker = createSubscriptionAsker({
  platform: currentPlatform(),
  requestWechat,
  confirm: (titles) => subscribePrompt().ask(titles),
  grant: grantOnGateway,
  record: (answer) => call(inbox.recordSubscription, answer),
  report: (error) => console.warn('订阅消息', error),
});

/** Call only from a tap handler, with at most 3 templates. */
export function askSubscription(templateKeys: TemplateKey[]): Promise<TemplateKey[]> {
  return asker(templateKeys);
}
