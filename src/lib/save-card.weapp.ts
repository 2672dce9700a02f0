/**
 * weapp: draws the 政治生日贺卡 on the page's canvas (canvasId CARD_CANVAS_ID), exports it and saves it to the photo
 * album. Saving asks WeChat for scope.writePhotosAlbum (相册仅写入); the 用户隐私保护指引 set in the mini-program's
 * console must list it. A refusal is answered with the way to turn it back on (设置), never a silent failure.
 *
 * It talks to WeChat's `wx` directly rather than through @tarojs/taro: this module is loaded only by the weapp build
 * (and by the twin check in node, where Taro's browser runtime cannot load).
 */
import type { BirthdayCardView } from '@/shared/birthday';
import { cardDrawing, type CardDrawing } from './card-layout';

export const CARD_CANVAS_ID: string | null = 'birthday-card';

interface WxResult {
  errMsg?: string;
}
type WxCall<I, O = WxResult> = (options: I & { success?: (result: O) => void; fail?: (error: WxResult) => void }) => void;

/** The few WeChat APIs the card needs (the legacy canvas, which every base library has). */
interface Wx {
  createCanvasContext(id: string): {
    setFillStyle(color: string): void;
    setStrokeStyle(color: string): void;
    setLineWidth(width: number): void;
    setTextBaseline(baseline: 'middle'): void;
    setTextAlign(align: 'left' | 'center'): void;
    setFontSize(size: number): void;
    font: string;
    fillRect(x: number, y: number, width: number, height: number): void;
    strokeRect(x: number, y: number, width: number, height: number): void;
    fillText(text: string, x: number, y: number): void;
    draw(reserve: boolean, done: () => void): void;
  };
  canvasToTempFilePath: WxCall<{ canvasId: string; width: number; height: number; destWidth: number; destHeight: number }, { tempFilePath: string }>;
  saveImageToPhotosAlbum: WxCall<{ filePath: string }>;
  showModal: WxCall<{ title: string; content: string; confirmText: string }, { confirm: boolean }>;
  openSetting: WxCall<Record<string, never>>;
}

declare const wx: Wx;

const promised = <I, O>(call: WxCall<I, O>, options: I): Promise<O> =>
  new Promise((resolve, reject) => call({ ...options, success: resolve, fail: (error) => reject(Object.assign(new Error(error.errMsg ?? '微信接口调用失败'), error)) }));

/** Draws on the page's canvas, which the page sizes to the drawing. */
const draw = (drawing: CardDrawing): Promise<void> =>
  new Promise((resolve) => {
    const ctx = wx.createCanvasContext(CARD_CANVAS_ID as string);
    ctx.setFillStyle(drawing.background);
    ctx.fillRect(0, 0, drawing.width, drawing.height);
    ctx.setStrokeStyle(drawing.frame.color);
    ctx.setLineWidth(2);
    ctx.strokeRect(drawing.frame.x, drawing.frame.y, drawing.frame.width, drawing.frame.height);
    ctx.setTextBaseline('middle');
    for (const item of drawing.texts) {
      ctx.font = `${item.bold ? 'bold ' : ''}${item.size}px sans-serif`;
      ctx.setFontSize(item.size);
      ctx.setFillStyle(item.color);
      ctx.setTextAlign(item.align);
      ctx.fillText(item.text, item.x, item.y);
    }
    ctx.draw(false, () => resolve());
  });

export async function saveCard(card: BirthdayCardView): Promise<string> {
  const drawing = cardDrawing(card);
  await draw(drawing);
  const { width, height } = drawing;
  const { tempFilePath } = await promised(wx.canvasToTempFilePath, { canvasId: CARD_CANVAS_ID as string, width, height, destWidth: width * 2, destHeight: height * 2 });
  try {
    await promised(wx.saveImageToPhotosAlbum, { filePath: tempFilePath });
  } catch (error) {
    const message = (error as WxResult).errMsg ?? '';
    if (/auth|deny|denied/i.test(message)) {
      const { confirm } = await promised(wx.showModal, { title: '需要相册权限', content: '保存贺卡需要允许“添加到相册”。是否去设置中打开？', confirmText: '去设置' });
      if (confirm) await promised(wx.openSetting, {});
      return '贺卡未保存：没有相册权限';
    }
    if (/cancel/i.test(message)) return '已取消保存';
    throw error;
  }
  return '贺卡已保存到手机相册';
}
