/** Names for the ids a case carries (category keys, studio ids), loaded once per case page. */
import { call } from '@/services';
import { cases } from '@/shared/contracts/case';
import { studio, type StudioSummary } from '@/shared/contracts/studio';

export interface CaseLabels {
  categoryLabel(key: string): string;
  studioName(id: string): string;
  studios: StudioSummary[];
}

/** Loads the category list and the studio directory; a failure leaves the raw ids (the page still works). */
export async function loadLabels(): Promise<CaseLabels> {
  const [categories, directory] = await Promise.all([
    call(cases.categories, {}).then((answer) => answer.categories, () => []),
    call(studio.list, {}).then((answer) => answer.studios, () => []),
  ]);
  const categoryNames = new Map(categories.map((category) => [category.key, category.label]));
  const studioNames = new Map(directory.map((item) => [item.id, item.name]));
  return {
    categoryLabel: (key) => categoryNames.get(key) ?? key,
    studioName: (id) => studioNames.get(id) ?? '党代表工作室',
    studios: directory,
  };
}

/** Until the names arrive. */
export const RAW_LABELS: CaseLabels = { categoryLabel: (key) => key, studioName: () => '党代表工作室', studios: [] };
