/**
 * 学习 in Chromium against `npm start`: 李明 of the demo branch finds the seeded 必读 article under 首页's 今日推送 and in
 * 学习 (unread), reads it (then it shows 已读, and 我的学习 lists it) and passes the 八项义务 quiz; staff see "1/20 已读" for his branch — counts only;
 * staff write and publish a new 必读 article to that branch, which 李明 then finds in 学习 and in 消息中心, while a
 * resident sees only the public article and, opening the member-only one by its link, a polite explanation; 李明 also
 * finds it on 首页, staff see 1/20 已读 for it, and 钱进 of 西山 (another branch) sees it neither in 学习 nor in 消息中心.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';
import { quizQuestions } from '../../scripts/local/demo-data';

const world = setUpE2eWorld('study');
const { openAs } = world;

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

const SEEDED = '学习贯彻党的二十届四中全会精神';
const NEW_TITLE = '应知应会：入党誓词';
/** A 1×1 PNG: the attached picture. */
const PICTURE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('李明 sees the seeded 必读 article on 首页 and in 学习, reads it, and it is marked 已读 in his own record', async () => {
  const member = await openAs('member', '/pages/home/index');
  const card = shown(member.locator('.lx-study-card', { hasText: SEEDED }));
  await card.getByText('未读', { exact: true }).waitFor();
  await card.tap();
  await text(member, '全会主要精神').waitFor();
  await text(member, '支部集中学习并交流体会').waitFor();
  await screenshot(member, 'study-article');
  await member.goBack();

  await member.goto(`${world.app().url}#/pages/study/index`);
  const listed = shown(member.locator('.lx-study-card', { hasText: SEEDED }));
  await listed.getByText('已读', { exact: false }).waitFor();
  expect(await listed.getByText('未读', { exact: true }).count()).toBe(0);
  // 必读 first: the two seeded 必读 articles lead the list.
  // Read once the list has settled (it reloads when the page shows): the first two visible kinds are 必读.
  await member.waitForFunction(() => {
    const kinds = Array.from(document.querySelectorAll<HTMLElement>('.lx-study-card__kind')).filter((el) => el.offsetParent !== null);
    return kinds.length >= 2 && kinds[0].textContent === '必读' && kinds[1].textContent === '必读';
  });
  const kinds = await shown(member.locator('.lx-study-card__kind')).allTextContents();
  expect(kinds.slice(0, 2)).toEqual(['必读', '必读']);
  await text(member, '我的学习记录').tap();
  await shown(member.locator('.study-record', { hasText: SEEDED })).waitFor();
  await member.context().close();
});

test('李明 takes the 应知应会 quiz of the 八项义务 article and passes it; the score is his own', async () => {
  const member = await openAs('member', '/pages/article/index?id=article-2');
  await text(member, '参加应知应会测试').tap();
  const cards = shown(member.locator('.quiz-question'));
  await cards.first().waitFor();
  const right = new Map(quizQuestions(0).map((question) => [question.stem, question.answer.map((index) => question.options[index])]));
  for (const card of await cards.all()) {
    const stem = (await card.locator('.quiz-question__stem').textContent()) ?? '';
    for (const option of right.get(stem.trim()) ?? []) await card.locator('.quiz-option', { hasText: option }).tap();
  }
  await text(member, '交卷').tap();
  await text(member, '100 分').waitFor();
  await text(member, '已及格').waitFor();
  await shown(member.getByText('解析：', { exact: false })).first().waitFor();
  await screenshot(member, 'study-quiz');
  await member.context().close();
});

test('staff see 1/20 已读 for the demo branch, as counts only', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/study/index');
  const card = shown(admin.locator('.study-staff-item', { hasText: SEEDED }));
  await card.getByText('查看已读情况', { exact: true }).tap();
  const row = card.locator('.study-figures__row', { hasText: '东湖社区第一党支部' });
  await row.getByText('1/20 已读（5%）', { exact: true }).waitFor();
  expect(await card.getByText('李明', { exact: false }).count()).toBe(0);
  await screenshot(admin, 'study-figures');
  await admin.context().close();
});

