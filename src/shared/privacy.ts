/** Personal-data helpers used everywhere a phone number is shown (PIPL: show no more than the reader needs). */

/**
 * Masks a phone number for display: mobile '13812345678' → '138****5678' (spaces, dashes and +86 tolerated);
 * a landline keeps its area code and last four digits ('010-12345678' → '010-****5678'). Anything else keeps at most
 * its last two characters.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(phone.replace(/\s/g, ''));
  if (landline) return `${landline[1]}-****${landline[2].slice(-4)}`;
  if (compact.length <= 2) return '*'.repeat(compact.length);
  return `${'*'.repeat(compact.length - 2)}${compact.slice(-2)}`;
}
