/**
 * The typed wx-server-sdk wrapper (cloud/src/infra) driven against the emulator with the real SDK,
 * the way a deployed function uses it (DYNAMIC_CURRENT_ENV resolved through TCB_ENV, as the runner sets it).
 */
import { join } from 'node:path';
import { callFunction, CloudError } from '../../cloud/src/infra/cloud';
import { database } from '../../cloud/src/infra/database';
import { msgSecCheck, sendSubscribeMessage } from '../../cloud/src/infra/openapi';
import { startTestCloud, type TestCloud } from '../support/cloud';

interface Member {
  name: string;
  branch: string;
  points: number;
  status?: string;
}

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({
    functions: { root: join(__dirname, '../fixtures/functions') },
    openapi: { secCheckWords: { 违禁词: 20006 } },
  });
  Object.assign(process.env, { TCB_ENV: cloud.emulator.envId, TCB_CONTEXT_KEYS: 'TCB_ENV' });
  await cloud.emulator.db.ensureCollection('members');
});
afterAll(() => cloud.close());

describe('database', () => {
  const db = () => database();
  const members = () => db().collection<Member>('members');

  test('a document added is read back by id and by query, typed, with its _id', async () => {
    const id = await members().add({ name: '王芳', branch: 'b1', points: 3 });
    const doc = await members().doc(id).get();
    expect(doc).toEqual({ _id: id, name: '王芳', branch: 'b1', points: 3 });
    const found = await members().where({ name: '王芳' }).field({ name: true }).get();
    expect(found.map((m) => m.name)).toEqual(['王芳']);
  });

  test('where/orderBy/skip/limit page through results and count counts them', async () => {
    for (const [name, points] of [['甲', 10], ['乙', 20], ['丙', 30]] as const) await members().add({ name, branch: 'b2', points });
    const _ = db().command;
    const page = await members().where({ branch: 'b2', points: _.gte(10) }).orderBy('points', 'desc').skip(1).limit(1).get();
    expect(page.map((m) => m.name)).toEqual(['乙']);
    expect(await members().where({ branch: 'b2' }).count()).toBe(3);
  });

  test('a conditional update changes the document only while the condition holds (state machine guard)', async () => {
    const id = await members().add({ name: '李雷', branch: 'b3', points: 0, status: 'pending' });
    const first = await members().where({ _id: id, status: 'pending' }).update({ status: 'approved' });
    const second = await members().where({ _id: id, status: 'pending' }).update({ status: 'approved' });
    expect([first.updated, second.updated]).toEqual([1, 0]);
  });

  test('doc update with commands, set and remove report their counts', async () => {
    const _ = db().command;
    const id = await members().add({ name: '韩梅梅', branch: 'b4', points: 1 });
    expect(await members().doc(id).update({ points: _.inc(2) })).toEqual({ updated: 1 });
    expect((await members().doc(id).get()).points).toBe(3);
    expect((await members().doc(id).set({ name: '韩梅梅', branch: 'b5', points: 0 })).updated).toBe(1);
    expect(await members().doc(id).remove()).toEqual({ removed: 1 });
    await expect(members().doc(id).get()).rejects.toBeInstanceOf(CloudError);
  });

  test('aggregate groups documents', async () => {
    for (const points of [1, 2]) await members().add({ name: 'x', branch: 'agg', points });
    const rows = await members().aggregate().match({ branch: 'agg' }).group({ _id: '$branch', total: { $sum: '$points' } }).end<{ _id: string; total: number }>();
    expect(rows).toEqual([{ _id: 'agg', total: 3 }]);
  });

  test('a transaction reads and writes single documents and commits them together', async () => {
    const id = await members().add({ name: 'tx', branch: 'tx', points: 5 });
    const before = await db().runTransaction(async (tx) => {
      const doc = await tx.collection<Member>('members').doc(id).get();
      await tx.collection<Member>('members').doc(id).update({ points: (doc?.points ?? 0) + 1 });
      return doc?.points;
    });
    expect(before).toBe(5);
    expect((await members().doc(id).get()).points).toBe(6);
  });

  test('a query on a collection that was never created fails with CloudError -502005', async () => {
    await expect(db().collection('never_created').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db().collection('never_created').get()).rejects.toBeInstanceOf(CloudError);
  });
});

describe('functions', () => {
  test('callFunction returns the called function\'s result through the caller\'s parser', async () => {
    const event = await callFunction('whoami', { hello: 1 }, (result) => (result as { event: unknown }).event);
    expect(event).toEqual({ hello: 1 });
  });

  test('callFunction to a missing function fails with a CloudError', async () => {
    await expect(callFunction('missing', {}, (r) => r)).rejects.toBeInstanceOf(CloudError);
  });
});


describe('open API', () => {
  test('msgSecCheck passes ordinary text and flags a configured word as risky', async () => {
    const base = { version: 2, scene: 2, openid: 'oUser' } as const;
    expect((await msgSecCheck({ ...base, content: '今天社区开会' })).result.suggest).toBe('pass');
    expect((await msgSecCheck({ ...base, content: '这里有违禁词' })).result.suggest).toBe('risky');
  });

  test('subscribeMessage.send to a user without an accepted subscription fails with errCode 43101', async () => {
    await expect(
      sendSubscribeMessage({ touser: 'oNobody', templateId: 'tpl-1', data: { thing1: { value: '会议提醒' } } }),
    ).rejects.toMatchObject({ errCode: 43101 });
  });
});
