/**
 * The h5 build's own gateway endpoints, driven by the page code against the real local stack: demo persona sign-in
 * (dev mode only) and the part of a subscription prompt that WeChat plays on weapp.
 */
import { GatewayError, gatewayRequest } from '@/lib/gateway';
import { listPersonas, signInAs, signOut } from '@/lib/dev-sign-in';
import { createSubscribePromptStore, createSubscriptionAsker } from '@/lib/subscription';
import { httpChannel } from '@/services/channel-http';
import { createTransport } from '@/services/transport';
import { account, cases, inbox, system } from '@/shared/contracts';
import { startAppCloud, type AppCloud } from '../support/app';
import { browserFetch } from '../support/http';


// One dev-mode stack (as `npm start` runs) for the sign-in and subscription tests; each test is its own browser.
let app: AppCloud;
let baseUrl: string;
beforeAll(async () => {
  app = await startAppCloud({ dev: true });
  baseUrl = app.stack.url.replace(/\/$/, '');
});
afterAll(() => app.close());

describe('in dev mode (npm start)', () => {
  test('the sign-in page lists every demo persona with its label and description, and nobody is current yet', async () => {
    const { personas, current } = await listPersonas({ baseUrl, fetchImpl: browserFetch() });
    expect(personas.map((p) => p.key)).toEqual(['resident', 'member', 'deputy', 'admin', 'district']);
    expect(personas.find((p) => p.key === 'admin')).toMatchObject({ label: '街道管理员 赵敏', description: expect.stringContaining('东湖街道') });
    expect(current).toBeNull();
  });

  test('signing in as the deputy marks that persona current, and the cloud then sees the deputy', async () => {
    const fetchImpl = browserFetch();
    await signInAs('deputy', { baseUrl, fetchImpl });
    const { personas, current } = await listPersonas({ baseUrl, fetchImpl });
    expect(current).toBe(personas.find((p) => p.key === 'deputy')?.openid);
    const call = createTransport({ channel: httpChannel(baseUrl, fetchImpl) });
    expect(await call(account.me, {})).toMatchObject({ roles: ['resident', 'deputy'], code: 'DEP234' });
  });

  test('signing out makes the browser a new anonymous resident', async () => {
    const fetchImpl = browserFetch();
    await signInAs('admin', { baseUrl, fetchImpl });
    await signOut({ baseUrl, fetchImpl });
    const call = createTransport({ channel: httpChannel(baseUrl, fetchImpl) });
    const me = await call(account.me, {});
    expect(me.roles).toEqual(['resident']);
    expect(me.code).not.toBe('ADM234');
  });

  test('an unknown persona is refused with a Chinese message', async () => {
    const error = await signInAs('mayor', { baseUrl, fetchImpl: browserFetch() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, message: '没有这个演示身份' });
  });
});

describe('the h5 imitation of WeChat’s subscribe prompt', () => {
  /** askSubscription as the h5 build wires it, for one signed-in browser whose user answers the sheet with `allow`. */
  async function browserAs(persona: string, allow: boolean) {
    const fetchImpl = browserFetch();
    await signInAs(persona, { baseUrl, fetchImpl });
    const call = createTransport({ channel: httpChannel(baseUrl, fetchImpl) });
    const prompt = createSubscribePromptStore();
    const asked: string[][] = [];
    prompt.subscribe((titles) => {
      if (!titles) return;
      asked.push(titles);
      prompt.answer(allow);
    });
    const ask = createSubscriptionAsker({
      platform: 'h5',
      requestWechat: () => Promise.reject(new Error('not on h5')),
      confirm: (titles) => prompt.ask(titles),
      grant: (accepted) => gatewayRequest('POST', '/api/_wx/subscribe', { accepted }, { baseUrl, fetchImpl }),
      record: (answer) => call(inbox.recordSubscription, answer),
    });
    return { ask, asked, call };
  }

  test('允许 grants WeChat’s credit and the cloud records one credit for the template', async () => {
    const { ask, asked, call } = await browserAs('member', true);
    expect(await ask(['caseProgress'])).toEqual(['caseProgress']);
    expect(asked).toEqual([['意见办理进度通知']]);
    expect(app.stack.emulator.openapi.credits('o_demo_member')).toEqual({ 'tmpl-case-progress': 1 });
    expect((await call(inbox.recordSubscription, { accepted: [] })).credits).toEqual({ 'tmpl-case-progress': 1 });
  });

  test('取消 grants nothing anywhere and resolves an empty list', async () => {
    const { ask, call } = await browserAs('deputy', false);
    expect(await ask(['caseProgress', 'todo'])).toEqual([]);
    expect(app.stack.emulator.openapi.credits('o_demo_deputy')).toEqual({});
    expect((await call(inbox.recordSubscription, { accepted: [] })).credits).toEqual({});
  });
});

