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

/**
 * Whether a page showing now is a return (it was hidden since the list was loaded). Counting shows instead goes wrong
 * for a list mounted after its page first showed (behind a role check, say): it never saw that first show, so the
 * first return was skipped and the list stayed stale.
 */
export interface ReturnWatcher {
  hidden(): void;
  /** True when the page comes back after being hidden: reload then. */
  shown(): boolean;
}

export function createReturnWatcher(): ReturnWatcher {
  let away = false;
  return {
    hidden() {
      away = true;
    },
    shown() {
      const back = away;
      away = false;
      return back;
    },
  };
}
