/**
 * 我也遇到: finding open cases like the one being typed, without a Chinese word segmenter. Chinese text becomes
 * overlapping character pairs (bigrams), which match most two-character words ("路灯", "漏水") and cost nothing to
 * index; latin words and numbers stay whole. Common pairs that say nothing about the problem are dropped.
 */
import type { CaseDoc } from '../../../../src/shared/cases/model';
import { OPEN_STATES } from '../../../../src/shared/cases/states';

// Pairs that occur in any complaint and would make unrelated cases look alike.
const STOP_BIGRAMS = new Set([
  '我们', '你们', '他们', '我家', '一个', '一下', '一些', '请问', '这个', '那个', '这些', '这里', '那里', '问题',
  '什么', '怎么', '没有', '可以', '希望', '能否', '是否', '已经', '因为', '所以', '但是', '非常', '还是', '就是',
  '现在', '时候', '有人', '大家', '谢谢', '麻烦', '解决', '反映', '情况', '相关', '部门', '目前', '经常', '一直',
  '如何', '不是', '还有', '特别', '比较', '需要', '建议', '投诉', '求助', '咨询',
]);

// Particles glue words together; a pair containing one ("灯的", "坏了") is not a word.
const PARTICLES = new Set(['的', '了', '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '么', '和', '与', '及', '或', '是', '我']);

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[a-z0-9]+/g;

/** Splits a run of Chinese characters where a stop pair or a particle sits, so "我们小区的路灯" gives 小区 | 路灯. */
function fragments(run: string): string[][] {
  const chars = [...run];
  const out: string[][] = [[]];
  for (let i = 0; i < chars.length; ) {
    const stopPair = i + 1 < chars.length && STOP_BIGRAMS.has(chars[i] + chars[i + 1]);
    if (stopPair || PARTICLES.has(chars[i])) {
      out.push([]);
      i += stopPair ? 2 : 1;
    } else {
      out[out.length - 1].push(chars[i]);
      i += 1;
    }
  }
  return out;
}

/** Every token of the text in order of appearance, repeats included. */
function allTokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    // A lone character is a word only when it stands alone ("灯"), not as the leftover of a split.
    if ([...run].length === 1 && !PARTICLES.has(run)) out.push(run);
    for (const chars of fragments(run)) {
      for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
    }
  }
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    if (word.length >= 2) out.push(word);
  }
  return out;
}

/** Distinct tokens of the text: CJK bigrams (a lone character stays single), lowercased latin words / numbers of 2+. */
export function tokens(text: string): string[] {
  return [...new Set(allTokens(text))];
}

/** At most this many search keys are stored per case. */
export const MAX_SEARCH_KEYS = 20;

/**
 * The ≤ 20 tokens that best identify the case, for an indexed `searchKeys: $in` query: title tokens first (people
 * name the problem there), then content tokens by how often they occur, earlier first on ties.
 */
export function searchKeys(title: string, content: string): string[] {
  const titleTokens = tokens(title);
  const counts = new Map<string, { count: number; first: number }>();
  allTokens(content).forEach((token, index) => {
    const seen = counts.get(token);
    if (seen) seen.count += 1;
    else counts.set(token, { count: 1, first: index });
  });
  const rest = [...counts.entries()]
    .filter(([token]) => !titleTokens.includes(token))
    .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
    .map(([token]) => token);
  return [...titleTokens, ...rest].slice(0, MAX_SEARCH_KEYS);
}

export interface SimilarDraft {
  category: string;
  title: string;
  content: string;
  /** When given, only cases of this studio count (我也遇到 offers cases of the same studio). */
  studioId?: string;
}

export interface SimilarCase {
  caseDoc: CaseDoc;
  /** 0..1: shared tokens relative to both texts' sizes, title tokens counting double. */
  score: number;
}

/** Cases must score above this to be offered. */
export const SIMILARITY_THRESHOLD = 0.25;
// A single shared pair ("电梯") is a topic, not the same problem.
const MIN_SHARED = 2;

/** Tokens with weights: a token in the title weighs 2, in the content only 1. */
function weighted(title: string, content: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const token of tokens(content)) weights.set(token, 1);
  for (const token of tokens(title)) weights.set(token, 2);
  return weights;
}

/** Weighted cosine similarity of two token sets and how many tokens they share. */
function similarity(a: Map<string, number>, b: Map<string, number>): { score: number; shared: number } {
  let dot = 0;
  let shared = 0;
  for (const [token, weight] of a) {
    const other = b.get(token);
    if (other !== undefined) {
      dot += weight * other;
      shared += 1;
    }
  }
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((sum, w) => sum + w * w, 0));
  const denominator = norm(a) * norm(b);
  return { score: denominator === 0 ? 0 : dot / denominator, shared };
}

/** Open cases of the draft's category (and studio) that look like the same problem, best first, at most `limit`. */
export function rankSimilar(draft: SimilarDraft, candidates: readonly CaseDoc[], limit = 3): SimilarCase[] {
  const mine = weighted(draft.title, draft.content);
  return candidates
    .filter((doc) => OPEN_STATES.includes(doc.state) && doc.category === draft.category)
    .filter((doc) => draft.studioId === undefined || doc.studioId === draft.studioId)
    .map((doc) => ({ doc, ...similarity(mine, weighted(doc.title, doc.content)) }))
    .filter(({ score, shared }) => score > SIMILARITY_THRESHOLD && shared >= MIN_SHARED)
    .sort((a, b) => b.score - a.score || b.doc.createdAt - a.doc.createdAt)
    .slice(0, Math.max(0, limit))
    .map(({ doc, score }) => ({ caseDoc: doc, score: Math.round(score * 1000) / 1000 }));
}