describe('outside dev mode', () => {
  let production: AppCloud;
  beforeAll(async () => {
    production = await startAppCloud({ dev: false });
  });
  afterAll(() => production.close());

  test('the persona list is refused with 403 and the message the page shows', async () => {
    const error = await listPersonas({ baseUrl: production.stack.url.replace(/\/$/, ''), fetchImpl: browserFetch() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 403, message: '演示身份登录只在本地开发模式可用' });
  });

  test('signing in is refused too, so nobody can become the admin', async () => {
    const error = await signInAs('admin', { baseUrl: production.stack.url.replace(/\/$/, ''), fetchImpl: browserFetch() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403 });
  });
});

describe('one browser, one identity (what wx.login settles on weapp)', () => {
  test('five calls started at once by a browser without a cookie all run as one user, after one login', async () => {
    const sent: string[] = [];
    const inner = browserFetch();
    const fetchImpl: typeof fetch = (input, init) => (sent.push(String(input).replace(baseUrl, '')), inner(input, init));
    const call = createTransport({ channel: httpChannel(baseUrl, fetchImpl) });
    const replies = await Promise.all(Array.from({ length: 5 }, () => call(system.whoami, {})));
    expect(new Set(replies.map((reply) => reply.openid)).size).toBe(1);
    expect(sent.filter((path) => path === '/api/_wx/login')).toHaveLength(1);
  });

  test('a first-time visitor whose submit answer was lost gets the first submission on the automatic retry: one case', async () => {
    // A browser whose first answer from the case function never arrives (the connection dropped after the cloud stored it).
    let cookie = '';
    let dropped = false;
    const fetchImpl: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(input, { ...init, headers });
      if (!dropped && String(input).endsWith('/api/case')) {
        dropped = true;
        await response.arrayBuffer();
        throw new TypeError('fetch failed');
      }
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0];
      return response;
    };
    const call = createTransport({ channel: httpChannel(baseUrl, fetchImpl) });
    const form = {
      requestId: 'lost-answer-0001',
      studioId: 'studio-donghu',
      category: 'help',
      title: '楼道灯不亮（回答丢失）',
      content: '二单元楼道灯坏了，晚上看不见台阶。',
      photos: [],
      contactVisibleToDeputy: false,
    };
    const { id } = await call(cases.submit, form);
    expect(dropped).toBe(true);
    const { items } = await call(cases.mine, {});
    expect(items.map((item) => item.id)).toEqual([id]);
  });

  test('after a demo sign-out the browser logs in again by itself, as a new anonymous resident', async () => {
    const fetchImpl = browserFetch();
    const call = createTransport({ channel: httpChannel(baseUrl, fetchImpl) });
    await signInAs('admin', { baseUrl, fetchImpl });
    expect((await call(system.whoami, {})).openid).toBe('o_demo_admin');
    await signOut({ baseUrl, fetchImpl });
    expect((await call(system.whoami, {})).openid).toMatch(/^o_local_/);
  });
});

describe('when the gateway cannot be reached', () => {
  test('the page gets a plain network message instead of a crash', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const error = await listPersonas({ baseUrl: 'http://127.0.0.1:9', fetchImpl: offline }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK.FAILED', message: '网络连接失败，请检查网络后重试' });
  });
});
