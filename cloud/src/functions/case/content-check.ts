/**
 * Text residents and deputies write passes WeChat's content check (msgSecCheck v2) before it is stored or shown to
 * anyone. Its verdict has three values: 'pass'; 'review' — doubtful (a report ABOUT a 刷单返利 scam names the scam), so
 * a resident's form is held for staff instead of lost (held.ts); 'risky' — refused, saying which field and why in plain
 * words, and offering another way to be heard.
 */
import { labelReason } from '../../../../src/shared/cases/held';
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { msgSecCheck, type MsgSecCheckResult, type SecSuggest } from '../../infra/openapi';

/** msgSecCheck scenes: 3 论坛 for opinion forms (public-facing posts), 2 评论 for replies. */
export const SCENE = { form: 3, reply: 2 } as const;

export interface FormVerdict {
  suggest: SecSuggest;
  label: number;
  /** The word WeChat's keyword strategy matched, when it says. */
  keyword: string | null;
  /** The form fields the flagged text is in (both when WeChat does not say which word). */
  fields: Array<'title' | 'content'>;
}

/** Checks a form's title and content in one call (WeChat checks them together) and tells where the problem is. */
export async function screenForm(openid: string, title: string, content: string): Promise<FormVerdict> {
  const verdict = await msgSecCheck({ content: `${title}\n${content}`, version: 2, scene: SCENE.form, openid, title });
  const keyword = keywordOf(verdict);
  const fields: FormVerdict['fields'] = [];
  if (keyword && title.includes(keyword)) fields.push('title');
  if (keyword && content.includes(keyword)) fields.push('content');
  return { suggest: verdict.result.suggest, label: verdict.result.label, keyword, fields: fields.length > 0 ? fields : ['title', 'content'] };
}

/** The refusal of a risky form: which field, why in plain words, what to do, and where else to go (`routes`). */
export function riskyForm(verdict: FormVerdict, routes: string): AppError {
  const reason = labelReason(verdict.label);
  const word = verdict.keyword ? `“${verdict.keyword}”等字眼` : '有些话';
  const where = verdict.fields.length === 1 ? (verdict.fields[0] === 'title' ? '标题' : '内容') : '标题或内容';
  const fix = `${where}里${word}${reason}，请换一种说法，只写清楚发生了什么、在哪里、希望怎么解决`;
  const fields = Object.fromEntries(verdict.fields.map((field) => [field, fix]));
  return new AppError(ErrorCodes.CONTENT_RISKY, `${fix}。${routes}`, {
    fields,
    label: verdict.label,
    reason,
    ...(verdict.keyword ? { keyword: verdict.keyword } : {}),
  });
}

/** Throws CONTENT.RISKY unless WeChat's verdict is 'pass' (staff replies: nothing doubtful goes out to residents). */
export async function requireCleanText(openid: string, content: string, scene: 2 | 3, title?: string): Promise<void> {
  const verdict = await msgSecCheck({ content: title ? `${title}\n${content}` : content, version: 2, scene, openid, ...(title ? { title } : {}) });
  if (verdict.result.suggest !== 'pass') {
    const keyword = keywordOf(verdict);
    const reason = labelReason(verdict.result.label);
    throw new AppError(ErrorCodes.CONTENT_RISKY, `${keyword ? `“${keyword}”等字眼` : '内容'}${reason}，请修改后再提交`, {
      label: verdict.result.label,
      reason,
    });
  }
}

function keywordOf(verdict: MsgSecCheckResult): string | null {
  const hit = verdict.detail.find((item) => item.strategy === 'keyword' && typeof item.keyword === 'string' && item.keyword);
  return hit?.keyword ?? null;
}
