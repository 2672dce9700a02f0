/**
 * The role matrix: every action that exists × every role (and, for admins, a target inside vs outside their scope)
 * → allowed or AUTH.FORBIDDEN. The expectations are written out here by hand, so a contract whose roles drift from
 * this table fails too; an action missing from the table fails the first test.
 */
import type { ActionContract, Role } from '../../src/shared/contract';
import { CONTRACTS, account } from '../../src/shared/contracts';
import { startAppCloud, type AppCloud } from '../support/app';

type Who = 'resident' | 'member' | 'deputy' | 'admin_inside' | 'admin_outside';

const OPENID: Record<Exclude<Who, 'admin_outside'>, string> = {
  resident: 'o_demo_resident',
  member: 'o_demo_member',
  deputy: 'o_demo_deputy',
  admin_inside: 'o_demo_admin',
};

interface Row {
  allowed: Role[];
  /** Payload whose target lies inside 东湖街道 (the demo street admin's scope). */
  inside: (target: string) => Record<string, unknown>;
  /** For scoped actions: the same action aimed at 西山镇, outside that scope. */
  outside?: (target: string) => Record<string, unknown>;
}

const EVERYONE: Role[] = ['resident', 'member', 'deputy', 'admin'];
const none = (): Record<string, unknown> => ({});

const MATRIX: Record<string, Row> = {
  'system.ping': { allowed: EVERYONE, inside: none },
  'system.whoami': { allowed: EVERYONE, inside: none },
  'account.me': { allowed: EVERYONE, inside: none },
  'account.orgTree': { allowed: EVERYONE, inside: none },
  'account.grantRole': {
    allowed: ['admin'],
    inside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-donghu', name: '测试代表' }),
    outside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-xishan', name: '测试代表' }),
  },
  'account.revokeRole': {
    allowed: ['admin'],
    inside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-donghu' }),
    outside: (code) => ({ userCode: code, role: 'deputy', scopeId: 'studio-xishan' }),
  },
  'account.roleHolders': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'account.grantLog': { allowed: ['admin'], inside: () => ({ orgId: 'org-donghu' }), outside: () => ({ orgId: 'org-xishan' }) },
  'inbox.list': { allowed: EVERYONE, inside: none },
  'inbox.unreadCount': { allowed: EVERYONE, inside: none },
  'inbox.markRead': { allowed: EVERYONE, inside: () => ({ all: true }) },
  'inbox.recordSubscription': { allowed: EVERYONE, inside: () => ({ accepted: ['tmpl-case-progress'] }) },
};

const ACTIONS: ActionContract[] = Object.values(CONTRACTS).flatMap((fn) => Object.values(fn) as ActionContract[]);
const key = (contract: ActionContract): string => `${contract.fn}.${contract.name}`;

let app: AppCloud;
let targetCode: string;
beforeAll(async () => {
  app = await startAppCloud();
  targetCode = (await app.call(account.me, {}, 'o_matrix_target')).code;
});
afterAll(() => app.close());

test('every action that exists has a row in the matrix, and its contract declares the same roles', () => {
  expect(ACTIONS.map(key).sort()).toEqual(Object.keys(MATRIX).sort());
  for (const contract of ACTIONS) {
    expect({ action: key(contract), roles: [...contract.roles].sort() }).toEqual({
      action: key(contract),
      roles: MATRIX[key(contract)].allowed.includes('resident') ? ['resident'] : [...MATRIX[key(contract)].allowed].sort(),
    });
    expect({ action: key(contract), scoped: Boolean(contract.scoped) }).toEqual({ action: key(contract), scoped: Boolean(MATRIX[key(contract)].outside) });
  }
});

const cases: Array<[string, Who]> = ACTIONS.flatMap((contract) => {
  const whos: Who[] = ['resident', 'member', 'deputy', 'admin_inside'];
  if (MATRIX[key(contract)].outside) whos.push('admin_outside');
  return whos.map((who) => [key(contract), who] as [string, Who]);
});

test.each(cases)('%s as %s', async (name, who) => {
  const contract = ACTIONS.find((candidate) => key(candidate) === name) as ActionContract;
  const row = MATRIX[name];
  const payload = who === 'admin_outside' && row.outside ? row.outside(targetCode) : row.inside(targetCode);
  const openid = who === 'admin_outside' ? OPENID.admin_inside : OPENID[who];
  const role: Role = who.startsWith('admin') ? 'admin' : (who as Role);
  const reply = await app.invoke(contract, payload, openid);
  const forbidden = !reply.ok && reply.error.code === 'AUTH.FORBIDDEN';
  const expectedForbidden = !row.allowed.includes(role) || who === 'admin_outside';
  // Allowed calls must succeed outright with these payloads: no INPUT.INVALID or NOT_FOUND hiding a refusal.
  expect({ name, who, forbidden, ok: reply.ok }).toEqual({ name, who, forbidden: expectedForbidden, ok: !expectedForbidden });
});

describe('forged identity fields in payloads', () => {
  const FORGED = { openid: 'o_demo_district', OPENID: 'o_demo_district', _openid: 'o_demo_district', userId: 'o_demo_district', role: 'admin', roles: ['admin'] };

  test('account.me answers for the WeChat caller, not for the openid in the payload', async () => {
    const honest = await app.call(account.me, {}, 'o_demo_resident');
    expect(await app.call(account.me, FORGED, 'o_demo_resident')).toEqual(honest);
  });

  test.each(ACTIONS.filter((contract) => !MATRIX[key(contract)].allowed.includes('resident')).map(key))(
    '%s stays forbidden to a resident who claims to be an admin',
    async (name) => {
      const contract = ACTIONS.find((candidate) => key(candidate) === name) as ActionContract;
      const reply = await app.invoke(contract, { ...MATRIX[name].inside(targetCode), ...FORGED }, 'o_demo_resident');
      expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    },
  );
});
