/**
 * The 政治生日贺卡 as an image: what to draw where, platform-free, so the h5 canvas and the weapp canvas draw the same
 * card (save-card.ts, save-card.weapp.ts). Text is wrapped by an estimate of its width (a Chinese character is one em,
 * a Latin letter or digit about half), which is what both canvases need: neither wraps text by itself.
 */
import type { BirthdayCardView } from '@/shared/birthday';

export const CARD_WIDTH = 375;
/** The least height; a long greeting makes the card taller (`CardDrawing.height`). */
export const CARD_HEIGHT = 640;
const MARGIN = 28;
const RED = '#c8161d';
const GOLD = '#ffe7a3';

export interface CardText {
  text: string;
  x: number;
  y: number;
  size: number;
  color: string;
  bold?: boolean;
  align: 'left' | 'center';
}

export interface CardDrawing {
  width: number;
  height: number;
  background: string;
  frame: { x: number; y: number; width: number; height: number; color: string };
  texts: CardText[];
}

const widthOf = (text: string, size: number): number => Array.from(text).reduce((sum, char) => sum + (char.charCodeAt(0) > 0xff ? size : size * 0.55), 0);

/** Splits text into lines no wider than `width`. */
export function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of Array.from(text)) {
    if (line && widthOf(line + char, size) > width) {
      lines.push(line);
      line = '';
    }
    line += char;
  }
  if (line) lines.push(line);
  return lines;
}

/** The card's drawing: heading, name, join date and years, the full oath, the greeting, the branch and date. */
export function cardDrawing(card: BirthdayCardView): CardDrawing {
  const texts: CardText[] = [];
  const inner = CARD_WIDTH - MARGIN * 2;
  let y = 64;
  const center = (text: string, size: number, color: string, bold = false) => {
    texts.push({ text, x: CARD_WIDTH / 2, y, size, color, bold, align: 'center' });
    y += size * 1.6;
  };
  const paragraph = (text: string, size: number, color: string) => {
    for (const line of wrap(text, size, inner)) {
      texts.push({ text: line, x: MARGIN, y, size, color, align: 'left' });
      y += size * 1.55;
    }
    y += size * 0.6;
  };
  center('政治生日贺卡', 28, GOLD, true);
  center(`${card.name}同志`, 20, '#ffffff', true);
  center(card.years >= 1 ? `入党 ${card.years} 周年` : '入党不满一年', 18, GOLD);
  paragraph(`${card.joinDateText}，您光荣地加入了中国共产党。`, 15, '#ffffff');
  paragraph('入党誓词', 16, GOLD);
  paragraph(card.oath, 14, '#ffffff');
  paragraph(card.greeting, 14, '#ffffff');
  const height = Math.max(CARD_HEIGHT, Math.ceil(y + 56));
  texts.push({ text: `${card.branchName}  ${card.date.replace(/-/g, '.')}`, x: CARD_WIDTH / 2, y: height - 36, size: 13, color: GOLD, align: 'center' });
  return { width: CARD_WIDTH, height, background: RED, frame: { x: 12, y: 12, width: CARD_WIDTH - 24, height: height - 24, color: GOLD }, texts };
}
