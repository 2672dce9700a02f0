/** The 用户隐私保护指引 text, kept apart from the page so it can be reviewed on its own. */
export interface PrivacySection {
  title: string;
  paragraphs: string[];
}

/** Set by the build from LIANXIN_PRIVACY_CONTACT / LIANXIN_PRIVACY_RETENTION (config/privacy.ts); absent in tests. */
declare const LIANXIN_PRIVACY: { contact: string; retention: string } | null | undefined;
const deployed = typeof LIANXIN_PRIVACY !== 'undefined' && LIANXIN_PRIVACY ? LIANXIN_PRIVACY : null;

/** Contact details are the operating unit's, set per deployment (`npm run deploy` requires them). */
export const PRIVACY_CONTACT = deployed?.contact ?? '运营单位的联系电话和邮箱（上线前由运营单位填写）';

/** How long opinions are kept after they are closed, set per deployment (e.g. "3 年"). */
export const PRIVACY_RETENTION = deployed?.retention ?? '按档案管理规定的期限（上线前由运营单位填写）';

export const PRIVACY_UPDATED = '2026年11月30日';

export const PRIVACY_SECTIONS: PrivacySection[] = [
  {
    title: '一、我们收集哪些信息',
    paragraphs: [
      '1. 微信标识（openid）：你打开“连心”时由微信自动提供，用来识别“这是同一个人”，以便保存你提交的意见、向你发送办理进度。我们不获取你的微信昵称和头像。',
      '2. 姓名、手机号（选填）：仅在你提交意见时自愿填写，用于工作人员联系你回访。不填也可以提交意见。',
      '3. 照片：仅在你填写意见时点“添加照片”主动选择上传，用于说明问题。',
      '4. 位置：仅在你点“添加我的位置”（意见表里）或“离我最近的排前面”（工作室列表）并允许后获取一次，用于标注问题发生的地点、把最近的工作室排在前面；不允许也可以在内容里写明地点。',
      '5. 党员身份（仅党员）：你自愿绑定党员身份时，核对你在支部名册中的姓名和所在支部，用于推送学习内容。',
    ],
  },
  {
    title: '二、我们怎么使用',
    paragraphs: [
      '只用于办理你提交的意见、告诉你办理进度、推送学习内容和通知。不用于广告，不出售，不提供给与办理无关的任何单位或个人。',
      '手机号在所有页面都会打码显示（如 138****5678），只有需要回访你的工作人员能看到完整号码。',
      '我们不做打卡签到、积分排名，不统计你的在线时长；学习记录只有你自己能看到。',
    ],
  },
  {
    title: '三、谁能看到',
    paragraphs: [
      '承办你意见的党代表和工作人员，只能看到办理所需的信息。你对办理结果的评价不会显示给办理人本人。',
    ],
  },
  {
    title: '四、保存多久',
    paragraphs: [
      `意见及其办理记录在办结归档后保存${PRIVACY_RETENTION}，期满后删除或匿名化处理。你撤回同意或注销后，我们停止使用你的个人信息，并在法律法规要求的保存期满后删除。`,
    ],
  },
  {
    title: '五、你的权利',
    paragraphs: [
      '你可以查阅、更正、删除你的个人信息，可以撤回同意，也可以要求注销。撤回同意不影响撤回前已经办理的事项。',
      '打开“我的”，点“用户隐私保护指引”，在页面最下面可以看到你是否已同意，并可以点“同意本指引”或“撤回同意”；也可以通过下方联系方式提出，我们将在 15 个工作日内答复。',
    ],
  },
  {
    title: '六、联系我们',
    paragraphs: [`如对本指引有疑问、意见或投诉，请联系：${PRIVACY_CONTACT}。`],
  },
];
