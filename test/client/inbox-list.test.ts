import { markRead, mergePage } from '@/pages/inbox/inbox-list';
import type { InboxItem } from '@/shared/contracts/inbox';

const item = (id: string, createdAt: number, read = false): InboxItem => ({ id, kind: 'k', title: `t${id}`, body: '', link: null, createdAt, read });

describe('加载更多 in 消息中心', () => {
  it('appends the next page below, newest first', () => {
    const merged = mergePage([item('a', 30), item('b', 20)], [item('c', 10)]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps one copy of a message repeated because a new one arrived between pages', () => {
    const merged = mergePage([item('a', 30), item('b', 20)], [item('b', 20, true), item('c', 10)]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(merged[1].read).toBe(true);
  });
});

describe('marking messages read in the list', () => {
  it('marks only the tapped message', () => {
    const list = markRead([item('a', 2), item('b', 1)], ['a']);
    expect(list.map((m) => m.read)).toEqual([true, false]);
  });

  it('全部已读 marks every message', () => {
    expect(markRead([item('a', 2), item('b', 1, true)], 'all').every((m) => m.read)).toBe(true);
  });
});
