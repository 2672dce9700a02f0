/** The one phone-masking helper: the middle of a number never shows, whatever way it was typed. */
import { maskPhone, normalizePhone } from '../../src/shared/privacy';

describe('maskPhone', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['+8613812345678', '138****5678'],
  ])('mobile %j shows as %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test.each([
    ['010-12345678', '010-****5678'],
    ['0755-1234567', '0755-****4567'],
    ['0755 12345678', '0755-****5678'],
    ['027-86881234', '027-****1234'],
    ['02786881234', '027-****1234'],
    ['01012345678', '010-****5678'],
    ['075512345678', '0755-****5678'],
    ['07551234567', '0755-****4567'],
  ])('landline %j keeps its own area code and the dash: %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test('anything else keeps at most its last two characters', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('')).toBe('');
  });
});

describe('normalizePhone (how a typed number is stored)', () => {
  test.each([
    ['027-86881234', '027-86881234'],
    ['027 8688 1234', '027-86881234'],
    ['02786881234', '027-86881234'],
    ['0755-1234567', '0755-1234567'],
    ['075512345678', '0755-12345678'],
    ['138 1234 5678', '13812345678'],
  ])('%j is stored as %j', (typed, stored) => {
    expect(normalizePhone(typed)).toBe(stored);
  });
});
