/**
 * Production subscribe-message template ids. Every mini-program picks its own templates from WeChat's library, so the
 * ids are deploy configuration, never constants: LIANXIN_TEMPLATE_IDS names a JSON file (or holds the JSON) mapping each
 * template of src/shared/notify.ts to its id, e.g. {"caseReply": "Xo2…", "caseProgress": "…", …}. The release weapp build
 * compiles them in (wx.requestSubscribeMessage asks for them) and `npm run deploy` writes them into every function's
 * envVariables (subscribeMessage.send uses them). Local builds and tests keep the ids in notify.ts.
 */
// Taro compiles only files under config/ when it loads its configuration: nothing here may import from src/. The
// deploy script passes the template names of src/shared/notify.ts (`keys`), so a missing or misspelt one is refused.
import { existsSync, readFileSync } from 'node:fs';

const TEMPLATE_ID = /^[\w-]{1,128}$/;

export type TemplateIds = Record<string, string>;

/** The configured ids, or null when `value` is unset; throws naming what is wrong (missing keys, unknown keys, bad ids). */
export function readTemplateIds(value: string | undefined, keys?: readonly string[]): TemplateIds | null {
  const given = value?.trim() ?? '';
  if (given === '') return null;
  let text = given;
  if (!given.startsWith('{')) {
    if (!existsSync(given)) throw new Error(`LIANXIN_TEMPLATE_IDS 指向的文件不存在: ${given}`);
    text = readFileSync(given, 'utf8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`LIANXIN_TEMPLATE_IDS 不是合法的 JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('LIANXIN_TEMPLATE_IDS 必须是 {"模板名": "模板 ID"} 对象');
  const entries = parsed as Record<string, unknown>;
  const names = keys ?? Object.keys(entries);
  const missing = names.filter((key) => entries[key] === undefined);
  const unknown = Object.keys(entries).filter((key) => !names.includes(key));
  const bad = names.filter((key) => entries[key] !== undefined && (typeof entries[key] !== 'string' || !TEMPLATE_ID.test(entries[key] as string)));
  const problems = [
    missing.length ? `缺少 ${missing.join(', ')}` : '',
    unknown.length ? `没有这些模板: ${unknown.join(', ')}` : '',
    bad.length ? `模板 ID 格式不对: ${bad.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) throw new Error(`LIANXIN_TEMPLATE_IDS 不正确: ${problems.join('；')}（需要 ${names.join(', ')}）`);
  return Object.fromEntries(names.map((key) => [key, entries[key] as string]));
}

/** What the release weapp build needs: refuses to build one that would ask users for the local placeholder ids. */
export function templateIdsFor({ target, mode, value }: { target: string | undefined; mode: string | undefined; value: string | undefined }): TemplateIds | null {
  const ids = readTemplateIds(value);
  if (!ids && target === 'weapp' && mode === 'release') {
    throw new Error(
      '发布版小程序必须设置订阅消息模板 ID：LIANXIN_TEMPLATE_IDS=<模板 ID 的 JSON 文件> npm run build:weapp:release（npm run deploy 会设置）。' +
        ' A release weapp build needs LIANXIN_TEMPLATE_IDS (a JSON file mapping each template of src/shared/notify.ts to its WeChat id).',
    );
  }
  return ids;
}
