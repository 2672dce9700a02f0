/**
 * Signatures for temporary download URLs (?sign=&t=, t = expiry in unix seconds) and upload grants.
 * The secret is kept in <dataDir>/storage/secret so URLs handed out survive a restart, as production's do.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Signer {
  /** A signature of `parts` (hex). */
  sign(...parts: string[]): string;
  /** True when `signature` is the signature of `parts`. */
  verify(signature: string, ...parts: string[]): boolean;
}

/** A signer with a secret persisted at `file`, or a fresh one per run when `file` is null. */
export async function openSigner(file: string | null): Promise<Signer> {
  let secret: string;
  if (file && existsSync(file)) secret = readFileSync(file, 'utf8').trim();
  else {
    secret = randomBytes(32).toString('hex');
    if (file) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, secret, { mode: 0o600 });
    }
  }
  const sign = (...parts: string[]): string => createHmac('sha256', secret).update(parts.join('\n')).digest('hex').slice(0, 32);
  return {
    sign,
    verify(signature, ...parts) {
      const expected = Buffer.from(sign(...parts));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
