/**
 * 新意见日报: once a day (from the case function's one timer trigger) every admin hears how many opinions were
 * submitted in their scope the day before (China time) and how many still wait for 批办. The notice is keyed by the
 * day, so a second fire of the trigger on the same day tells nobody twice. Inbox only: an admin's WeChat credits stay
 * for 督办.
 */
import { addDays, chinaDate, endOfChinaDay } from '../../../../src/shared/calendar';
import type { RequestContext } from '../../app/serve';
import { readAll } from '../../infra/database';
import { adminsOver } from './notices';
import { casesOf } from './store';

// 意见批办, the staff list of cases in scope.
const STAFF_CASES_PAGE = '/packages/staff/pages/cases/index';

interface NewCase {
  orgPath: string[];
  state: string;
}

/** Sends the day's digest to each admin with new opinions in scope; resolves how many admins were told. */
export async function sendDigest(ctx: RequestContext): Promise<number> {
  const day = addDays(chinaDate(ctx.now), -1);
  const fresh = await casesOfDay(ctx, day);
  if (fresh.length === 0) return 0;
  const admins = await adminsOver(ctx.db, fresh.flatMap((doc) => doc.orgPath));
  let told = 0;
  for (const admin of admins) {
    const mine = fresh.filter((doc) => admin.orgIds.some((id) => doc.orgPath.includes(id)));
    if (mine.length === 0) continue;
    const waiting = mine.filter((doc) => doc.state === 'submitted').length;
    const [delivery] = await ctx.notify({
      to: [admin.openid],
      key: `case_digest:${day}`,
      kind: 'case_digest',
      title: `新意见日报：${dayLabel(day)}收到 ${mine.length} 件`,
      body: `${dayLabel(day)}，您管辖范围内新收到意见 ${mine.length} 件${waiting > 0 ? `，其中 ${waiting} 件还在等待批办` : ''}。请到“意见批办”查看。`,
      link: STAFF_CASES_PAGE,
    });
    if (delivery && delivery.push !== 'already_delivered') told += 1;
  }
  return told;
}

/** The cases submitted on this China day, only what the digest counts. */
async function casesOfDay(ctx: RequestContext, day: string): Promise<NewCase[]> {
  const _ = ctx.db.command;
  const from = endOfChinaDay(addDays(day, -1)) + 1;
  const query = casesOf(ctx.db)
    .where({ createdAt: _.gte(from).and(_.lte(endOfChinaDay(day))) })
    .orderBy('createdAt', 'asc')
    .field({ orgPath: true, state: true });
  return (await readAll(query)).map((doc) => ({ orgPath: doc.orgPath, state: doc.state }));
}

/** 11月29日 */
function dayLabel(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${month}月${date}日`;
}
