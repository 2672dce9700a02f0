import { createTransport, type Channel } from '../../src/services/transport';
import { httpChannel } from '../../src/services/channel-http';
import { ApiError } from '../../src/services/errors';
import { account, inbox } from '../../src/shared/contracts';
import { startAppCloud, type AppCloud } from '../support/app';
import { browserFetch } from '../support/http';


describe('over the local gateway (the h5 channel)', () => {
  let app: AppCloud;
  beforeAll(async () => {
    app = await startAppCloud();
  });
  afterAll(() => app.close());

  test('a typed call reaches the cloud function and resolves its data; the same browser stays the same user', async () => {
    const call = createTransport({ channel: httpChannel(app.stack.url.replace(/\/$/, ''), browserFetch()) });
    const first = await call(account.me, {});
    expect(first.roles).toEqual(['resident']);
    expect((await call(account.me, {})).code).toBe(first.code);
  });

  test('a refusal from the cloud becomes an ApiError with its code and Chinese message', async () => {
    const call = createTransport({ channel: httpChannel(app.stack.url.replace(/\/$/, ''), browserFetch()) });
    const error = await call(account.roleHolders, { orgId: 'org-donghu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: expect.stringMatching(/没有权限/) });
  });
});

describe('transport rules', () => {
  const ok = (data: unknown) => ({ ok: true, data });

  test('input that breaks the shared schema is refused before anything is sent, with per-field messages', async () => {
    const sent: unknown[] = [];
    const call = createTransport({ channel: async (_fn, data) => (sent.push(data), ok({})) });
    const error = (await call(account.grantRole, { userCode: '12', role: 'deputy', scopeId: 's', name: '张三' }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INPUT.INVALID');
    expect(error.fields.userCode).toBe('用户编号是 6 位字母或数字');
    expect(sent).toEqual([]);
  });

  test('an idempotent action is retried once after a network failure', async () => {
    let attempts = 0;
    const channel: Channel = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('socket hang up');
      return ok({ unread: 3 });
    };
    expect(await createTransport({ channel })(inbox.unreadCount, {})).toEqual({ unread: 3 });
    expect(attempts).toBe(2);
  });

  test('an action that is not idempotent is never retried', async () => {
    let attempts = 0;
    const channel: Channel = async () => {
      attempts += 1;
      throw new Error('socket hang up');
    };
    const error = await createTransport({ channel })(inbox.recordSubscription, { accepted: ['tmpl-todo'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK.FAILED', message: '网络连接失败，请检查网络后重试' });
    expect(attempts).toBe(1);
  });

  test('a call that never answers fails with a clear timeout message', async () => {
    const channel: Channel = () => new Promise(() => undefined);
    const error = await createTransport({ channel, timeoutMs: 5 })(inbox.recordSubscription, { accepted: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK.TIMEOUT', message: expect.stringContaining('超时') });
  });

  test('a reply that is not an envelope is an error, never data', async () => {
    const error = await createTransport({ channel: async () => undefined })(account.me, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL.ERROR' });
  });
});
