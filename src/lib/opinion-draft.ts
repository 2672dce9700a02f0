/**
 * The 意见征询表 draft, platform-free: what the page keeps in storage while the resident writes, how it becomes the
 * submit payload, and the field messages of the contract's own schema (the cloud checks the same one).
 */
import { parseInput, type InputOf } from '../shared/contract';
import type { GeoPoint } from '../shared/cases/model';
import { cases, FORM_LIMITS } from '../shared/contracts/case';
import { sceneToPlace } from '../shared/contracts/studio';
import { AppError, ErrorCodes } from '../shared/errors';
import type { KeyValueStorage } from './elder-mode';

/** Storage key of the one draft (a resident writes one form at a time). */
export const DRAFT_STORAGE_KEY = 'lianxin.opinionDraft';
/** Storage key of a paper form being typed in by a deputy or staff member. */
export const PAPER_DRAFT_STORAGE_KEY = 'lianxin.paperDraft';

export interface OpinionDraft {
  /** Made once per draft and kept until the cloud confirms: a retry names the same submission. */
  requestId: string;
  studioId: string;
  /** '' when the form is not tied to a 流动服务点. */
  servicePointId: string;
  category: string;
  title: string;
  content: string;
  /** Cloud fileIDs of uploaded photos, in the order chosen. */
  photos: string[];
  location: GeoPoint | null;
  name: string;
  phone: string;
  /** May deputies see the name and phone (staff always may, to call back)? Private unless the resident says so. */
  contactVisibleToDeputy: boolean;
}

export type Submission = InputOf<typeof cases.submit>;

/** Fields of the form that can carry a message (the schema's paths folded onto them). */
export type DraftField = 'studioId' | 'servicePointId' | 'category' | 'title' | 'content' | 'photos' | 'location' | 'name' | 'phone' | 'contactVisibleToDeputy' | 'requestId' | '_';

/** A fresh draft with its own request id. */
export function emptyDraft(requestId: string): OpinionDraft {
  return {
    requestId,
    studioId: '',
    servicePointId: '',
    category: '',
    title: '',
    content: '',
    photos: [],
    location: null,
    name: '',
    phone: '',
    contactVisibleToDeputy: false,
  };
}

const isString = (value: unknown): value is string => typeof value === 'string';

function isGeo(value: unknown): value is GeoPoint {
  if (typeof value !== 'object' || value === null) return false;
  const { latitude, longitude } = value as { latitude?: unknown; longitude?: unknown };
  return typeof latitude === 'number' && typeof longitude === 'number';
}

/** The stored draft if storage holds a well-formed one (anything else — '' for a missing key, an old shape — is dropped). */
export function restoreDraft(stored: unknown): OpinionDraft | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const raw = stored as Record<string, unknown>;
  const strings = ['requestId', 'studioId', 'servicePointId', 'category', 'title', 'content', 'name', 'phone'] as const;
  if (!strings.every((key) => isString(raw[key]))) return null;
  if (!/^[\w-]{8,64}$/.test(raw.requestId as string)) return null;
  const photos = Array.isArray(raw.photos) ? raw.photos.filter(isString).slice(0, FORM_LIMITS.photos) : [];
  return {
    requestId: raw.requestId as string,
    studioId: raw.studioId as string,
    servicePointId: raw.servicePointId as string,
    category: raw.category as string,
    title: raw.title as string,
    content: raw.content as string,
    photos,
    location: isGeo(raw.location) ? raw.location : null,
    name: raw.name as string,
    phone: raw.phone as string,
    contactVisibleToDeputy: raw.contactVisibleToDeputy === true,
  };
}

/** How the form was opened: ?studio=&point= from the app's own links, ?scene= from a scanned mini-program code. */
export interface PlaceQuery {
  studio?: string;
  point?: string;
  scene?: string;
}

