/**
 * Issue 9's privacy acceptance in Chromium against `npm start`: a neighbour who finds a resident's case through 我也遇到
 * reads what a public summary shows (title, state, the reply) and never the resident's words, photo, place or contact
 * — not on the page and not in any answer the page receives — and their 否 does not decide the case: the reporter's
 * own 否 still sends it back. The handling deputy's case page shows no rating.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const TITLE = '梧桐路7号楼楼道灯坏了';
const SECRET = {
  content: '我家住梧桐路7号楼2单元601，楼道灯坏了，我老伴上周在楼梯上摔了一跤',
  name: '孙桂兰',
  phone: '13698761234',
  address: '梧桐路7号楼2单元601',
};
const REPLY = '已请物业更换7号楼楼道灯，今晚恢复照明。';

const world = setUpE2eWorld('privacy');
const { openAs } = world;

const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

/** Calls an action as the page's signed-in persona, through the gateway the page itself uses. */
async function api<T>(page: Page, fn: string, action: string, payload: unknown): Promise<T> {
  const response = await page.request.post(`${world.app().url}api/${fn}`, { data: { action, payload } });
  const reply = (await response.json()) as { ok: boolean; data: T; error?: unknown };
  if (!reply.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

/** Every answer from the gateway's `case` function while the page is open, as text. */
function caseAnswers(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('/api/case')) void response.text().then((body) => seen.push(body), () => undefined);
  });
  return seen;
}

let caseId = '';
let photoId = '';

