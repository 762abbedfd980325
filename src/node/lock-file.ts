/**
 * The lock file on disk (`policies/redline.lock`): read, checked against the
 * revision files, and written. The rules are in src/core/lock.ts.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RedlineError } from '../core/errors.ts';
import { sha256 } from '../core/hash.ts';
import { LOCK_NAME, formatLock, parseLock, verifyLock, type FileState, type Lock, type LockRead, type Verification } from '../core/lock.ts';
import type { CalendarDate } from '../core/dates.ts';
import type { Policy } from '../core/revisions.ts';
import { displayPath, type LoadResult } from './policies.ts';

/** Reads `<policies>/redline.lock`, if there is one. */
export function readLock(policiesDir: string): LockRead {
  const path = join(policiesDir, LOCK_NAME);
  const file = displayPath(path);
  if (!existsSync(path)) return { lock: undefined, problems: [], file, path };
  if (!statSync(path).isFile()) {
    const problem = new RedlineError({ file, message: 'is a folder, not a file', hint: 'the lock is one text file, written by "npm run redline -- lock": move the folder away, then restore the committed lock file (or run lock, if there was none)' });
    return { lock: undefined, problems: [problem], file, path };
  }
  const { lock, problems } = parseLock(readFileSync(path, 'utf8'), file);
  return { lock, problems, file, path };
}

/**
 * What is at each path the lock names: the hash the loader computed when it
 * read the file (each revision file is read once), else what the file system
 * says (a file the loader did not read, such as one in a folder with a bad
 * name, is read here).
 */
export function fileStates(policiesDir: string, hashes: ReadonlyMap<string, string>): (path: string) => FileState {
  return (path) => {
    const known = hashes.get(path);
    if (known) return { kind: 'file', sha256: known };
    const full = join(policiesDir, path);
    if (!existsSync(full)) return { kind: 'missing' };
    if (!statSync(full).isFile()) return { kind: 'folder' };
    return { kind: 'file', sha256: sha256(readFileSync(full)) };
  };
}

/** The lock checked against the policies as loaded (src/node/policies.ts). */
export function verifyLoaded(loaded: LoadResult, read: LockRead, policiesDir: string, today: CalendarDate, realToday: CalendarDate): Verification {
  return verifyLock(loaded.policies, read, fileStates(policiesDir, loaded.hashes), (p) => displayPath(join(policiesDir, p)), today, loaded.problems, realToday);
}

/** Writes the lock to a temporary file (hidden, beside it), then renames it into place: a reader never sees half a file. */
export function writeLock(path: string, lock: Lock): void {
  const tmp = join(dirname(path), `.redline.lock.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, formatLock(lock));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export type { Policy };
