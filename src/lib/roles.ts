import type { Role } from '../shared/contract';

/** How each role is called in the app. */
export const ROLE_LABEL: Record<Role, string> = { resident: '群众', member: '党员', deputy: '党代表', admin: '管理员' };

/**
 * The labels on a user's identity card. Everyone is a resident in the data, but 群众 means "not a party member or
 * official", so it is shown only to those who hold no other role.
 */
export function roleLabels(roles: readonly Role[]): string[] {
  const granted = roles.filter((role) => role !== 'resident');
  return granted.length ? granted.map((role) => ROLE_LABEL[role]) : [ROLE_LABEL.resident];
}
