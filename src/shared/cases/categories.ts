/** Opinion categories and their 限时办结 working-day limits (defaults; admins edit the list, rules take it as input). */

export interface CaseCategory {
  key: string;
  label: string;
  /** Working days from 批办 to the deadline. */
  limitDays: number;
}

/** The defaults seeded into the admin-editable category list (3 working days for 求助/咨询, 13 for the rest). */
export const DEFAULT_CATEGORIES: readonly CaseCategory[] = Object.freeze([
  { key: 'suggestion', label: '建议', limitDays: 13 },
  { key: 'complaint', label: '投诉', limitDays: 13 },
  { key: 'help', label: '求助', limitDays: 3 },
  { key: 'consult', label: '咨询', limitDays: 3 },
  { key: 'other', label: '其他', limitDays: 13 },
]);

/** The category with the key in the given list, or undefined. */
export function findCategory(categories: readonly CaseCategory[], key: string): CaseCategory | undefined {
  return categories.find((category) => category.key === key);
}
