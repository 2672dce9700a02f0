/** 我也遇到 while typing: similar open cases of the same studio and category, asked once typing pauses. */
import { useEffect, useRef, useState } from 'react';
import { call } from '@/services';
import { cases, type SimilarSummary } from '@/shared/contracts/case';
import { similarQuery, type OpinionDraft } from '@/lib/opinion-draft';

/** Quiet time after the last keystroke before asking the cloud. */
const PAUSE_MS = 700;

/** The current suggestions for the draft ([] while there is too little to compare or the lookup failed). */
export function useSimilar(draft: OpinionDraft, enabled: boolean): SimilarSummary[] {
  const [found, setFound] = useState<SimilarSummary[]>([]);
  const latest = useRef(0);
  const query = enabled ? similarQuery(draft) : null;
  const key = query ? JSON.stringify(query) : '';
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    const request = ++latest.current;
    if (!key) {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      const current = queryRef.current;
      if (!current) return;
      call(cases.similar, current).then(
        ({ cases: similar }) => {
          if (request === latest.current) setFound(similar);
        },
        // Suggestions are a help, not a step: a failure just shows none.
        () => undefined,
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return found;
}
