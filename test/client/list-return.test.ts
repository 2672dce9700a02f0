/** Lists reload when their page comes back into view (back from a case page where something changed). */
import { createReturnWatcher } from '../../src/lib/paged-list';

test('a list mounted after its page first showed still reloads on the first return', () => {
  // The staff list mounts once the role check has answered: the page's first show happened before it existed.
  const watcher = createReturnWatcher();
  watcher.hidden();
  expect(watcher.shown()).toBe(true);
});

test('a page showing for the first time does not reload what it has just loaded', () => {
  expect(createReturnWatcher().shown()).toBe(false);
});

test('every return reloads once, and only a return does', () => {
  const watcher = createReturnWatcher();
  expect([watcher.shown(), (watcher.hidden(), watcher.shown()), watcher.shown(), (watcher.hidden(), watcher.shown())]).toEqual([false, true, false, true]);
});
