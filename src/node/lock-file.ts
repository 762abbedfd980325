/**
 * The lock file on disk (`policies/redline.lock`): read, checked against the
 * revision files, and written. The rules are in src/core/lock.ts.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RedlineError } from '../core/errors.ts';
import { sha256 } from '../core/hash.ts';
import { LOCK_NAME, formatLock, parseLock, verifyLock, type FileState, type Lock, type LockRead, type Verification } from '../core/lock.ts';
import type { CalendarDate } from '../core/dates.ts';
import type { Policy } from '../core/revisions.ts';
import { displayPath, type LoadResult } from './policies.ts';
import { readRegularFile } from './files.ts';
import { MAX_REVISION_BYTES } from '../core/revisions.ts';

/** A lock larger than this is not a lock Redline wrote (a line per revision: some 100 bytes each). */
export const MAX_LOCK_BYTES = 64 * 1024 * 1024;

/** Reads `<policies>/redline.lock`, if there is one. */
export function readLock(policiesDir: string): LockRead {
  const path = join(policiesDir, LOCK_NAME);
  const file = displayPath(path);
  // Opened without blocking: a FIFO named redline.lock is refused, not waited on.
  const read = readRegularFile(path, MAX_LOCK_BYTES);
  if (read.kind === 'missing') return { lock: undefined, problems: [], file, path };
  if (read.kind !== 'file') {
    const problem =
      read.kind === 'too-large'
        ? new RedlineError({ file, message: `is ${(read.size / 1048576).toFixed(0)} MB, more than a lock Redline writes`, hint: 'restore the committed lock file' })
        : new RedlineError({ file, message: read.kind === 'folder' ? 'is a folder, not a file' : 'is not a regular file (a pipe, socket or device)', hint: `the lock is one text file, written by "npm run redline -- lock": move the ${read.kind === 'folder' ? 'folder' : 'file'} away, then restore the committed lock file (or run lock, if there was none)` });
    return { lock: undefined, problems: [problem], file, path };
  }
  const { lock, problems, format } = parseLock(read.bytes.toString('utf8'), file);
  return { lock, problems, format, file, path };
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
    const read = readRegularFile(join(policiesDir, path), MAX_REVISION_BYTES);
    if (read.kind === 'too-large') return { kind: 'file', sha256: `too large: ${read.size} bytes` };
    if (read.kind !== 'file') return { kind: read.kind };
    return { kind: 'file', sha256: sha256(read.bytes) };
  };
}

/**
 * The lock checked against the policies as loaded (src/node/policies.ts).
 * `textOf`: a revision's text by its hash, as the loader kept it (to check
 * corrections again without reading any file twice).
 */
export function verifyLoaded(loaded: LoadResult, read: LockRead, policiesDir: string, today: CalendarDate, realToday: CalendarDate, textOf?: (sha256: string) => string | undefined): Verification {
  return verifyLock(loaded.policies, read, fileStates(policiesDir, loaded.hashes), (p) => displayPath(join(policiesDir, p)), today, loaded.problems, realToday, textOf);
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
