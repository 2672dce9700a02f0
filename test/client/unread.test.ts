import { badgeText, createUnreadStore } from '@/lib/unread';

describe('the unread badge text', () => {
  it('shows nothing when there is nothing unread or the count is not known yet', () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(null)).toBeNull();
  });

  it('shows the count itself up to 99', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
  });

  it('shows 99+ beyond 99, which still fits WeChat’s tab badge', () => {
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(12345)).toBe('99+');
  });
});

describe('the shared unread count', () => {
  it('is unknown until the cloud first answers', () => {
    expect(createUnreadStore().get()).toBeNull();
  });

  it('tells every listener about each new count, so the tab badge and the 消息中心 cell agree', () => {
    const store = createUnreadStore();
    const badge: number[] = [];
    const cell: number[] = [];
    store.subscribe((count) => badge.push(count));
    store.subscribe((count) => cell.push(count));
    store.set(3);
    store.set(0);
    expect(badge).toEqual([3, 0]);
    expect(cell).toEqual([3, 0]);
    expect(store.get()).toBe(0);
  });

  it('repeats an unchanged count, because a tab page that shows again must re-apply its badge', () => {
    const store = createUnreadStore();
    const heard: number[] = [];
    store.subscribe((count) => heard.push(count));
    store.set(2);
    store.set(2);
    expect(heard).toEqual([2, 2]);
  });

  it('stops telling a page that unsubscribed', () => {
    const store = createUnreadStore();
    const heard: number[] = [];
    const unsubscribe = store.subscribe((count) => heard.push(count));
    unsubscribe();
    store.set(5);
    expect(heard).toEqual([]);
  });

  it('never goes below zero', () => {
    const store = createUnreadStore();
    store.set(-1);
    expect(store.get()).toBe(0);
  });
});
