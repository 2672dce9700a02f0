import { account, inbox } from '../../src/shared/contracts';
import { startAppCloud, type AppCloud } from '../support/app';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

describe('me', () => {
  test('a first-time caller becomes a resident with a user code, without registering', async () => {
    const me = await app.call(account.me, {}, 'o_new_person');
    expect(me.roles).toEqual(['resident']);
    expect(me.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(await app.call(account.me, {}, 'o_new_person')).toEqual(me);
  });

  test('the seeded street admin sees their role and scope', async () => {
    const me = await app.call(account.me, {}, 'o_demo_admin');
    expect(me.roles).toEqual(['resident', 'admin']);
    expect(me.adminScopes).toEqual([{ id: 'org-donghu', name: '东湖街道', kind: 'street' }]);
  });
});

describe('grants', () => {
  test('a street admin makes a resident a deputy of a studio in the street; it is audited and notified', async () => {
    const target = await app.call(account.me, {}, 'o_grant_target');
    const { holder } = await app.call(account.grantRole, { userCode: target.code, role: 'deputy', scopeId: 'studio-donghu', name: '吴桂兰' }, 'o_demo_admin');
    expect(holder).toMatchObject({ role: 'deputy', scopeName: '东湖街道党代表工作室', name: '吴桂兰' });
    const me = await app.call(account.me, {}, 'o_grant_target');
    expect(me.roles).toContain('deputy');
    expect(me.deputyStudios).toEqual([{ id: 'studio-donghu', name: '东湖街道党代表工作室' }]);
    const log = await app.call(account.grantLog, { orgId: 'org-donghu' }, 'o_demo_admin');
    expect(log.entries[0]).toMatchObject({ op: 'grant', role: 'deputy', targetName: '吴桂兰', byName: '赵敏' });
    const messages = await app.call(inbox.list, {}, 'o_grant_target');
    expect(messages.unread).toBe(1);
    expect(messages.items[0].title).toContain('党代表');
  });

  test('a street admin cannot grant a role in the neighbouring street', async () => {
    const target = await app.call(account.me, {}, 'o_grant_target2');
    const reply = await app.invoke(account.grantRole, { userCode: target.code, role: 'deputy', scopeId: 'studio-xishan', name: '某某' }, 'o_demo_admin');
    expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
  });
  test('a grant naming a user code nobody has, or a studio that does not exist, marks that field of the form', async () => {
    const target = await app.call(account.me, {}, 'o_grant_target3');
    expect(await app.invoke(account.grantRole, { userCode: 'ZZZZZZ', role: 'deputy', scopeId: 'studio-donghu', name: '某某' }, 'o_demo_admin')).toMatchObject({
      ok: false,
      error: { code: 'USER.NOT_FOUND', details: { fields: { userCode: expect.stringContaining('ZZZZZZ') } } },
    });
    expect(await app.invoke(account.grantRole, { userCode: target.code, role: 'deputy', scopeId: 'studio-nowhere', name: '某某' }, 'o_demo_admin')).toMatchObject({
      ok: false,
      error: { code: 'STUDIO.NOT_FOUND', details: { fields: { scopeId: expect.any(String) } } },
    });
    expect(await app.invoke(account.grantRole, { userCode: target.code, role: 'admin', scopeId: 'org-nowhere', name: '某某' }, 'o_demo_admin')).toMatchObject({
      ok: false,
      error: { code: 'ORG.NOT_FOUND', details: { fields: { scopeId: expect.any(String) } } },
    });
  });
});
