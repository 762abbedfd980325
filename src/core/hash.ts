import { createHash } from 'node:crypto';

/** SHA-256 of bytes or a string (as UTF-8), in hex: the one hash of revisions, the lock and the caches. */
export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
