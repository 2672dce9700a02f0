/**
 * askSubscription's rules, with WeChat's prompt played by a stand-in (it is WeChat's UI, not the SDK) and the answer
 * recorded by the real inbox function on the local cloud.
 */
import { createSubscribePromptStore, createSubscriptionAsker, type SubscriptionAnswer, type SubscriptionPorts } from '@/lib/subscription';
import { inbox } from '@/shared/contracts';
import { startAppCloud, type AppCloud } from '../support/app';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

/** A weapp user (openid) whose WeChat prompt answers with `answers`; what reached WeChat and the cloud is kept. */
function weappUser(openid: string, answers: (ids: string[]) => Promise<Record<string, unknown>>, overrides: Partial<SubscriptionPorts> = {}) {
  const prompted: string[][] = [];
  const recorded: SubscriptionAnswer[] = [];
  const reported: unknown[] = [];
  const ask = createSubscriptionAsker({
    platform: 'weapp',
    requestWechat: (ids) => {
      prompted.push(ids);
      return answers(ids);
    },
    confirm: () => Promise.reject(new Error('the h5 sheet is never shown on weapp')),
    grant: () => Promise.reject(new Error('WeChat grants credits itself on weapp')),
    record: async (answer) => {
      recorded.push(answer);
      return app.call(inbox.recordSubscription, answer, openid);
    },
    report: (error) => reported.push(error),
    ...overrides,
  });
  const credits = async () => (await app.call(inbox.recordSubscription, { accepted: [] }, openid)).credits;
  return { ask, prompted, recorded, reported, credits };
}

describe('on weapp', () => {
  test('only the templates the user answered “accept” come back, and only they earn a credit in the cloud', async () => {
    const user = weappUser('o_sub_1', async () => ({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-case-progress': 'accept', 'tmpl-todo': 'reject' }));
    expect(await user.ask(['caseProgress', 'todo'])).toEqual(['caseProgress']);
    expect(user.prompted).toEqual([['tmpl-case-progress', 'tmpl-todo']]);
    expect(user.recorded).toEqual([{ accepted: ['tmpl-case-progress'], rejected: ['tmpl-todo'] }]);
    expect(await user.credits()).toEqual({ 'tmpl-case-progress': 1 });
  });

  test('each acceptance is one more credit (one message each)', async () => {
    const user = weappUser('o_sub_2', async () => ({ 'tmpl-case-progress': 'accept' }));
    await user.ask(['caseProgress']);
    await user.ask(['caseProgress']);
    expect(await user.credits()).toEqual({ 'tmpl-case-progress': 2 });
  });

  test('a template WeChat banned or filtered counts as refused', async () => {
    const user = weappUser('o_sub_3', async () => ({ 'tmpl-case-progress': 'ban', 'tmpl-todo': 'filter' }));
    expect(await user.ask(['caseProgress', 'todo'])).toEqual([]);
    expect(user.recorded).toEqual([{ accepted: [], rejected: ['tmpl-case-progress', 'tmpl-todo'] }]);
    expect(await user.credits()).toEqual({});
  });

  test('when WeChat refuses to show the prompt (subscriptions switched off), nothing is recorded and nothing is thrown', async () => {
    const user = weappUser('o_sub_4', () => Promise.reject({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' }));
    expect(await user.ask(['caseProgress'])).toEqual([]);
    expect(user.recorded).toEqual([]);
    expect(user.reported).toHaveLength(1);
  });

  test('when the cloud cannot record the answer, the page still learns what was accepted and sees no error', async () => {
    const user = weappUser('o_sub_5', async () => ({ 'tmpl-todo': 'accept' }), { record: () => Promise.reject(new Error('网络连接失败')) });
    expect(await user.ask(['todo'])).toEqual(['todo']);
    expect(user.reported).toHaveLength(1);
  });

  test('a template listed twice is asked for once', async () => {
    const user = weappUser('o_sub_6', async (ids) => Object.fromEntries(ids.map((id) => [id, 'accept'])));
    expect(await user.ask(['todo', 'caseProgress', 'todo'])).toEqual(['todo', 'caseProgress']);
    expect(user.prompted).toEqual([['tmpl-todo', 'tmpl-case-progress']]);
  });

  test('asking for nothing shows no prompt', async () => {
    const user = weappUser('o_sub_7', async () => ({}));
    expect(await user.ask([])).toEqual([]);
    expect(user.prompted).toEqual([]);
    expect(user.recorded).toEqual([]);
  });
});

describe('the h5 prompt sheet', () => {
  test('opens with the template titles and closes once answered', async () => {
    const prompt = createSubscribePromptStore();
    const seen: Array<string[] | null> = [];
    prompt.subscribe((titles) => seen.push(titles));
    const answer = prompt.ask(['意见办理进度通知']);
    expect(prompt.current()).toEqual(['意见办理进度通知']);
    prompt.answer(true);
    expect(await answer).toBe(true);
    expect(prompt.current()).toBeNull();
    expect(seen).toEqual([['意见办理进度通知'], null]);
  });

  test('a newer question replaces an unanswered one, which counts as 取消', async () => {
    const prompt = createSubscribePromptStore();
    const first = prompt.ask(['待办事项提醒']);
    const second = prompt.ask(['意见办理进度通知']);
    expect(await first).toBe(false);
    expect(prompt.current()).toEqual(['意见办理进度通知']);
    prompt.answer(true);
    expect(await second).toBe(true);
  });

  test('an answer given the moment the sheet opens is not lost', async () => {
    const prompt = createSubscribePromptStore();
    prompt.subscribe((titles) => {
      if (titles) prompt.answer(true);
    });
    expect(await prompt.ask(['意见办理进度通知'])).toBe(true);
  });
});
