/** Offset paging for case lists, platform-free (the hook is use-paged-list.ts). */

/**
 * Adds the next page below the items already shown. Offset paging shifts when a case moves up meanwhile (a new case,
 * an updated queue): an item already shown keeps its place and takes the newer copy.
 */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const fresh = new Map(page.map((item) => [item.id, item]));
  const kept = shown.map((item) => fresh.get(item.id) ?? item);
  const known = new Set(shown.map((item) => item.id));
  return [...kept, ...page.filter((item) => !known.has(item.id))];
}
