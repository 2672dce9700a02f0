/**
 * The 意见征询表's state: the draft (restored from storage, saved on every change, cleared after success), its
 * photos, the schema's field messages, and a submit that reuses the draft's request id until the cloud confirms.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, call } from '@/services';
import { cases, FORM_LIMITS } from '@/shared/contracts/case';
import { studio as studioContract } from '@/shared/contracts/studio';
import { errorMessage } from '@/lib/errors';
import {
  checkDraft,
  createDraftStore,
  draftFieldErrors,
  emptyDraft,
  hasWriting,
  placeOfQuery,
  DRAFT_STORAGE_KEY,
  PAPER_DRAFT_STORAGE_KEY,
  submissionOf,
  submitErrorMessage,
  withPlace,
  type DraftField,
  type OpinionDraft,
} from '@/lib/opinion-draft';
import { newRequestId } from '@/lib/request-id';
import { taroStorage } from '@/lib/taro-storage';
import { usePhotoUploads } from '@/lib/use-photo-uploads';

export type FieldErrors = Partial<Record<DraftField, string>>;

export interface Submitted {
  id: string;
  /** Held for review by staff (WeChat's check was unsure): no receipt number yet. */
  held?: true;
  receiptNo: string;
  /** Paper intake: the 认领码 to write on the paper receipt (shown to the intake staff only, once). */
  claimCode?: string;
}

interface FormOptions {
  /** From the studio page or a link. */
  studio?: string;
  point?: string;
  /** From a scanned mini-program code (URI-encoded, as WeChat hands it over). */
  scene?: string;
  /** A deputy or staff member typing in a paper form (case.paperIntake). */
  paper: boolean;
}

/** The form's state and actions. */
export function useOpinionForm({ studio, point, scene, paper }: FormOptions) {
  const store = useRef(createDraftStore(taroStorage, paper ? PAPER_DRAFT_STORAGE_KEY : DRAFT_STORAGE_KEY)).current;
  const [initial] = useState(() => {
    const stored = store.load();
    const place = placeOfQuery({ studio, point, scene });
    // A service point's code names only the point: its studio is looked up below.
    const lookUpPoint = !place.studio && place.point ? place.point : '';
    return { draft: withPlace(stored ?? emptyDraft(newRequestId()), place), restored: stored !== null && hasWriting(stored), lookUpPoint };
  });
  const [draft, setDraft] = useState<OpinionDraft>(initial.draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  // State updates land after the next render: a second tap in the same frame must see the first one.
  const sending = useRef(false);

  useEffect(() => {
    const pointId = initial.lookUpPoint;
    if (!pointId) return;
    let current = true;
    call(studioContract.get, { servicePointId: pointId }).then(
      (detail) => current && setDraft((draft) => withPlace(draft, { studio: detail.studio.id, point: pointId })),
      () => current && setFormError('没有找到码上的服务点，请在下面选择工作室'),
    );
    return () => {
      current = false;
    };
  }, [initial.lookUpPoint]);

  // Every change is kept at once, so leaving the page (or WeChat killing it) loses nothing.
  useEffect(() => {
    if (!submitted) store.save(draft);
  }, [draft, store, submitted]);

  const edit = useCallback(<K extends keyof OpinionDraft>(field: K, value: OpinionDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    const key = (field === 'servicePointId' ? 'studioId' : field) as DraftField;
    setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
    setFormError('');
  }, []);

  const setPhotos = useCallback((update: (current: string[]) => string[]) => {
    setDraft((current) => ({ ...current, photos: update(current.photos) }));
    setErrors((current) => (current.photos ? { ...current, photos: undefined } : current));
  }, []);
  const photos = usePhotoUploads(draft.photos, setPhotos, FORM_LIMITS.photos);

  const submit = async () => {
    if (sending.current || photos.uploading > 0) return;
    const problems = checkDraft(draft);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      setFormError('请按红字提示修改后再提交');
      return;
    }
    sending.current = true;
    setBusy(true);
    setFormError('');
    try {
      const input = submissionOf(draft);
      const result = await call(paper ? cases.paperIntake : cases.submit, input);
      store.clear();
      setSubmitted(result);
    } catch (error) {
      // The draft keeps its request id: submitting again after a timeout cannot make a second case.
      if (error instanceof ApiError) {
        setErrors(draftFieldErrors(error.fields));
        setFormError(submitErrorMessage(error));
      } else {
        setFormError(errorMessage(error));
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  /** 再提一条: a fresh draft (and request id) at the same place. */
  const startOver = () => {
    const fresh = withPlace(emptyDraft(newRequestId()), { studio: draft.studioId, point: draft.servicePointId || undefined });
    setDraft(fresh);
    setErrors({});
    setFormError('');
    setSubmitted(null);
  };

  return { draft, restored: initial.restored, photos, errors, formError, busy, submitted, edit, submit, startOver };
}
