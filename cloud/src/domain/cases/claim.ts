/**
 * 认领纸质意见表: the receipt number alone is not enough (numbers are sequential, anyone can walk them). The claimant
 * also gives a second factor: the 6-digit 认领码 written on the paper receipt at intake, or the last 4 digits of the
 * phone the resident registered on the form. Pure rules; attempts are limited by the caller (claim.ts).
 */

/** Attempts per claimant and per case in one clock hour (right or wrong: a stranger walking numbers stops fast). */
export const CLAIM_LIMITS = Object.freeze({ perClaimant: 5, perCase: 5, windowMs: 60 * 60 * 1000 });

const CODE_DIGITS = 6;

/** A fresh 认领码 from a source of random integers in [0, max) (digits only: easy to read out and type on a phone). */
export function newClaimCode(randomBelow: (max: number) => number): string {
  return String(randomBelow(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** The last 4 digits of a phone number, or null when there is none (nothing to match then). */
export function phoneTail(phone: string | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 7 ? digits.slice(-4) : null;
}

/** True when `typed` is the case's 认领码 (6 digits) or its registered phone's last 4 digits. */
export function secondFactorMatches(typed: string, secrets: { claimCode: string | null; phone: string | undefined }): boolean {
  const code = typed.replace(/\s/g, '');
  if (code.length === CODE_DIGITS) return secrets.claimCode !== null && code === secrets.claimCode;
  const tail = phoneTail(secrets.phone);
  return code.length === 4 && tail !== null && code === tail;
}