// A flow across three people and five pages: a stuck step should fail with Playwright's own 30 s message, not jest's.
test('staff publish a new 必读 article with a picture and a PDF attached and a quiz to the branch; 李明 finds it on 首页, in 学习 and 消息中心 and passes the quiz; staff see 1/20 已读; a resident does not see it', async () => {
  const admin = await openAs('admin', '/packages/staff/pages/study/index');
  await text(admin, '写新文章').tap();
  await shown(admin.locator('taro-input-core[name=title] input')).fill(NEW_TITLE);
  await shown(admin.locator('taro-textarea-core[name=body] textarea')).fill('我志愿加入中国共产党，拥护党的纲领。\n\n<script>alert(1)</script>请熟记全文。');
  await shown(admin.locator('.lx-choice', { hasText: '东湖社区第一党支部' })).tap();
  // A picture attached through cloud storage (Taro's h5 chooseImage opens the browser's file chooser).
  const chooser = admin.waitForEvent('filechooser');
  await text(admin, '添加图片附件').tap();
  await (await chooser).setFiles({ name: 'oath.png', mimeType: 'image/png', buffer: PICTURE });
  await shown(admin.locator('taro-input-core[name=attachment-0] input')).fill('誓词图解');
  // And a PDF (the browser's file chooser; weapp takes it from a chat).
  const [pdfChooser] = await Promise.all([admin.waitForEvent('filechooser'), text(admin, '添加 PDF 附件').tap()]);
  await pdfChooser.setFiles({ name: '入党誓词全文.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await shown(admin.locator('taro-input-core[name=attachment-1] input')).waitFor();
  await text(admin, '保存并预览').tap();
  await text(admin, '预览（党员看到的样子）').waitFor();
  await shown(admin.locator('.study-preview').getByText('请熟记全文。', { exact: false })).waitFor();
  expect(await admin.locator('.study-preview script').count()).toBe(0);
  await text(admin, '不发提醒').tap();
  await text(admin, '立即发布').tap();
  await text(admin, '撤回').waitFor();
  // Its 应知应会 quiz: one true/false question.
  await shown(admin.locator('.lx-choice', { hasText: '判断题' })).tap();
  await shown(admin.locator('taro-input-core[name=stem-0] input')).fill('入党誓词要熟记于心。');
  await shown(admin.locator('.lx-choice', { hasText: '正确' })).tap();
  await shown(admin.locator('taro-input-core[name=draw] input')).fill('1');
  await text(admin, '保存测试').tap();
  await text(admin, '已保存：1 道题').waitFor();
  await admin.context().close();

  // 首页's 今日推送 has it (unread), and so has 学习.
  const member = await openAs('member', '/pages/home/index');
  await shown(member.locator('.lx-study-card', { hasText: NEW_TITLE })).getByText('未读', { exact: true }).waitFor();
  await member.goto(`${world.app().url}#/pages/study/index`);
  const card = shown(member.locator('.lx-study-card', { hasText: NEW_TITLE }));
  await card.getByText('未读', { exact: true }).waitFor();
  await card.tap();
  await text(member, '图片：誓词图解').waitFor();
  await text(member, 'PDF 文件：入党誓词全文').waitFor();
  await text(member, '参加应知应会测试').tap();
  await shown(member.locator('.quiz-option', { hasText: '正确' })).tap();
  await text(member, '交卷').tap();
  await text(member, '100 分').waitFor();
  await member.goto(`${world.app().url}#/pages/inbox/index`);
  await text(member, `必读：${NEW_TITLE}`).waitFor();
  await member.context().close();

  // Staff see his read as 1/20 for the branch, counts only.
  const staff = await openAs('admin', '/packages/staff/pages/study/index');
  const item = shown(staff.locator('.study-staff-item', { hasText: NEW_TITLE }));
  await item.getByText('查看已读情况', { exact: true }).tap();
  await item.locator('.study-figures__row', { hasText: '东湖社区第一党支部' }).getByText('1/20 已读（5%）', { exact: true }).waitFor();
  expect(await item.getByText('李明', { exact: false }).count()).toBe(0);
  await staff.context().close();

  const resident = await openAs('resident', '/pages/study/index');
  await shown(resident.locator('.lx-study-card', { hasText: '党代表工作室工作规范（试行）' })).waitFor();
  expect(await resident.getByText(NEW_TITLE, { exact: false }).count()).toBe(0);
  await resident.goto(`${world.app().url}#/pages/article/index?id=article-1`);
  await text(resident, `《${SEEDED}》`).waitFor();
  await shown(resident.getByText('你不在这次的发送范围内', { exact: false })).waitFor();
  expect(await resident.getByText('全会主要精神', { exact: true }).count()).toBe(0);
  await resident.context().close();
}, 90_000);

test('钱进 of 西山社区党支部 (a member of another branch) neither finds the new article in 学习 nor in 消息中心', async () => {
  const qian = await openAs('resident', '/pages/me/index');
  await text(qian, '绑定党员身份').tap();
  await text(qian, '同意并继续').tap();
  await shown(qian.locator('taro-input-core[name=name] input')).fill('钱进');
  await shown(qian.locator('taro-input-core[name=phoneTail] input')).fill('1020');
  await text(qian, '绑定').tap();
  await shown(qian.getByText('您已绑定为西山社区党支部党员', { exact: false })).waitFor();
  await qian.goto(`${world.app().url}#/pages/study/index`);
  await shown(qian.locator('.lx-study-card', { hasText: '党代表工作室工作规范（试行）' })).waitFor();
  expect(await qian.getByText(NEW_TITLE, { exact: false }).count()).toBe(0);
  await qian.goto(`${world.app().url}#/pages/inbox/index`);
  await shown(qian.locator('.lx-inbox-item').or(qian.getByText('暂无消息', { exact: true }))).first().waitFor();
  expect(await qian.getByText(NEW_TITLE, { exact: false }).count()).toBe(0);
  await qian.context().close();
});
