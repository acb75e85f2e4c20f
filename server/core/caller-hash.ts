// The keyed hash of a caller's phone for repeat demands (shared/domain/analysis/facts.ts): HMAC-SHA256
// with HOTLINE_ANALYSIS_SECRET, 16 bytes in hex. Without the secret nobody can test a number against
// the stored hashes; the core never sees the secret.
import { createHmac } from 'node:crypto';

export function callerHash(secret: string): (normalisedPhone: string) => string {
  return (phone) => createHmac('sha256', secret).update(phone).digest('hex').slice(0, 32);
}
