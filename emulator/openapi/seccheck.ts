/**
 * security.msgSecCheck against a word list: what WeChat's keyword strategy answers, in its v2 reply shape
 * ({ result: { suggest, label }, detail: [...], trace_id }), and v1's bare errcode (87014 for risky text).
 */
import { readFileSync } from 'node:fs';
import { wechatId, wxError, type WxReply } from './wechat';

export type Suggest = 'pass' | 'review' | 'risky';

export interface ListedWord {
  label: number;
  suggest: Exclude<Suggest, 'pass'>;
}

/** Word → label, or the full entry; a plain list of words is flagged risky with label 21000 (其他). */
export type SecCheckWords = string[] | Record<string, number | ListedWord>;

export interface Verdict {
  suggest: Suggest;
  label: number;
  keyword: string | null;
}

export const NORMAL_LABEL = 100;
const OTHER_LABEL = 21000;
/** WeChat checks at most 2500 characters. */
const CONTENT_LIMIT = 2500;

/** Reads the word list file: `word label [review]` per line, `#` comments. */
export function loadWordFile(path: string): Map<string, ListedWord> {
  const words = new Map<string, ListedWord>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [word, label, suggest] = line.trim().split(/\s+/);
    if (!word || word.startsWith('#')) continue;
    words.set(word, { label: Number(label ?? OTHER_LABEL), suggest: suggest === 'review' ? 'review' : 'risky' });
  }
  return words;
}

/** Normalises the option form into word → entry. */
export function wordMap(words: SecCheckWords): Map<string, ListedWord> {
  if (Array.isArray(words)) return new Map(words.map((word) => [word, { label: OTHER_LABEL, suggest: 'risky' }]));
  return new Map(
    Object.entries(words).map(([word, entry]) => [word, typeof entry === 'number' ? { label: entry, suggest: 'risky' } : entry]),
  );
}

/** The verdict for `content`: a risky hit wins over a review hit; no hit passes with label 100. */
export function judge(content: string, words: Map<string, ListedWord>): Verdict {
  let found: Verdict = { suggest: 'pass', label: NORMAL_LABEL, keyword: null };
  for (const [word, entry] of words) {
    if (!content.includes(word)) continue;
    if (entry.suggest === 'risky') return { ...entry, keyword: word };
    if (found.suggest === 'pass') found = { ...entry, keyword: word };
  }
  return found;
}

export interface CheckRequest {
  version: 1 | 2;
  openid: string;
  scene: number;
  content: string;
}

/** WeChat's error for a malformed request, or null when it can be checked. */
export function requestError(request: CheckRequest): WxReply | null {
  if (!request.content || [...request.content].length > CONTENT_LIMIT) return wxError(47001, 'data format error');
  if (request.version === 2) {
    if (!request.openid) return wxError(40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(request.scene)) return wxError(47001, 'data format error');
  }
  return null;
}

/** The reply WeChat sends for a checked request. */
export function checkReply(version: 1 | 2, verdict: Verdict): WxReply {
  if (version === 1) return verdict.suggest === 'risky' ? wxError(87014, 'risky content') : { errcode: 0, errmsg: 'ok' };
  const keywordDetail = { strategy: 'keyword', errcode: 0, suggest: verdict.suggest, label: verdict.label, ...(verdict.keyword ? { level: 90, keyword: verdict.keyword } : {}) };
  return {
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: verdict.suggest, label: verdict.label },
    detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: verdict.keyword ? 90 : 0 }, keywordDetail],
    trace_id: wechatId(),
  };
}
