/**
 * The abuse suite's own checks catch what they promise: a stand-in cloud that misbehaves one way at a time must make
 * fuzzAction report a failure (shrunk, with its seed and replay path), and a well-behaved one none.
 */
import type { AppCloud } from '../support/app';
import { allActions, fuzzAction } from '../support/fuzz';

type Reply = (event: unknown, openid: string, store: Map<string, Map<string, unknown>>) => unknown;

/** Just enough of AppCloud for fuzzAction: a runner answering with `reply`, and a store it may write to. */
function standIn(reply: Reply): AppCloud {
  const store = new Map<string, Map<string, unknown>>([['users', new Map()]]);
  const emulator = {
    runner: { invoke: async (_fn: string, event: unknown, context: { OPENID: string }) => reply(event, context.OPENID, store) },
    db: { snapshot: () => new Map([...store].map(([name, docs]) => [name, new Map(docs)])) },
  };
  return { stack: { emulator } } as unknown as AppCloud;
}

const submit = allActions().find((entry) => entry.name === 'case.submit')!;
const refuse = { ok: false, error: { code: 'INPUT.INVALID', message: '填写的内容不正确' } };

it('a cloud that refuses everything cleanly passes', async () => {
  const report = await fuzzAction(standIn(() => refuse), submit.name, submit.contract, 100, 1);
  expect(report.failure).toBeNull();
  expect(report.calls).toBe(100);
});

it.each<[string, Reply, RegExp]>([
  ['a refusal that stores its caller (a partial write)', (_event, openid, store) => (store.get('users')!.set(openid, { _id: openid }), refuse), /changed the store: users\/o_\S+ (added|changed)/],
  ['an INTERNAL.ERROR', () => ({ ok: false, error: { code: 'INTERNAL.ERROR', message: 'boom' } }), /INTERNAL\.ERROR/],
  ['a crash instead of an answer', () => Promise.reject(new Error('worker died')), /failed instead of answering/],
  ['a reply that is not an envelope', () => ({ errMsg: 'fail' }), /not an envelope/],
  ['accepting text with NUL or half a surrogate pair', () => ({ ok: true, data: {} }), /accepted a payload with NUL/],
])('%s is reported, with its seed and replay path', async (_what, reply, problem) => {
  const report = await fuzzAction(standIn(reply), submit.name, submit.contract, 300, 20261130);
  expect(report.failure?.problem).toMatch(problem);
  expect(report.failure?.seed).toBe(20261130);
  expect(report.failure?.path).not.toBe('');
});
