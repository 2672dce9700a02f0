/**
 * The operating unit's details in the 用户隐私保护指引, set per deployment (never committed): LIANXIN_PRIVACY_CONTACT
 * (phone and e-mail residents may contact) and LIANXIN_PRIVACY_RETENTION (how long opinions are kept after they are
 * closed, e.g. "3 年"). A release weapp build refuses to build without them, so no placeholder reaches residents;
 * other builds show the placeholders. Nothing here may import from src/ (Taro compiles only config/ for its config).
 */
export interface PrivacyDetails {
  contact: string;
  retention: string;
}

export function privacyFor({ target, mode, contact, retention }: { target: string | undefined; mode: string | undefined; contact: string | undefined; retention: string | undefined }): PrivacyDetails | null {
  const given = { contact: contact?.trim() ?? '', retention: retention?.trim() ?? '' };
  if (given.contact && given.retention) return given;
  if (target === 'weapp' && mode === 'release') {
    throw new Error(
      '发布版小程序必须写明隐私指引里的联系方式和保存期限：LIANXIN_PRIVACY_CONTACT="电话 …，邮箱 …" LIANXIN_PRIVACY_RETENTION="3 年"（npm run deploy 会设置）。' +
        ' A release weapp build needs LIANXIN_PRIVACY_CONTACT and LIANXIN_PRIVACY_RETENTION.',
    );
  }
  return null;
}
