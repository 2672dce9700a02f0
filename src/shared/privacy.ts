/** Personal-data helpers used everywhere a phone number is shown (PIPL: show no more than the reader needs). */

/**
 * A landline as area code and number. With a dash, as typed; without one, by China's area codes: 010 and 02X are
 * three digits (北京, 上海, 天津, 重庆, 广州, 武汉 …), every other area code is four — so '02786881234' is 027-86881234,
 * never 0278-6881234.
 */
export function splitLandline(phone: string): { area: string; number: string } | null {
  const typed = phone.replace(/\s/g, '');
  const dashed = /^(0\d{2,3})-(\d{7,8})$/.exec(typed);
  if (dashed) return { area: dashed[1], number: dashed[2] };
  if (!/^0\d{9,11}$/.test(typed)) return null;
  const areaLength = /^0(10|2\d)/.test(typed) ? 3 : 4;
  const number = typed.slice(areaLength);
  return /^\d{7,8}$/.test(number) ? { area: typed.slice(0, areaLength), number } : null;
}

/** How a phone number is stored: spaces dropped, a landline as 'area-number' (027-86881234) however it was typed. */
export function normalizePhone(phone: string): string {
  const compact = phone.replace(/\s/g, '');
  const landline = splitLandline(compact);
  return landline ? `${landline.area}-${landline.number}` : compact;
}

/**
 * Masks a phone number for display: mobile '13812345678' → '138****5678' (spaces, dashes and +86 tolerated);
 * a landline keeps its area code and last four digits ('027-86881234' → '027-****1234'). Anything else keeps at most
 * its last two characters.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  const landline = splitLandline(phone);
  if (landline) return `${landline.area}-****${landline.number.slice(-4)}`;
  if (compact.length <= 2) return '*'.repeat(compact.length);
  return `${'*'.repeat(compact.length - 2)}${compact.slice(-2)}`;
}