/** The place the form was opened for; a service point's code names only the point (its studio is asked for separately). */
export function placeOfQuery(query: PlaceQuery): { studio?: string; point?: string } {
  if (query.studio) return { studio: query.studio, ...(query.point ? { point: query.point } : {}) };
  if (!query.scene) return {};
  const place = sceneToPlace(decodeScene(query.scene));
  if (!place) return {};
  return 'studioId' in place ? { studio: place.studioId } : { point: place.servicePointId };
}

/** WeChat hands the page the scene URI-encoded (as the docs say: decodeURIComponent it); a malformed one is taken as is. */
function decodeScene(scene: string): string {
  try {
    return decodeURIComponent(scene);
  } catch {
    return scene;
  }
}

/** The draft opened from a QR code or a link: the place printed on the code wins over the stored one. */
export function withPlace(draft: OpinionDraft, query: { studio?: string; point?: string }): OpinionDraft {
  if (!query.studio) return draft;
  return { ...draft, studioId: query.studio, servicePointId: query.point ?? '' };
}

/** Whether the resident has written anything worth keeping. */
export function hasWriting(draft: OpinionDraft): boolean {
  return draft.title.trim() !== '' || draft.content.trim() !== '' || draft.photos.length > 0;
}

/** The submit payload: optional parts left out when empty (never send a blank name or phone). */
export function submissionOf(draft: OpinionDraft): Submission {
  const name = draft.name.trim();
  const phone = draft.phone.trim();
  return {
    requestId: draft.requestId,
    studioId: draft.studioId,
    ...(draft.servicePointId ? { servicePointId: draft.servicePointId } : {}),
    category: draft.category,
    title: draft.title,
    content: draft.content,
    photos: draft.photos,
    ...(draft.location ? { location: draft.location } : {}),
    ...(name || phone ? { contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
    contactVisibleToDeputy: draft.contactVisibleToDeputy,
  };
}

/** Schema paths ('contact.phone', 'photos.3', 'location.latitude') folded onto the form's fields. */
export function draftFieldErrors(fields: Record<string, string>): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  for (const [path, message] of Object.entries(fields)) {
    const [head, second] = path.split('.');
    const field = (head === 'contact' && second ? second : head) as DraftField;
    out[field] ??= message;
  }
  return out;
}

/** The draft checked by the submit contract's own schema: {} when it may be sent, else a message per field. */
export function checkDraft(draft: OpinionDraft): Partial<Record<DraftField, string>> {
  try {
    parseInput(cases.submit, submissionOf(draft));
    return {};
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCodes.INPUT_INVALID) {
      const details = error.details as { fields?: Record<string, string> } | undefined;
      return draftFieldErrors(details?.fields ?? {});
    }
    throw error;
  }
}

/** What to say when a submit fails: the cloud's own words, plus reassurance where a retry is safe. */
export function submitErrorMessage(error: { code: string; message: string }): string {
  if (error.code === ErrorCodes.NETWORK_TIMEOUT || error.code === ErrorCodes.NETWORK_FAILED) {
    return `${error.message}。再点一次“提交”不会重复提交。`;
  }
  return error.message;
}

/** The 我也遇到 query for the draft, or null until there is enough to compare (a studio, a category, a few words). */
export function similarQuery(draft: OpinionDraft): InputOf<typeof cases.similar> | null {
  const title = draft.title.trim();
  const content = draft.content.trim();
  if (!draft.studioId || !draft.category || title.length + content.length < 4) return null;
  return {
    studioId: draft.studioId,
    category: draft.category,
    title: title.slice(0, FORM_LIMITS.title),
    content: content.slice(0, FORM_LIMITS.content),
  };
}

/** Keeps the draft across leaving the page (and the app). */
export interface DraftStore {
  load(): OpinionDraft | null;
  save(draft: OpinionDraft): void;
  clear(): void;
}

/** A draft store over key-value storage (Taro storage in the app, a Map in tests); staff entering paper forms use their own key. */
export function createDraftStore(storage: KeyValueStorage, key: string = DRAFT_STORAGE_KEY): DraftStore {
  return {
    load: () => restoreDraft(storage.get(key)),
    save: (draft) => storage.set(key, draft),
    clear: () => storage.set(key, ''),
  };
}
