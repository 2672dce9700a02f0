/**
 * Issue 9's acceptance in Chromium against `npm start`: a paper form cannot be claimed without its second factor.
 * A deputy types in 王奶奶's paper form and copies the receipt number and the 认领码 from the screen onto the paper
 * receipt; a neighbour who read the receipt number is refused (no code, a wrong code, alike); 王奶奶 claims it with the
 * code and follows it in 我的意见, where her phone never shows in full.
 */
import type { Locator, Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { setUpE2eWorld } from '../support/e2e';

const TITLE = '菜市场东门积水没人管';
const PHONE = '13712345678';

const { openAs } = setUpE2eWorld('claim');

/** Taro h5 keeps earlier pages of the stack in the DOM: only what is on screen counts. */
const shown = (locator: Locator): Locator => locator.filter({ visible: true });
const text = (page: Page, words: string): Locator => shown(page.getByText(words, { exact: true }));

/** The claim card of 我的意见, filled in and sent; resolves the message it shows (empty once it opened the case). */
async function tryClaim(page: Page, receiptNo: string, code: string): Promise<void> {
  await shown(page.locator('taro-input-core[name=receiptNo] input')).fill(receiptNo);
  await shown(page.locator('taro-input-core[name=claimCode] input')).fill(code);
  await text(page, '认领').tap();
}

test('a paper form cannot be claimed with its receipt number alone; with the 认领码 from the paper receipt it can', async () => {
  const deputy = await openAs('deputy', '/pages/opinion-form/index?paper=1');
  await text(deputy, '同意并继续').tap();
  await shown(deputy.locator('.lx-choice', { hasText: '东湖街道党代表工作室' })).tap();
  await shown(deputy.locator('.lx-choice', { hasText: '建议' })).tap();
  await shown(deputy.locator('taro-input-core[name=title] input')).fill(TITLE);
  await shown(deputy.locator('taro-textarea-core[name=content] textarea')).fill('下雨后东门一直积水，老人买菜要绕很远。');
  await shown(deputy.locator('taro-input-core[name=name] input')).fill('王奶奶');
  await shown(deputy.locator('taro-input-core[name=phone] input')).fill(PHONE);
  await text(deputy, '提交').tap();
  await text(deputy, '已录入').waitFor();
  const receiptNo = (await shown(deputy.locator('.lx-receipt-no')).textContent()) ?? '';
  const claimCode = (await shown(deputy.locator('.form-receipt__claim-code')).textContent()) ?? '';
  expect(receiptNo).toMatch(/^LS-\d{4}-\d{6}$/);
  expect(claimCode).toMatch(/^\d{6}$/);
  await text(deputy, '认领码').waitFor();
  await screenshot(deputy, 'claim-paper-receipt');
  await deputy.context().close();

  // A neighbour saw the receipt number: without the code nothing is claimed, and a guess is refused like any mistake.
  const neighbour = await openAs('member', '/pages/opinions/index');
  await text(neighbour, '我的意见').tap();
  await tryClaim(neighbour, receiptNo, '');
  await shown(neighbour.locator('.opinions-claim .lx-field-error', { hasText: '认领码' })).waitFor();
  await tryClaim(neighbour, receiptNo, claimCode === '246810' ? '135791' : '246810');
  const refusal = shown(neighbour.locator('.opinions-claim .lx-field-error'));
  await refusal.filter({ hasText: '回执编号或认领码不对' }).waitFor();
  expect(await neighbour.content()).not.toContain(TITLE);
  await screenshot(neighbour, 'claim-refused');
  await neighbour.context().close();

  // 王奶奶 has the paper receipt: number and code claim it.
  const resident = await openAs('resident', '/pages/opinions/index');
  await text(resident, '我的意见').tap();
  await tryClaim(resident, receiptNo.toLowerCase(), claimCode);
  await shown(resident.locator('.case-head__title', { hasText: TITLE })).waitFor();
  await shown(resident.locator('.case-head .lx-tag', { hasText: '纸质表' })).waitFor();
  expect(await resident.content()).not.toContain(PHONE);
  await resident.goBack();
  await shown(resident.locator('.lx-case-item', { hasText: TITLE })).waitFor();
  await resident.context().close();
});
