/**
 * `study`: 学习 for readers — members (and, for public articles, everyone) list and read articles, a first open records
 * one read receipt, 我的学习记录 is the reader's own. The staff actions of the same function are in study-staff.ts, so
 * the main package (学习 tab, article page) never carries the editor's schemas. See src/shared/study for the model.
 */
import * as v from 'valibot';
import { action, defineFunction, id, page } from '../contract';
import { STUDY_TOPICS, type ArticleCard, type ArticleUnavailable, type ArticleView, type ReadRecord } from '../study';

const topic = v.picklist(STUDY_TOPICS, '请从列表中选择主题');

export const study = defineFunction('study', {
  list: action({
    summary: '学习内容列表（必读在前，可按主题筛选、按标题搜索）',
    input: v.object({
      ...page,
      tag: v.optional(topic),
      q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(20, '搜索词不能超过 20 字'))),
    }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ items: ArticleCard[]; hasMore: boolean }>(),
  get: action({
    summary: '阅读一篇学习文章（第一次打开记一次已读）',
    input: v.object({ id: id('文章') }),
    roles: ['resident'],
    // A second open adds no second receipt.
    idempotent: true,
  }).returns<{ article: ArticleView | null; unavailable: ArticleUnavailable | null }>(),
  mine: action({
    summary: '我的学习记录（只有自己能看到）',
    input: v.object({ ...page }),
    roles: ['resident'],
    idempotent: true,
  }).returns<{ items: ReadRecord[]; hasMore: boolean }>(),
});
