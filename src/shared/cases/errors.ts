/** Error codes of the case domain (the shared AppError carries them; general codes live in ErrorCodes). */
export const CaseErrors = {
  /** The transition does not leave the case's current state. */
  INVALID_TRANSITION: 'CASE.INVALID_TRANSITION',
  /** An extension asked for after the deadline day. */
  EXTENSION_LATE: 'CASE.EXTENSION_LATE',
  /** The case already had its one extension. */
  EXTENSION_USED: 'CASE.EXTENSION_USED',
  /** A paper case that someone already claimed. */
  ALREADY_CLAIMED: 'CASE.ALREADY_CLAIMED',
  /** A claim whose receipt number and 认领码 do not fit an unclaimed paper form (one answer for every reason). */
  CLAIM_REFUSED: 'CASE.CLAIM_REFUSED',
  /** 我也遇到 by someone who already follows the case (callers may treat it as success). */
  ALREADY_FOLLOWING: 'CASE.ALREADY_FOLLOWING',
  NOT_FOUND: 'CASE.NOT_FOUND',
  /** Someone else's change to the case won (conditional update on state/version matched nothing). */
  CONFLICT: 'CASE.CONFLICT',
} as const;

export type CaseErrorCode = (typeof CaseErrors)[keyof typeof CaseErrors];
