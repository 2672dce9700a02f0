/** Defensive checks of command input (commands come from clients; a shared schema validates first, rules still hold). */
import { AppError, ErrorCodes } from '../../../../src/shared/errors';
import type { CaseHandler } from '../../../../src/shared/cases/model';

/** Longest texts the rules accept (characters, after trimming). */
export const TEXT_LIMITS = Object.freeze({ reason: 500, reply: 2000, note: 2000 });

/** At most this many photos on a reply, as on the form. */
export const MAX_PHOTOS = 9;

/** An INPUT.INVALID error naming the field. */
export function invalidInput(field: string, message: string): AppError {
  return new AppError(ErrorCodes.INPUT_INVALID, message, { field });
}

/** The trimmed text, or INPUT.INVALID when it is missing, blank or longer than `max`. */
export function requireText(value: unknown, field: string, label: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw invalidInput(field, `请填写${label}`);
  if (text.length > max) throw invalidInput(field, `${label}不能超过 ${max} 个字`);
  return text;
}

/** An integer within [min, max], or INPUT.INVALID. */
export function requireInt(value: unknown, field: string, label: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(field, `${label}应在 ${min} 到 ${max} 之间`);
  }
  return value;
}

/** A handler with a studio (and optionally a deputy), without stray fields. */
export function requireHandler(value: unknown, field = 'handler'): CaseHandler {
  if (typeof value !== 'object' || value === null) throw invalidInput(field, '请选择承办的代表或工作室');
  const { studioId, deputyOpenid, deputyName } = value as Record<string, unknown>;
  if (typeof studioId !== 'string' || !studioId) throw invalidInput(field, '请选择承办的工作室');
  if (deputyOpenid !== undefined && (typeof deputyOpenid !== 'string' || !deputyOpenid)) {
    throw invalidInput(field, '承办代表无效');
  }
  if (deputyName !== undefined && typeof deputyName !== 'string') throw invalidInput(field, '承办代表姓名无效');
  return {
    studioId,
    ...(deputyOpenid ? { deputyOpenid } : {}),
    ...(deputyName ? { deputyName } : {}),
  };
}

/** A list of at most `MAX_PHOTOS` non-empty fileIDs (absent: none). */
export function requirePhotos(value: unknown, field = 'photos'): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !item)) {
    throw invalidInput(field, '有图片没有传好，请删掉后重新添加');
  }
  if (value.length > MAX_PHOTOS) throw invalidInput(field, `最多 ${MAX_PHOTOS} 张图片`);
  return value.map(String);
}
