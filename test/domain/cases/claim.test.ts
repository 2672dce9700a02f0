/** 认领纸质意见表's second factor: the 6-digit 认领码 from the paper receipt, or the registered phone's last 4 digits. */
import { newClaimCode, phoneTail, secondFactorMatches } from '../../../cloud/src/domain/cases/claim';

describe('the second factor', () => {
  test('the 认领码 is 6 digits, leading zeros kept', () => {
    expect(newClaimCode(() => 42)).toBe('000042');
    expect(newClaimCode((max) => max - 1)).toBe('999999');
  });

  test('the code printed on the receipt matches; any other 6 digits do not, nor does a form without a code', () => {
    expect(secondFactorMatches('042 042', { claimCode: '042042', phone: undefined })).toBe(true);
    expect(secondFactorMatches('042043', { claimCode: '042042', phone: undefined })).toBe(false);
    expect(secondFactorMatches('042042', { claimCode: null, phone: '13712345678' })).toBe(false);
  });

  test('a mobile or landline phone\'s last 4 digits match; without a phone 4 digits match nothing', () => {
    expect(secondFactorMatches('5678', { claimCode: '000000', phone: '+86 137 1234 5678' })).toBe(true);
    expect(secondFactorMatches('1234', { claimCode: '000000', phone: '027-86881234' })).toBe(true);
    expect(secondFactorMatches('5679', { claimCode: '000000', phone: '13712345678' })).toBe(false);
    expect(secondFactorMatches('0000', { claimCode: '000000', phone: undefined })).toBe(false);
    expect(phoneTail('12')).toBeNull();
  });
});
