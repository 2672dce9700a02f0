/**
 * weapp: draws the 政治生日贺卡 on the page's canvas (canvasId CARD_CANVAS_ID), exports it and saves it to the photo
 * album. Saving asks WeChat for scope.writePhotosAlbum (相册仅写入); the 用户隐私保护指引 set in the mini-program's
 * console must list it. A refusal is answered with the way to turn it back on (设置), never a silent failure.
 */
import Taro from '@tarojs/taro';
import type { BirthdayCardView } from '@/shared/birthday';
import { cardDrawing } from './card-layout';

export const CARD_CANVAS_ID: string | null = 'birthday-card';

/** Draws on the page's canvas, which the page sizes to `cardDrawing(card)`. */
const draw = (drawing: ReturnType<typeof cardDrawing>): Promise<void> =>
  new Promise((resolve) => {
    const ctx = Taro.createCanvasContext(CARD_CANVAS_ID as string);
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
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvasId: CARD_CANVAS_ID as string, width, height, destWidth: width * 2, destHeight: height * 2 });
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath });
  } catch (error) {
    const message = (error as { errMsg?: string }).errMsg ?? '';
    if (/auth|deny|denied/i.test(message)) {
      const { confirm } = await Taro.showModal({ title: '需要相册权限', content: '保存贺卡需要允许“添加到相册”。是否去设置中打开？', confirmText: '去设置' });
      if (confirm) await Taro.openSetting();
      return '贺卡未保存：没有相册权限';
    }
    if (/cancel/i.test(message)) return '已取消保存';
    throw error;
  }
  return '贺卡已保存到手机相册';
}
