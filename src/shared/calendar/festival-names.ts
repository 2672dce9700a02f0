/** The festivals 廉政提醒 follow, by key and name: platform-free (pages import this, not festivals.ts). */
export type FestivalKey = 'newYear' | 'spring' | 'lantern' | 'qingming' | 'labour' | 'dragonBoat' | 'midAutumn' | 'national';

export interface Festival {
  key: FestivalKey;
  /** What people call it. */
  name: string;
  /** Whether the State Council gives days off for it (元宵 never has a holiday period). */
  statutory: boolean;
}

/** In calendar order. */
export const FESTIVALS: readonly Festival[] = [
  { key: 'newYear', name: '元旦', statutory: true },
  { key: 'spring', name: '春节', statutory: true },
  { key: 'lantern', name: '元宵节', statutory: false },
  { key: 'qingming', name: '清明节', statutory: true },
  { key: 'labour', name: '劳动节', statutory: true },
  { key: 'dragonBoat', name: '端午节', statutory: true },
  { key: 'midAutumn', name: '中秋节', statutory: true },
  { key: 'national', name: '国庆节', statutory: true },
];

export const FESTIVAL_KEYS = FESTIVALS.map((festival) => festival.key) as readonly FestivalKey[];

export const festivalName = (key: FestivalKey): string => FESTIVALS.find((festival) => festival.key === key)?.name ?? key;
