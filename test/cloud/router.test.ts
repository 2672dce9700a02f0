import { AppError, createRouter } from '../../cloud/src/routing/router';

const logged: string[] = [];
const main = createRouter<{ openid: string }>(
  {
    echo: (payload) => payload,
    fail: () => {
      throw new AppError('CASE.NOT_FOUND', '诉求不存在', { id: 'c1' });
    },
    crash: () => {
      throw new Error('db exploded at /srv/secret.js:12');
    },
    nothing: () => undefined,
    me: (_payload, context) => context.openid,
  },
  { logError: (action, error) => logged.push(`${action}: ${(error as Error).message}`) },
);
const ctx = { openid: 'oCtx' };

test('a known action returns { ok: true, data } with the handler\'s result', async () => {
  expect(await main({ action: 'echo', payload: { a: 1 } }, ctx)).toEqual({ ok: true, data: { a: 1 } });
  expect(await main({ action: 'me' }, ctx)).toEqual({ ok: true, data: 'oCtx' });
});

test('an unknown action is an explicit ACTION.UNKNOWN error, never an undefined result', async () => {
  expect(await main({ action: 'nope' }, ctx)).toEqual({
    ok: false,
    error: { code: 'ACTION.UNKNOWN', message: '不支持的操作: nope', details: { action: 'nope' } },
  });
  // Inherited object keys are not actions.
  expect(await main({ action: 'toString' }, ctx)).toMatchObject({ ok: false, error: { code: 'ACTION.UNKNOWN' } });
});

test('an event without an action is INPUT.INVALID', async () => {
  expect(await main({ payload: {} }, ctx)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  expect(await main(null, ctx)).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
});

test('a handler\'s AppError reaches the client with its code, message and details', async () => {
  expect(await main({ action: 'fail' }, ctx)).toEqual({
    ok: false,
    error: { code: 'CASE.NOT_FOUND', message: '诉求不存在', details: { id: 'c1' } },
  });
});

test('an unexpected exception is logged and returned as INTERNAL.ERROR in Chinese without leaking its message or stack', async () => {
  const reply = await main({ action: 'crash' }, ctx);
  expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL.ERROR', message: '服务器开小差了，请稍后再试' } });
  expect(JSON.stringify(reply)).not.toContain('secret');
  expect(logged).toContain('crash: db exploded at /srv/secret.js:12');
});

test('a handler returning nothing gives data: null (the envelope is always complete)', async () => {
  expect(await main({ action: 'nothing' }, ctx)).toEqual({ ok: true, data: null });
});
