/** Text residents and deputies write passes WeChat's content check before it is stored or shown to anyone. */
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import { msgSecCheck } from '../../infra/openapi';

/** msgSecCheck scenes: 3 论坛 for opinion forms (public-facing posts), 2 评论 for replies. */
export const SCENE = { form: 3, reply: 2 } as const;

/** Throws CONTENT.RISKY unless WeChat's verdict is 'pass' ('review' is refused too: nothing doubtful is stored). */
export async function requireCleanText(openid: string, content: string, scene: 2 | 3, title?: string): Promise<void> {
  const verdict = await msgSecCheck({ content: title ? `${title}\n${content}` : content, version: 2, scene, openid, ...(title ? { title } : {}) });
  if (verdict.result.suggest !== 'pass') {
    throw new AppError(ErrorCodes.CONTENT_RISKY, '内容可能含有不当信息，请修改后再提交', { label: verdict.result.label });
  }
}