test('a stranger who joins a case with 我也遇到 sees the summary and the reply but not the content, photos, location or contact, and cannot change the reporter’s outcome', async () => {
  // 孙桂兰 reports with a photo, her place and her phone; the admin assigns it to 陈建国, who answers.
  const resident = await openAs('resident', '/pages/me/index');
  const { cloudPath } = await api<{ cloudPath: string }>(resident, 'case', 'photoPath', { ext: 'png' });
  const upload = await resident.request.post(`${world.app().url}api/_wx/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    headers: { 'content-type': 'image/png' },
    data: PHOTO,
  });
  photoId = ((await upload.json()) as { data: { fileID: string } }).data.fileID;
  caseId = (
    await api<{ id: string }>(resident, 'case', 'submit', {
      requestId: 'privacy-e2e-0001',
      studioId: 'studio-donghu',
      category: 'help',
      title: TITLE,
      content: SECRET.content,
      photos: [photoId],
      location: { latitude: 30.5561, longitude: 114.3712, address: SECRET.address },
      contact: { name: SECRET.name, phone: SECRET.phone },
      contactVisibleToDeputy: true,
    })
  ).id;
  await resident.context().close();
  const admin = await openAs('admin', '/pages/me/index');
  await api(admin, 'case', 'assign', { id: caseId, deputyOpenid: 'o_demo_deputy' });
  await admin.context().close();
  const deputy = await openAs('deputy', '/pages/me/index');
  await api(deputy, 'case', 'start', { id: caseId });
  await api(deputy, 'case', 'reply', { id: caseId, text: REPLY });
  await deputy.context().close();

  // 李明 writes about the same lamp; the form offers her case and he taps 我也遇到.
  const stranger = await openAs('member', '/pages/opinions/index');
  const answers = caseAnswers(stranger);
  await shown(stranger.locator('.lx-studio-item', { hasText: '东湖街道党代表工作室' })).tap();
  await text(stranger, '向这个工作室提意见').tap();
  await text(stranger, '同意并继续').tap();
  await shown(stranger.locator('.lx-choice', { hasText: '求助' })).tap();
  await shown(stranger.locator('taro-input-core[name=title] input')).fill('梧桐路7号楼楼道灯不亮');
  const offer = shown(stranger.locator('.lx-similar-item', { hasText: TITLE }));
  await offer.waitFor();
  await offer.getByText('我也遇到', { exact: true }).tap();
  await offer.getByText('已关注，查看进度', { exact: true }).tap();

  await shown(stranger.locator('.case-head__followed', { hasText: '你关注的意见' })).waitFor();
  await shown(stranger.locator('.case-head__title', { hasText: TITLE })).waitFor();
  await shown(stranger.locator('.case-reply', { hasText: REPLY })).waitFor();
  await shown(stranger.locator('.case-head .lx-state', { hasText: '已答复' })).waitFor();
  await shown(stranger.locator('.case-head__facts', { hasText: '类别：求助' })).waitFor();
  await shown(stranger.locator('.case-head__facts', { hasText: '工作室：东湖街道党代表工作室' })).waitFor();
  expect(await shown(stranger.locator('.case-head__content')).count()).toBe(0);
  expect(await shown(stranger.locator('.lx-gallery .lx-photo')).count()).toBe(0);
  await screenshot(stranger, 'privacy-follower');

  // His own 否 is his: the case stays answered.
  await shown(stranger.locator('.case-star')).nth(0).tap();
  await shown(stranger.locator('.lx-choice').filter({ hasText: /^否$/ })).tap();
  await text(stranger, '提交评价').tap();
  await shown(stranger.getByText(/^你的评价：办理态度 1 星，问题未解决$/)).waitFor();
  await shown(stranger.locator('.case-head .lx-state', { hasText: '已答复' })).waitFor();

  // Neither the page nor any answer it received holds her words, photo, place, phone or name.
  const html = await stranger.content();
  const received = answers.join('\n');
  const photoName = photoId.split('/').pop() ?? photoId;
  for (const secret of [SECRET.content, SECRET.name, SECRET.phone, SECRET.address, '114.3712', photoName, 'o_demo_resident']) {
    expect({ secret, onPage: html.includes(secret), inAnswers: received.includes(secret) }).toEqual({ secret, onPage: false, inAnswers: false });
  }
  expect(received).toContain(REPLY);
  await stranger.context().close();

  // 孙桂兰 still rates the reply herself, and her 否 sends the case back to 陈建国.
  const reporter = await openAs('resident', `/pages/case/index?id=${caseId}`);
  await shown(reporter.locator('.case-head__content', { hasText: SECRET.content })).waitFor();
  expect(await reporter.getByText('你的评价：').count()).toBe(0);
  await shown(reporter.locator('.case-star')).nth(1).tap();
  await shown(reporter.locator('.lx-choice').filter({ hasText: /^否$/ })).tap();
  await text(reporter, '提交评价').tap();
  await text(reporter, '允许').tap();
  await shown(reporter.locator('.lx-timeline-item', { hasText: '重办' })).waitFor();
  await shown(reporter.locator('.case-head .lx-state', { hasText: '已批办' })).waitFor();
  await screenshot(reporter, 'privacy-reporter-reopened');
  await reporter.context().close();
});

test('the deputy’s case page shows no rating', async () => {
  const deputy = await openAs('deputy', `/pages/case/index?id=${caseId}`);
  const answers = caseAnswers(deputy);
  await deputy.reload();
  await shown(deputy.locator('.case-head__title', { hasText: TITLE })).waitFor();
  // He learns the case came back (重办, with its new deadline), never how either resident rated it.
  await shown(deputy.locator('.lx-timeline-item', { hasText: '重办' })).waitFor();
  const html = await deputy.content();
  for (const words of ['办理态度', '星，问题', '未解决', '评价：']) expect({ words, onPage: html.includes(words) }).toEqual({ words, onPage: false });
  await shown(deputy.locator('.lx-timeline-item', { hasText: '重新办理' })).waitFor();
  for (const field of ['"rating"', '"attitude"', '"solved"', 'co_rate']) {
    expect({ field, received: answers.join('\n').includes(field) }).toEqual({ field, received: false });
  }
  await screenshot(deputy, 'privacy-deputy');
  await deputy.context().close();
});
