import type { ServerResponse } from 'node:http';
import { postSignedAdmin } from '../support/admin';
import { startTestCloud, type TestCloud } from '../support/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

async function postAdmin(body: unknown): Promise<Record<string, unknown>> {
  const response = await postSignedAdmin(cloud.emulator.adminUrl, body as Record<string, unknown>);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

test('an action the emulator does not implement answers an error naming it, never a silent success', async () => {
  const reply = await postAdmin({ action: 'database.noSuchAction', collectionName: 'x' });
  expect(reply.data).toBeUndefined();
  expect(reply.code).toBe('EMULATOR_ACTION_NOT_IMPLEMENTED');
  expect(reply.message).toContain('database.noSuchAction');
});

test('a body that is not JSON is refused with INVALID_PARAM', async () => {
  const response = await postSignedAdmin(cloud.emulator.adminUrl, '{oops');
  expect(await response.json()).toMatchObject({ code: 'INVALID_PARAM' });
});

test('an unknown plain HTTP path is a 404 with a message', async () => {
  const response = await fetch(`${cloud.emulator.url}/nowhere`);
  expect(response.status).toBe(404);
});

test('a module added with use() and a catch-all route does not shadow the built-in routes', async () => {
  const catchAll = { handlers: {}, route: (_req: unknown, res: ServerResponse) => (res.end('catch-all'), true) };
  cloud.emulator.use(catchAll);
  const outbox = await fetch(`${cloud.emulator.url}/_emulator/outbox`, { headers: cloud.emulator.toolHeaders() });
  expect(outbox.headers.get('content-type')).toContain('application/json');
  expect(await (await fetch(`${cloud.emulator.url}/anything-else`)).text()).toBe('catch-all');
});
