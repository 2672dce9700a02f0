/**
 * h5: draws the 政治生日贺卡 on a canvas and downloads it as a PNG. weapp saves it to the photo album instead
 * (save-card.weapp.ts, which Taro builds in place of this file: no `document` in the mini-program).
 */
import type { BirthdayCardView } from '@/shared/birthday';
import { cardDrawing } from './card-layout';

/** Resolves a line for the page to show once the file is on its way. */
export async function saveCard(card: BirthdayCardView): Promise<string> {
  const scale = 2;
  const drawing = cardDrawing(card);
  const canvas = document.createElement('canvas');
  canvas.width = drawing.width * scale;
  canvas.height = drawing.height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('这个浏览器不能生成图片');
  ctx.scale(scale, scale);
  ctx.fillStyle = drawing.background;
  ctx.fillRect(0, 0, drawing.width, drawing.height);
  ctx.strokeStyle = drawing.frame.color;
  ctx.lineWidth = 2;
  ctx.strokeRect(drawing.frame.x, drawing.frame.y, drawing.frame.width, drawing.frame.height);
  ctx.textBaseline = 'middle';
  for (const item of drawing.texts) {
    ctx.font = `${item.bold ? 'bold ' : ''}${item.size}px sans-serif`;
    ctx.fillStyle = item.color;
    ctx.textAlign = item.align;
    ctx.fillText(item.text, item.x, item.y);
  }
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = `政治生日贺卡-${card.name}.png`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  return '贺卡图片已下载';
}

/** h5 draws on a canvas of its own: the page needs none. */
export const CARD_CANVAS_ID: string | null = null;
