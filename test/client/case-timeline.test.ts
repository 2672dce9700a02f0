import type { CaseEventView } from '@/shared/contracts/case';
import { deadlineText, timeline, timelineEntry } from '@/lib/case-timeline';

const AT = Date.UTC(2026, 10, 20, 2, 0);

function event(type: string, extra: Partial<CaseEventView> = {}): CaseEventView {
  return { _id: `e-${type}`, type, byRole: 'admin', mine: false, internal: false, at: AT, ...extra };
}

describe('a line of the case timeline', () => {
  it('批办 names the deputy and the deadline it set, and the state it moved to', () => {
    const line = timelineEntry(
      event('assign', { from: 'submitted', to: 'assigned', byName: '赵敏', data: { handler: { studioId: 'studio-donghu', deputyName: '陈建国' }, deadline: '2026-11-25', limitDays: 3 } }),
    );
    expect(line).toMatchObject({ label: '批办', who: '赵敏（管理员）', detail: '交 陈建国 办理，办理期限 2026-11-25', toLabel: '已批办' });
  });

  it('重办 says the problem was not solved and gives the new deadline', () => {
    const line = timelineEntry(event('reopen', { from: 'replied', to: 'assigned', byRole: 'resident', mine: true, data: { attitude: 2, solved: 'no', deadline: '2026-12-01' } }));
    expect(line).toMatchObject({ label: '重办', who: '我', detail: '办理态度 2 星，问题未解决，重新办理，期限 2026-12-01', toLabel: '已批办' });
  });

  it('a rating by someone the viewer may not know shows no name, only the role', () => {
    expect(timelineEntry(event('rate', { byRole: 'resident', to: 'rated', from: 'replied', data: { attitude: 5, solved: 'yes' } })).who).toBe('居民');
  });

  it('the timer’s marks are the system’s, with the deadline they are about', () => {
    expect(timelineEntry(event('escalate', { byRole: 'system', byName: '系统', data: { deadline: '2026-11-25' } }))).toMatchObject({
      label: '督办',
      who: '系统',
      detail: '办理期限 2026-11-25',
      toLabel: '',
    });
  });

  it('an internal note is marked internal and keeps its text; a reply keeps its text for the reply card', () => {
    expect(timelineEntry(event('note', { byRole: 'deputy', byName: '陈建国', internal: true, note: '已联系物业' }))).toMatchObject({
      label: '内部备注',
      internal: true,
      note: '已联系物业',
    });
    expect(timelineEntry(event('reply', { note: '已更换灯泡' })).note).toBe('');
  });

  it('a transfer names the deputy it went to, or says it went to another studio, and keeps the reason', () => {
    const toStudio = timelineEntry(event('transfer', { byRole: 'deputy', byName: '陈建国', note: '属于西山镇', data: { to: { studioId: 'studio-xishan' } } }));
    expect(toStudio).toMatchObject({ label: '转办', detail: '转交其他工作室办理', note: '属于西山镇' });
    const toDeputy = timelineEntry(event('transfer', { data: { to: { studioId: 'studio-donghu', deputyName: '刘芳' } } }));
    expect(toDeputy.detail).toBe('转交 刘芳 办理');
  });

  it('批办 to a studio as a whole says so', () => {
    expect(timelineEntry(event('assign', { data: { handler: { studioId: 'studio-donghu' }, deadline: '2026-11-25' } })).detail).toBe('交工作室统一办理，办理期限 2026-11-25');
  });

  it('an unknown step still shows, under its own name', () => {
    expect(timelineEntry(event('archive_v2')).label).toBe('archive_v2');
  });
});

describe('the timeline', () => {
  it('lists the newest step first', () => {
    const lines = timeline([event('submit', { at: AT }), event('reply', { at: AT + 2000 }), event('assign', { at: AT + 1000 })]);
    expect(lines.map((line) => line.label)).toEqual(['答复', '批办', '提交']);
  });
});

describe('the deadline in plain words', () => {
  it('counts the days left, says when it is today, and how long it is overdue', () => {
    expect(deadlineText('2026-11-25', '2026-11-22')).toBe('办理期限 2026-11-25（还剩 3 天）');
    expect(deadlineText('2026-11-25', '2026-11-25')).toBe('办理期限 2026-11-25（今天到期）');
    expect(deadlineText('2026-11-25', '2026-11-27')).toBe('办理期限 2026-11-25（已逾期 2 天）');
  });

  it('counts across a month end', () => {
    expect(deadlineText('2026-12-02', '2026-11-30')).toBe('办理期限 2026-12-02（还剩 2 天）');
  });
});
