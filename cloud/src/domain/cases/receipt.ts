/** Receipt numbers shown to residents, e.g. LS-2026-000123 (year of submission in China time, yearly sequence). */

const PREFIX = 'LS';
const SEQ_DIGITS = 6;

/** 'LS-2026-000123' for (2026, 123); the sequence is padded to six digits and may grow beyond. */
export function formatReceipt(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`回执年份无效: ${year}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`回执序号无效: ${seq}`);
  return `${PREFIX}-${year}-${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

// People retype receipts: accept lower case, spaces, missing or full-width dashes, and tolerate nothing else.
const RECEIPT = /^LS-?(\d{4})-?(\d{6,})$/;

/** { year, seq } of a receipt as a person might type it, or null when it is not one we would issue. */
export function parseReceipt(text: string): { year: number; seq: number } | null {
  const compact = text.toUpperCase().replace(/\s/g, '').replace(/[－—–‐]/g, '-');
  const match = RECEIPT.exec(compact);
  if (!match) return null;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < 1000 || seq < 1 || !Number.isSafeInteger(seq)) return null;
  // Only the canonical padding: 'LS-2026-0000123' is not a number we issue.
  if (formatReceipt(year, seq) !== `${PREFIX}-${match[1]}-${match[2]}`) return null;
  return { year, seq };
}

/** The canonical form of a typed receipt, or null. */
export function normalizeReceipt(text: string): string | null {
  const parsed = parseReceipt(text);
  return parsed ? formatReceipt(parsed.year, parsed.seq) : null;
}
