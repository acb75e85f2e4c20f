// Secrets: random credentials, their stored form (a SHA-256 hash, never the secret itself), and the
// strength check every configured token passes at start-up (at least 128 bits).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret: 32 random bytes, base64url (256 bits). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** How a token or cookie secret is stored and compared: `sha256:<hex>`. */
export function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/** Constant-time comparison of two stored hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A person's public id: the start of their token's hash (enough to tell people apart, useless to guess the token). */
export const personId = (hash: string): string => `p-${hash.replace(/^sha256:/, '').slice(0, 12)}`;

export const HASH_FORMAT = /^sha256:[0-9a-f]{64}$/;

/**
 * Bits a token can carry at most, judged by the characters it uses: 4 per character when it is all
 * hex digits, 6 when it keeps to base64/base64url, 6.5 for anything wider. A token repeating a few
 * characters is judged by its distinct characters instead (aaaa… is not 128 bits).
 */
export function tokenBits(token: string): number {
  const perChar = /^[0-9a-fA-F]+$/.test(token) ? 4 : /^[A-Za-z0-9+/_=-]+$/.test(token) ? 6 : 6.5;
  const distinct = new Set(token).size;
  if (distinct < 8) return token.length * Math.log2(Math.max(distinct, 1));
  return token.length * perChar;
}

export const MIN_TOKEN_BITS = 128;
