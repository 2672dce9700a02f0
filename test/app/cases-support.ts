/**
 * Helpers for the 意见征询 integration tests: a local cloud whose `case` and `studio` functions run on a fixed clock
 * (LIANXIN_NOW in their config.json, as the runner passes envVariables), forms, and the steps that bring a case to a
 * state through the real functions. Every helper takes the cloud as an argument: test files share code, never state.
 */
import type { ActionContract, InputOf } from '../../src/shared/contract';
import { cases, inbox } from '../../src/shared/contracts';
import type { InboxItem } from '../../src/shared/contracts/inbox';
import { recordOffer } from '../../cloud/src/functions/case/offers';
import { database } from '../../cloud/src/infra/database';
import { startAppCloud, type AppCloud } from '../support/app';

export const RESIDENT = 'o_demo_resident';
export const DEPUTY = 'o_demo_deputy';
export const DEPUTY2 = 'o_demo_deputy2';
export const XISHAN_DEPUTY = 'o_demo_deputy3';
export const ADMIN = 'o_demo_admin';
export const DISTRICT_ADMIN = 'o_demo_district';

/** Epoch ms of a wall-clock time in China (UTC+8). */
export const cn = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h, min) - 8 * 3_600_000;

/** The product on a local cloud whose functions believe it is `now`. */
export const startClockedCloud = (now: number): Promise<AppCloud> => startAppCloud({ now });

let requests = 0;

/** A valid 意见征询表 for 东湖街道党代表工作室 (求助: 3 working days), with a fresh client request id. */
export function form(overrides: Partial<InputOf<typeof cases.submit>> = {}): InputOf<typeof cases.submit> {
  requests += 1;
  return {
    requestId: `request-${String(requests).padStart(6, '0')}`,
    studioId: 'studio-donghu',
    category: 'help',
    title: '3号楼路灯不亮',
    content: '幸福小区3号楼门口的路灯坏了两个星期，晚上很黑，老人出门不方便。',
    photos: [],
    contact: { name: '王阿姨', phone: '13812345678' },
    contactVisibleToDeputy: true,
    ...overrides,
  };
}

/** Submits a form as the resident; resolves the case id. */
export async function submitted(app: AppCloud, reporter: string, overrides: Partial<InputOf<typeof cases.submit>> = {}): Promise<string> {
  return (await app.call(cases.submit, form(overrides), reporter)).id;
}

/** A case assigned by the street admin to 陈建国 (o_demo_deputy). */
export async function assigned(app: AppCloud, reporter: string, overrides: Partial<InputOf<typeof cases.submit>> = {}): Promise<string> {
  const id = await submitted(app, reporter, overrides);
  await app.call(cases.assign, { id, deputyOpenid: DEPUTY }, ADMIN);
  return id;
}

/** A case 陈建国 started and answered. */
export async function replied(app: AppCloud, reporter: string, overrides: Partial<InputOf<typeof cases.submit>> = {}): Promise<string> {
  const id = await assigned(app, reporter, overrides);
  await app.call(cases.start, { id }, DEPUTY);
  await app.call(cases.reply, { id, text: '已联系物业更换灯泡，今晚恢复照明。', photos: [] }, DEPUTY);
  return id;
}

/** A case the reporter rated as solved. */
export async function rated(app: AppCloud, reporter: string): Promise<string> {
  const id = await replied(app, reporter);
  await app.call(cases.rate, { id, attitude: 5, solved: 'yes' }, reporter);
  return id;
}

/**
 * 我也遇到 as a resident takes it: a draft like the case (its studio, category and title) gets it offered by `similar`,
 * then the resident joins it (join accepts only a case offered to that caller). Where many identical test cases tie
 * for the few places (a fixed clock), the offer is recorded as `similar` would have made it.
 */
export async function coReporterJoins(app: AppCloud, caseId: string, openid: string): Promise<void> {
  const { case: view } = await app.call(cases.get, { id: caseId }, DISTRICT_ADMIN);
  const offered = await app.call(cases.similar, { studioId: view.studioId, category: view.category, title: view.title, content: view.content ?? '' }, openid);
  if (!offered.cases.some((summary) => summary._id === caseId)) await recordOffer(database(), { openid, caseId, at: view.updatedAt });
  await app.call(cases.join, { caseId }, openid);
}

/** The error code an action answered with ('' when it succeeded). */
export async function failureOf<A extends ActionContract>(app: AppCloud, contract: A, payload: InputOf<A> | Record<string, unknown>, openid: string): Promise<string> {
  const reply = await app.invoke(contract, payload, openid);
  return reply.ok ? '' : reply.error.code;
}

/** The user's inbox messages about one case (every notice links to its case page). */
export async function noticesAbout(app: AppCloud, openid: string, caseId: string): Promise<InboxItem[]> {
  const { items } = await app.call(inbox.list, { limit: 50 }, openid);
  return items.filter((item) => item.link === `/pages/case/index?id=${caseId}`);
}
