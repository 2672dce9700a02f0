/**
 * `birthday`: 政治生日寄语 — staff lists (today, this month, how each message fared), the communities' greetings with a
 * preview, the member's 政治生日贺卡, and the timer trigger `daily` that sends the day's greetings.
 *
 * Why a function of its own and not the `care` function's daily trigger: WeChat allows one timer per function, and
 * sharing one would tie the two runs together (a failure or a slow festival run delays or stops the birthdays, and
 * each run has 60 s); this trigger also fires hourly 08:00–20:00 rather than once, which the festival run does not
 * need: every fire of a day publishes the same job (origin = ('birthday', date)), so the first fire sends and the
 * later ones add nothing but finish a day whose earlier fire failed or never came.
 */
import {
  anniversaryIn,
  anniversaryMonthDays,
  birthdayMessageBody,
  DEFAULT_GREETING,
  nextAnniversary,
  oathLineFor,
  PARTY_OATH,
  renderGreeting,
  yearsInParty,
  type BirthdayMemberView,
} from '../../../../src/shared/birthday';
import { addDays, chinaDate } from '../../../../src/shared/calendar';
import { birthday, type GreetingView } from '../../../../src/shared/contracts/birthday';
import { AppError, ErrorCodes, fieldError, forbidden } from '../../../../src/shared/errors';
import { adminCovers, type OrgNodeDoc } from '../../../../src/shared/identity';
import { serve } from '../../app/serve';
import { requireScope } from '../../domain/access';
import { birthdayRun, deliveryOf, greetingFor } from '../../domain/care/birthdays';
import { buildJob } from '../../domain/push/job';
import { birthdayJobId, birthdayRepo, birthdayTraces, greetingsRepo, type BirthdayRow } from '../../infra/birthdays';
import type { Database, Stored } from '../../infra/database';
import { orgNodes, publishJob } from '../../infra/push';

/** Staff lists show at most this many names (a district's month is thousands: the total says so). */
const LIST_LIMIT = 500;
const NOT_YOURS = '这张政治生日贺卡只有党员本人可以查看';

export const main = serve(
  birthday,
  {
    list: async ({ orgId }, { caller, db, now }) => {
      const orgs = await orgNodes(db);
      requireScope(caller, nodeOf(orgs, orgId).path);
      const today = chinaDate(now);
      const month = today.slice(5, 7);
      const days = anniversaryMonthDays(today);
      const repo = birthdayRepo(db);
      const weekDays = Array.from({ length: 7 }, (_, n) => addDays(today, n + 1));
      const [todays, months, weeks] = await Promise.all([
        repo.inScope(orgId, days[0], days[days.length - 1], LIST_LIMIT),
        repo.inScope(orgId, `${month}-01`, `${month}-31`, LIST_LIMIT),
        repo.inScopeOn(orgId, [...new Set(weekDays.flatMap(anniversaryMonthDays))], LIST_LIMIT),
      ]);
      // Each member's anniversary on or after today (the coming week may reach into next year).
      const dated = (rows: BirthdayRow[]) =>
        rows
          .map((row) => ({ row, date: nextAnniversary(row.joinedAt, today) }))
          // The join day itself is not a political birthday (joined this year: none yet).
          .filter(({ row, date }) => yearsInParty(row.joinedAt, date) >= 1)
          .sort(byDateThenName);
      const year = Number(today.slice(0, 4));
      const todayRows = dated(todays.rows).filter(({ date }) => date === today);
      const weekRows = dated(weeks).filter(({ date }) => weekDays.includes(date));
      // This month's, past days included (what their greeting did).
      const monthRows = months.rows
        .map((row) => ({ row, date: anniversaryIn(row.joinedAt, year) }))
        .filter(({ row, date }) => yearsInParty(row.joinedAt, date) >= 1 && date.slice(5, 7) === month)
        .sort(byDateThenName);
      const sent = [...todayRows, ...monthRows].filter(({ row, date }) => row.boundOpenid && date <= today);
      const traces = await birthdayTraces(
        db,
        sent.map(({ date }) => date),
        sent.map(({ row, date }) => ({ date, openid: row.boundOpenid as string })),
      );
      const view = ({ row, date }: { row: BirthdayRow; date: string }): BirthdayMemberView => ({
        rosterId: row._id,
        name: row.name,
        branchName: nameOf(orgs, row.branchId),
        joinedAt: row.joinedAt,
        date,
        years: yearsInParty(row.joinedAt, date),
        status: row.status as BirthdayMemberView['status'],
        delivery: deliveryOf(row, date, today, traces),
      });
      return {
        date: today,
        today: todayRows.map(view),
        week: weekRows.map(view),
        month: monthRows.map(view),
        monthTotal: months.rows.length < LIST_LIMIT ? monthRows.length : months.total,
      };
    },
    greeting: async ({ orgId }, { caller, db }) => {
      const community = communityOf(await orgNodes(db), orgId);
      requireScope(caller, community.path);
      return greetingView(community, await greetingsRepo(db).of(orgId));
    },
    saveGreeting: async ({ orgId, template }, { caller, db, now }) => {
      const community = communityOf(await orgNodes(db), orgId);
      requireScope(caller, community.path);
      const saved = await greetingsRepo(db).save(orgId, template, caller.name, now);
      return greetingView(community, saved);
    },
    preview: async ({ orgId, template }, { caller, db, now }) => {
      const orgs = await orgNodes(db);
      const community = communityOf(orgs, orgId);
      requireScope(caller, community.path);
      const today = chinaDate(now);
      const next = await birthdayRepo(db).nextInScope(orgId, today.slice(5, 10));
      if (!next) {
        const body = birthdayMessageBody({ name: '张三', years: 10, joinedAt: '2016-07-01', branch: `${community.name}党支部` }, template);
        return { member: null, body };
      }
      const date = nextAnniversary(next.joinedAt, today);
      const values = { name: next.name, years: yearsInParty(next.joinedAt, date), joinedAt: next.joinedAt, branch: nameOf(orgs, next.branchId) };
      return {
        member: { rosterId: next._id, name: next.name, branchName: values.branch, joinedAt: next.joinedAt, years: values.years, date },
        body: birthdayMessageBody(values, template),
      };
    },
    card: async ({ id }, { caller, db, now }) => {
      const entry = await birthdayRepo(db).byId(id);
      const own = entry !== null && caller.memberRosterId === id;
      // A stranger learns nothing, not even whether the card exists.
      if (!entry || (!own && !adminCovers(caller, entry.orgPath))) throw forbidden(NOT_YOURS);
      const orgs = await orgNodes(db);
      const today = chinaDate(now);
      const years = yearsInParty(entry.joinedAt, today);
      // The anniversary the card celebrates: this year's once it has come, last year's before.
      const date = years >= 1 ? anniversaryIn(entry.joinedAt, Number(entry.joinedAt.slice(0, 4)) + years) : entry.joinedAt;
      const values = { name: entry.name, years, joinedAt: entry.joinedAt, branch: nameOf(orgs, entry.branchId) };
      const greeting = renderGreeting(greetingFor(entry.orgPath, await greetingsRepo(db).all()), values);
      return {
        card: {
          name: entry.name,
          branchName: values.branch,
          joinedAt: entry.joinedAt,
          joinDateText: `${Number(entry.joinedAt.slice(0, 4))}年${Number(entry.joinedAt.slice(5, 7))}月${Number(entry.joinedAt.slice(8, 10))}日`,
          years,
          date,
          oath: PARTY_OATH,
          oathLine: oathLineFor(years),
          greeting,
          own,
        },
      };
    },
  },
  {
    daily: async ({ db, now }) => runBirthdays(db, now),
  },
);

