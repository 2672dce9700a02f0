/**
 * Client request ids for idempotent submits: one per draft, kept until the cloud confirms, so a double tap or a retry
 * after a timeout names the same submission. The mini-program has no `crypto` global; Math.random is enough there,
 * since the cloud scopes the id to the submitter's openid.
 */

type FillRandom = (bytes: Uint8Array) => void;

function fillRandom(bytes: Uint8Array): void {
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (crypto?.getRandomValues) {
    crypto.getRandomValues(bytes);
    return;
  }
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
}

/** A version-4 UUID, e.g. '3b241101-e2bb-4255-8caf-4136c566a962' (fits the contract's [\w-]{8,64}). */
export function newRequestId(random: FillRandom = fillRandom): string {
  const bytes = new Uint8Array(16);
  random(bytes);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
