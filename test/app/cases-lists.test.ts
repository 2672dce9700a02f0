/**
 * The staff side's dead ends (issue 9 items 14, 15): 批办 names someone or the whole studio out loud, and a deputy's
 * 待办 holds only what waits for that deputy — answered, rated and colleagues' cases sit under the other tabs.
 */
import { cases } from '../../src/shared/contracts';
import type { DeputyTab } from '../../src/shared/contracts/case';
import { startAppCloud, type AppCloud } from '../support/app';
import { ADMIN, DEPUTY, DEPUTY2, assigned, rated, replied, submitted } from './cases-support';

let app: AppCloud;
beforeAll(async () => {
  app = await startAppCloud();
});
afterAll(() => app.close());

const stateOf = async (id: string) => (await app.call(cases.get, { id }, ADMIN)).case.state;

/** The ids among `ids` that a deputy's tab lists, in its order (every page read). */
async function tabOf(openid: string, tab: DeputyTab | undefined, ids: readonly string[]): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; ; offset += 50) {
    const page = await app.call(cases.deputyInbox, { ...(tab ? { tab } : {}), offset, limit: 50 }, openid);
    seen.push(...page.items.map((item) => item.id));
    if (!page.hasMore) return seen.filter((id) => ids.includes(id));
  }
}

describe('批办 needs an explicit choice', () => {
  test('确认批办 with nobody chosen is refused, naming the field, and the case still waits for 批办', async () => {
    const id = await submitted(app, 'o_lists_nochoice');
    const reply = await app.invoke(cases.assign, { id }, ADMIN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { deputyOpenid: expect.stringContaining('整个工作室') } } } });
    expect(await stateOf(id)).toBe('submitted');
  });

  test('naming both a deputy and the whole studio is refused too', async () => {
    const id = await submitted(app, 'o_lists_both');
    const reply = await app.invoke(cases.assign, { id, deputyOpenid: DEPUTY, wholeStudio: true }, ADMIN);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', details: { fields: { deputyOpenid: expect.any(String) } } } });
    expect(await stateOf(id)).toBe('submitted');
  });

  test('choosing 整个工作室 hands the case to the studio with no deputy named', async () => {
    const id = await submitted(app, 'o_lists_studio');
    await app.call(cases.assign, { id, wholeStudio: true }, ADMIN);
    const view = (await app.call(cases.get, { id }, ADMIN)).case;
    expect(view.state).toBe('assigned');
    expect(view.handler).toEqual({ studioId: 'studio-donghu' });
  });
});

describe("a deputy's 待办", () => {
  test('holds what was handed to this deputy or to the studio as a whole and is not yet answered; the rest sits under the other tabs', async () => {
    const reporter = 'o_lists_inbox';
    const mine = await assigned(app, reporter, { title: '楼道灯不亮' });
    const colleagues = await submitted(app, reporter, { title: '井盖松动' });
    await app.call(cases.assign, { id: colleagues, deputyOpenid: DEPUTY2 }, ADMIN);
    const wholeStudio = await submitted(app, reporter, { title: '垃圾桶不够' });
    await app.call(cases.assign, { id: wholeStudio, wholeStudio: true }, ADMIN);
    const answered = await replied(app, reporter);
    const done = await rated(app, reporter);
    const ids = [mine, colleagues, wholeStudio, answered, done];

    expect((await tabOf(DEPUTY, 'todo', ids)).sort()).toEqual([mine, wholeStudio].sort());
    expect(await tabOf(DEPUTY, undefined, ids)).toEqual(await tabOf(DEPUTY, 'todo', ids));
    expect((await tabOf(DEPUTY, 'answered', ids)).sort()).toEqual([answered, done].sort());
    expect((await tabOf(DEPUTY, 'studio', ids)).sort()).toEqual([...ids].sort());
    // The colleague's own 待办 has their case and the studio's, not 陈建国's.
    expect((await tabOf(DEPUTY2, 'todo', ids)).sort()).toEqual([colleagues, wholeStudio].sort());
  });

  test('a case leaves 待办 once it is answered', async () => {
    const id = await assigned(app, 'o_lists_answer');
    expect(await tabOf(DEPUTY, 'todo', [id])).toEqual([id]);
    await app.call(cases.reply, { id, text: '已处理。', photos: [] }, DEPUTY);
    expect(await tabOf(DEPUTY, 'todo', [id])).toEqual([]);
    expect(await tabOf(DEPUTY, 'answered', [id])).toEqual([id]);
  });
});
