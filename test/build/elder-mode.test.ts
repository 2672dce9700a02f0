import { createElderModeStore, decideElderMode, ELDER_MODE_STORAGE_KEY, type KeyValueStorage } from '@/lib/elder-mode';

/** Taro storage reads a missing key as ''. */
function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return { data, get: (key) => data.get(key) ?? '', set: (key, value) => void data.set(key, value) };
}

describe('长辈模式 default', () => {
  it('is on in WeChat when the user set a font larger than the standard 17 px', () => {
    expect(decideElderMode({ stored: '', platform: 'weapp', fontSizeSetting: 20 })).toBe(true);
  });

  it('is off in WeChat at the standard font size', () => {
    expect(decideElderMode({ stored: '', platform: 'weapp', fontSizeSetting: 17 })).toBe(false);
  });

  it('is off in WeChat when the font size is not reported', () => {
    expect(decideElderMode({ stored: '', platform: 'weapp' })).toBe(false);
  });

  it('is off on h5 whatever font size is passed', () => {
    expect(decideElderMode({ stored: '', platform: 'h5', fontSizeSetting: 24 })).toBe(false);
  });

  it("follows the user's own choice over WeChat's font size, both ways", () => {
    expect(decideElderMode({ stored: false, platform: 'weapp', fontSizeSetting: 24 })).toBe(false);
    expect(decideElderMode({ stored: true, platform: 'h5' })).toBe(true);
  });
});

describe('长辈模式 switch', () => {
  it('turning it off with a large WeChat font is remembered the next time the app starts', () => {
    const storage = memoryStorage();
    const first = createElderModeStore(storage, 'weapp', () => 22);
    expect(first.get()).toBe(true);
    first.set(false);
    const afterRestart = createElderModeStore(storage, 'weapp', () => 22);
    expect(afterRestart.get()).toBe(false);
  });

  it('tells every listening page when it is toggled, and stops after unsubscribe', () => {
    const store = createElderModeStore(memoryStorage(), 'h5', () => undefined);
    const seen: boolean[] = [];
    const unsubscribe = store.subscribe((on) => seen.push(on));
    store.set(true);
    store.set(true);
    unsubscribe();
    store.set(false);
    expect(seen).toEqual([true]);
    expect(store.get()).toBe(false);
  });

  it('stores the choice under its own key as a boolean', () => {
    const storage = memoryStorage();
    createElderModeStore(storage, 'h5', () => undefined).set(true);
    expect(storage.data.get(ELDER_MODE_STORAGE_KEY)).toBe(true);
  });
});