/**
 * The day's run: the members whose anniversary is today (indexed month-day query), one personal job greeting the bound
 * ones. Idempotent per day through the job's origin; the push worker delivers it.
 */
export async function runBirthdays(db: Database, now: number) {
  const today = chinaDate(now);
  const orgs = await orgNodes(db);
  const root = orgs.find((org) => org.parentId === null);
  if (!root) throw new AppError(ErrorCodes.ORG_NOT_FOUND, '还没有设置区级组织');
  const entries = await birthdayRepo(db).onMonthDays(anniversaryMonthDays(today));
  const run = birthdayRun(entries, today, { branchName: (id) => nameOf(orgs, id), greetings: await greetingsRepo(db).all(), rootPath: root.path, sendAt: now });
  const summary = { today, reachable: run.reachable.length, unreachable: run.unreachable.length, jobId: birthdayJobId(today), created: false };
  if (!run.request) return summary;
  const { created } = await publishJob(db, orgs, buildJob(run.request, now), now);
  if (created) console.log(`birthday daily ${today}: ${run.reachable.length} greeted, ${run.unreachable.length} not bound`);
  return { ...summary, created };
}

function greetingView(community: OrgNodeDoc, doc: { template: string; updatedBy: string; updatedAt: number } | null): GreetingView {
  return {
    orgId: community._id,
    orgName: community.name,
    template: doc?.template ?? DEFAULT_GREETING,
    isDefault: doc === null,
    updatedBy: doc?.updatedBy ?? null,
    updatedAt: doc?.updatedAt ?? null,
  };
}

function nodeOf(orgs: ReadonlyArray<Stored<OrgNodeDoc>>, orgId: string): Stored<OrgNodeDoc> {
  const node = orgs.find((org) => org._id === orgId);
  if (!node) throw new AppError(ErrorCodes.ORG_NOT_FOUND, '没有找到这个组织');
  return node;
}

/** Greetings are per community (社区党组织): a branch inherits its community's. */
function communityOf(orgs: ReadonlyArray<Stored<OrgNodeDoc>>, orgId: string): Stored<OrgNodeDoc> {
  const node = nodeOf(orgs, orgId);
  if (node.kind !== 'community') throw fieldError(ErrorCodes.ORG_NOT_FOUND, 'orgId', '寄语按社区设置，请选择一个社区');
  return node;
}

const byDateThenName = (a: { row: BirthdayRow; date: string }, b: { row: BirthdayRow; date: string }): number =>
  a.date === b.date ? a.row.name.localeCompare(b.row.name) : a.date < b.date ? -1 : 1;

const nameOf = (orgs: ReadonlyArray<Stored<OrgNodeDoc>>, id: string): string => orgs.find((org) => org._id === id)?.name ?? '';
