import { roleLabels } from '@/lib/roles';

describe('role labels on the identity card in 我的', () => {
  it('a user with no granted role is 群众', () => {
    expect(roleLabels(['resident'])).toEqual(['群众']);
  });

  it('a party member is 党员, not also 群众', () => {
    expect(roleLabels(['resident', 'member'])).toEqual(['党员']);
  });

  it('every granted role is shown, in the order the cloud lists them', () => {
    expect(roleLabels(['resident', 'member', 'deputy'])).toEqual(['党员', '党代表']);
    expect(roleLabels(['resident', 'admin'])).toEqual(['管理员']);
  });
});
