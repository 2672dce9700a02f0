import { canRevoke, describeGrant, orgChoices, studioChoices } from '@/packages/staff/grants';
import type { OrgNodeView, RoleHolderView } from '@/shared/contracts/account';
import { ORGS, studios } from '../../scripts/local/demo-data';

// The demo district: 示范区 → 东湖街道 (东湖社区 → 第一党支部, 桂花社区) and 西山镇 (西山社区).
const nodes: OrgNodeView[] = ORGS.map((org) => ({ id: org._id, name: org.name, kind: org.kind, parentId: org.parentId, path: org.path }));
const studioViews = studios(0).map((studio) => ({ id: studio._id, name: studio.name, orgId: studio.orgId, orgPath: studio.orgPath }));

describe('what a street admin may pick in 授权管理', () => {
  it('their street and everything below it, parents before children, indented by level', () => {
    const choices = orgChoices(nodes, ['org-donghu']);
    expect(choices.map((c) => [c.name, c.depth])).toEqual([
      ['东湖街道', 0],
      ['东湖社区', 1],
      ['东湖社区第一党支部', 2],
      ['桂花社区', 1],
    ]);
    expect(choices[0].hint).toBe('街道/镇');
  });

  it('never the neighbouring street or the district above', () => {
    const names = orgChoices(nodes, ['org-donghu']).map((c) => c.name);
    expect(names).not.toContain('西山镇');
    expect(names).not.toContain('西山社区');
    expect(names).not.toContain('示范区');
  });

  it('only the studios hanging on their street, with the node each hangs on', () => {
    expect(studioChoices(studioViews, nodes, ['org-donghu'])).toEqual([{ id: 'studio-donghu', name: '东湖街道党代表工作室', hint: '东湖街道', depth: 0 }]);
  });
});

describe('what the district admin may pick', () => {
  it('the whole tree and every studio', () => {
    expect(orgChoices(nodes, ['org-district'])).toHaveLength(ORGS.length);
    expect(studioChoices(studioViews, nodes, ['org-district']).map((s) => s.id)).toEqual(['studio-donghu', 'studio-xishan']);
  });
});

describe('an admin holding two separate nodes', () => {
  it('sees both subtrees, each starting at its own top', () => {
    const choices = orgChoices(nodes, ['org-guihua-sq', 'org-xishan']);
    expect(choices.map((c) => [c.name, c.depth])).toEqual([
      ['西山镇', 0],
      ['西山社区', 1],
      ['西山社区党支部', 2],
      ['桂花社区', 0],
    ]);
  });
});

describe('revoking', () => {
  const holder = (role: 'deputy' | 'admin', self: boolean): RoleHolderView => ({ code: 'ADM234', name: '赵敏', role, scopeId: 'org-donghu', scopeName: '东湖街道', self });

  it('is not offered on the admin’s own admin role (another admin must do it)', () => {
    expect(canRevoke(holder('admin', true))).toBe(false);
  });

  it('is offered on everyone else’s roles, and on the admin’s own deputy role', () => {
    expect(canRevoke(holder('admin', false))).toBe(true);
    expect(canRevoke(holder('deputy', false))).toBe(true);
    expect(canRevoke(holder('deputy', true))).toBe(true);
  });
});

describe('授权记录', () => {
  it('reads as who did what to whom, and where', () => {
    const base = { id: 'g1', role: 'deputy' as const, targetName: '王秀英', scopeName: '东湖街道党代表工作室', byName: '赵敏', at: 0 };
    expect(describeGrant({ ...base, op: 'grant' })).toBe('赵敏 授予 王秀英 党代表（东湖街道党代表工作室）');
    expect(describeGrant({ ...base, op: 'revoke', role: 'admin', scopeName: '桂花社区' })).toBe('赵敏 收回 王秀英 管理员（桂花社区）');
  });
});
