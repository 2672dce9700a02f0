/** Receipt numbers: LS-<year>-<six-digit sequence>, read back however a person types them. */
import { formatReceipt, normalizeReceipt, parseReceipt } from '../../../cloud/src/domain/cases/receipt';

describe('receipt numbers', () => {
  test('the 123rd case of 2026 has receipt LS-2026-000123', () => {
    expect(formatReceipt(2026, 123)).toBe('LS-2026-000123');
  });

  test.each([1, 123, 99_999, 999_999, 1_000_000, 12_345_678])('sequence %d survives a round trip', (seq) => {
    expect(parseReceipt(formatReceipt(2026, seq))).toEqual({ year: 2026, seq });
  });

  test.each(['ls-2026-000123', ' LS 2026 000123 ', 'LS2026000123', 'LS－2026－000123'])(
    '%j typed by a person reads as LS-2026-000123',
    (typed) => {
      expect(normalizeReceipt(typed)).toBe('LS-2026-000123');
    },
  );

  test.each(['', 'LS-2026-123', 'LS-26-000123', 'XX-2026-000123', 'LS-2026-000000', 'LS-2026-0000123', 'LS-2026-00012a'])(
    '%j is not a receipt we issue',
    (text) => {
      expect(parseReceipt(text)).toBeNull();
    },
  );

  test('formatting refuses a sequence below 1, a fraction and a year that is not four digits', () => {
    expect(() => formatReceipt(2026, 0)).toThrow(RangeError);
    expect(() => formatReceipt(2026, 1.5)).toThrow(RangeError);
    expect(() => formatReceipt(26, 1)).toThrow(RangeError);
  });
});
