/**
 * On weapp the member saves the 政治生日贺卡 as an image: drawn on the page's canvas (the whole card, every line), exported
 * at twice the size and put in the photo album; a refused album permission offers 去设置, a cancel is said plainly.
 */
import { cardDrawing } from '@/lib/card-layout';
import { CARD_CANVAS_ID, saveCard } from '@/lib/save-card.weapp';
import { DEFAULT_GREETING, PARTY_OATH, renderGreeting, type BirthdayCardView } from '@/shared/birthday';

const card: BirthdayCardView = {
  name: '李明',
  branchName: '东湖社区第一党支部',
  joinedAt: '1996-11-20',
  joinDateText: '1996年11月20日',
  years: 30,
  date: '2026-11-20',
  oath: PARTY_OATH,
  oathLine: '',
  greeting: renderGreeting(DEFAULT_GREETING, { name: '李明', years: 30, joinedAt: '1996-11-20', branch: '东湖社区第一党支部' }),
  own: true,
};

interface Options {
  success?: (result: unknown) => void;
  fail?: (error: { errMsg: string }) => void;
}

/** A fake `wx` that records what the card asks of WeChat; `albumError` makes saving to the album fail so. */
function fakeWx(albumError: string | null, confirmSettings = true) {
  const drawn: string[] = [];
  const calls: Array<[string, unknown]> = [];
  const answer = (name: string, result: unknown) => (options: Options) => {
    calls.push([name, { ...options, success: undefined, fail: undefined }]);
    options.success?.(result);
  };
  const wx = {
    createCanvasContext: (id: string) => {
      calls.push(['createCanvasContext', id]);
      return {
        setFillStyle: () => undefined,
        setStrokeStyle: () => undefined,
        setLineWidth: () => undefined,
        setTextBaseline: () => undefined,
        setTextAlign: () => undefined,
        setFontSize: () => undefined,
        font: '',
        fillRect: () => undefined,
        strokeRect: () => undefined,
        fillText: (text: string) => drawn.push(text),
        draw: (_reserve: boolean, done: () => void) => done(),
      };
    },
    canvasToTempFilePath: answer('canvasToTempFilePath', { tempFilePath: 'wxfile://tmp/card.png' }),
    saveImageToPhotosAlbum: (options: Options) => {
      calls.push(['saveImageToPhotosAlbum', { filePath: (options as { filePath?: string }).filePath }]);
      if (albumError) options.fail?.({ errMsg: albumError });
      else options.success?.({});
    },
    showModal: answer('showModal', { confirm: confirmSettings }),
    openSetting: answer('openSetting', {}),
  };
  (globalThis as { wx?: unknown }).wx = wx;
  return { drawn, calls, names: () => calls.map(([name]) => name) };
}

afterEach(() => delete (globalThis as { wx?: unknown }).wx);

test('the card is drawn whole on the page canvas, exported at twice its size and saved to the album', async () => {
  const wx = fakeWx(null);
  expect(await saveCard(card)).toBe('贺卡已保存到手机相册');
  const drawing = cardDrawing(card);
  expect(wx.drawn).toEqual(drawing.texts.map((item) => item.text));
  expect(wx.calls).toContainEqual(['createCanvasContext', CARD_CANVAS_ID]);
  expect(wx.calls).toContainEqual([
    'canvasToTempFilePath',
    expect.objectContaining({ canvasId: CARD_CANVAS_ID, width: drawing.width, height: drawing.height, destWidth: drawing.width * 2, destHeight: drawing.height * 2 }),
  ]);
  expect(wx.calls).toContainEqual(['saveImageToPhotosAlbum', { filePath: 'wxfile://tmp/card.png' }]);
});

test('without album permission the member is offered 去设置 and told the card was not saved', async () => {
  const wx = fakeWx('saveImageToPhotosAlbum:fail auth deny');
  expect(await saveCard(card)).toBe('贺卡未保存：没有相册权限');
  expect(wx.calls).toContainEqual(['showModal', expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' })]);
  expect(wx.names()).toContain('openSetting');
});

test('a member who cancels is told so, and no settings page opens', async () => {
  const wx = fakeWx('saveImageToPhotosAlbum:fail cancel');
  expect(await saveCard(card)).toBe('已取消保存');
  expect(wx.names()).not.toContain('showModal');
  expect(wx.names()).not.toContain('openSetting');
});
