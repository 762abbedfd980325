import { RedlineError } from './errors.ts';
import { isCalendarDate, type CalendarDate } from './dates.ts';
import type { Policy, Revision } from './revisions.ts';

/**
 * `policies/redline.lock`: the SHA-256 of every revision, so that anyone can
 * check that a published revision never changed. A plain text file, one line
 * per revision, sorted, written only by `redline lock` and `redline correct`:
 *
 *     # comments and blank lines are ignored
 *     privacy/2024-04-01.md published 2024-04-01 sha256 <64 hex digits>
 *     privacy/2025-04-01.md published 2025-03-18 sha256 <64 hex digits>
 *       corrected 2025-05-02 sha256 <new hash> was <old hash>
 *       reason Fixes the misspelt word "recieve" in section 3.
 *       - 12 We will recieve your request
 *       + 12 We will receive your request
 *
 * A revision line records the file (relative to the policies folder), its
 * announcement date and the hash of its bytes. Once the announcement date has
 * come, the revision is published and the line is never rewritten. A
 * correction (a typo fixed in a published revision, see `redline correct`)
 * is an indented block under it: the day, the new hash, the hash it replaces,
 * the reason, and the lines it changed (`-` as published, `+` as corrected,
 * with their line numbers in the file).
 *
 * "Published" here is decided by the real day (the clock, or
 * SOURCE_DATE_EPOCH, in the site's time zone: `today(settings)` without `--now`) as well as by the day a command
 * runs as (`--now`): a `--now` in the past never makes a published revision
 * changeable again.
 */
export const LOCK_NAME = 'redline.lock';

export interface CorrectedLine {
  sign: '-' | '+';
  /** 1-based line in the file before (`-`) or after (`+`) the correction. */
  line: number;
  text: string;
}

export interface Correction {
  date: CalendarDate;
  sha256: string;
  was: string;
  reason: string;
  lines: CorrectedLine[];
}

export interface LockEntry {
  /** `privacy/2024-04-01.md`: the revision's path inside the policies folder. */
  path: string;
  published: CalendarDate;
  /** The hash recorded when the revision was locked. */
  sha256: string;
  /** Corrections, oldest first; the last one's hash is the file's current hash. */
  corrections: Correction[];
}

export type Lock = Map<string, LockEntry>;

export interface LockRead {
  /** Undefined when the file does not exist. */
  lock: Lock | undefined;
  problems: RedlineError[];
  /** The lock file as users name it. */
  file: string;
  path: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ENTRY_PATH = /^[a-z0-9]+(?:-[a-z0-9]+)*\/(\d{4}-\d{2}-\d{2})\.md$/;
const ENTRY_RE = /^(\S+) published (\S+) sha256 (\S+)$/;
const CORRECTED_RE = /^ {2}corrected (\S+) sha256 (\S+) was (\S+)$/;
const REASON_RE = /^ {2}reason (.*)$/;
const LINE_RE = /^ {2}([-+]) (\d+)(?: (.*))?$/;

const HEADER = [
  '# Redline lock file: the SHA-256 of every revision, so that anyone can check',
  '# that a published revision never changed. Written by `npm run redline -- lock`',
  '# and `npm run redline -- correct`; commit it with the revisions. Never edit it',
  '# by hand. Format: docs/reference/content-model.md, "The lock file".',
];

/** The key of a revision in the lock: its path inside the policies folder. */
export function lockKey(r: Pick<Revision, 'policy' | 'effective'>): string {
  return `${r.policy}/${r.effective}.md`;
}

/** The hash the file must have now: the last correction's, else the recorded one. */
export function currentHash(entry: LockEntry): string {
  return entry.corrections.at(-1)?.sha256 ?? entry.sha256;
}

/** Parses a lock file; every malformed line is a problem naming its line. */
export function parseLock(text: string, file: string): { lock: Lock; problems: RedlineError[] } {
  const lock: Lock = new Map();
  const problems: RedlineError[] = [];
  if (text.startsWith('\uFEFF')) {
    problems.push(new RedlineError({ file, line: 1, message: 'starts with a byte-order mark', hint: 'an editor added it: save the file as UTF-8 without a byte-order mark (or restore the last committed version)' }));
    text = text.slice(1);
  }
  const bad = (line: number, message: string, hint = 'the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again') =>
    problems.push(new RedlineError({ file, line, message, hint }));
  let entry: LockEntry | undefined;
  let correction: Correction | undefined;
  let correctionLine = 0;
  const closeCorrection = () => {
    if (correction && correction.reason === '') bad(correctionLine, 'correction has no reason', 'add a line "  reason ..." under it saying why the text was corrected');
    correction = undefined;
  };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    if (/^(<{7}|={7}|>{7})/.test(line)) {
      bad(n, 'has a merge conflict', 'keep the lines of both sides (one per revision), delete the conflict markers, then run "npm run redline -- check"');
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = ENTRY_RE.exec(line))) {
      closeCorrection();
      entry = undefined;
      const [, path, published, hash] = m as unknown as [string, string, string, string];
      const pm = ENTRY_PATH.exec(path);
      if (!pm || !isCalendarDate(pm[1])) return void bad(n, `"${path}" is not the path of a revision`, 'each line names a revision as <policy>/<YYYY-MM-DD>.md');
      if (!isCalendarDate(published)) return void bad(n, `published "${published}" is not a calendar date`, 'write it as YYYY-MM-DD');
      if (published > pm[1]!) return void bad(n, `published ${published} is after the effective date of ${path}`);
      if (!HEX64.test(hash)) return void bad(n, `"${hash}" is not a SHA-256 hash`, 'a hash is 64 lower-case hexadecimal digits');
      if (lock.has(path)) return void bad(n, `records ${path} twice`, 'keep one line per revision; if a merge produced both, keep the older one and run "npm run redline -- check"');
      entry = { path, published, sha256: hash, corrections: [] };
      lock.set(path, entry);
      return;
    }
    if ((m = CORRECTED_RE.exec(line))) {
      closeCorrection();
      if (!entry) return void bad(n, 'correction does not follow a revision line');
      const [, date, hash, was] = m as unknown as [string, string, string, string];
      if (!isCalendarDate(date)) return void bad(n, `correction date "${date}" is not a calendar date`, 'write it as YYYY-MM-DD');
      if (!HEX64.test(hash) || !HEX64.test(was)) return void bad(n, 'correction hashes must be SHA-256 hashes', 'a hash is 64 lower-case hexadecimal digits');
      if (was !== currentHash(entry)) return void bad(n, `correction of ${entry.path} replaces ${was.slice(0, 12)}…, not the hash before it (${currentHash(entry).slice(0, 12)}…)`);
      correction = { date, sha256: hash, was, reason: '', lines: [] };
      correctionLine = n;
      entry.corrections.push(correction);
      return;
    }
    if ((m = REASON_RE.exec(line))) {
      if (!correction) return void bad(n, 'reason does not follow a correction line');
      if (correction.reason !== '') return void bad(n, 'correction has two reasons', 'write the reason on one line');
      correction.reason = m[1]!.trim();
      return;
    }
    if ((m = LINE_RE.exec(line))) {
      if (!correction) return void bad(n, 'corrected line does not follow a correction');
      correction.lines.push({ sign: m[1] as '-' | '+', line: Number(m[2]), text: m[3] ?? '' });
      return;
    }
    bad(n, `line is not understood: "${line.length > 40 ? line.slice(0, 40) + '…' : line}"`);
  });
  closeCorrection();
  return { lock, problems };
}

/** The lock as text: a header, then one block per revision sorted by path. Same lock, same bytes. */
export function formatLock(lock: Lock): string {
  const out = [...HEADER, ''];
  for (const key of [...lock.keys()].sort()) {
    const e = lock.get(key)!;
    out.push(`${e.path} published ${e.published} sha256 ${e.sha256}`);
    for (const c of e.corrections) {
      out.push(`  corrected ${c.date} sha256 ${c.sha256} was ${c.was}`, `  reason ${c.reason}`);
      for (const l of c.lines) out.push(`  ${l.sign} ${l.line}${l.text === '' ? '' : ` ${l.text}`}`);
    }
  }
  return out.join('\n') + '\n';
}

/** What is at a path the lock names, inside the policies folder. */
export type FileState = { kind: 'file'; sha256: string } | { kind: 'folder' } | { kind: 'missing' };

export interface Verification {
  /** A published revision changed or vanished, or the lock is unreadable: `build` and `check` fail. */
  broken: RedlineError[];
  /** Something the lock does not record yet: a warning (`check --strict` fails on it, for pull requests). */
  unrecorded: RedlineError[];
}

const LOCK_HINT = 'run "npm run redline -- lock" and commit the lock with the revision';

/** Whether a revision announced on a day is published: by the day a command runs as, or by the real day. */
function sealedBy(today: CalendarDate, realToday: CalendarDate): (published: CalendarDate) => boolean {
  return (published) => published <= today || published <= realToday;
}

/**
 * The revision a new one would insert itself before: the latest revision of
 * the same policy that the lock records as published (as of `sealed`), if the
 * new revision takes effect on or before it. Published history only grows at
 * its end: a revision that was never announced may not claim a place in it.
 */
export function insertedBefore(rev: Pick<Revision, 'policy' | 'effective'>, lock: Lock, sealed: (published: CalendarDate) => boolean): LockEntry | undefined {
  let latest: LockEntry | undefined;
  for (const entry of lock.values()) {
    if (!entry.path.startsWith(`${rev.policy}/`) || !sealed(entry.published)) continue;
    if (!latest || entry.path > latest.path) latest = entry;
  }
  return latest && `${rev.policy}/${rev.effective}.md` <= latest.path ? latest : undefined;
}

function insertionProblem(rev: Revision, before: LockEntry, file: string): RedlineError {
  const effective = before.path.slice(before.path.indexOf('/') + 1, -'.md'.length);
  return new RedlineError({
    file: rev.file,
    message: `is not in ${file} and takes effect on ${rev.effective}, on or before ${rev.policy}/${effective}.md (published ${before.published}): it would insert itself into history that is already published`,
    hint: `published history is never rewritten: remove this file, and add the change as a new revision announced today or later (npm run redline -- new ${rev.policy}); a correction of a published text is "npm run redline -- correct"`,
  });
}

/**
 * Compares the files with the lock as of `today`. A revision whose
 * announcement date (as recorded) has come — by `today` or by the real day,
 * `realToday` — is immutable: if its bytes differ from the recorded hash, or
 * its file is gone, the lock is broken. A revision not yet announced may
 * still change: the lock just needs recording again. A revision missing from
 * the lock that takes effect on or before a published one is broken too: it
 * would rewrite published history. `problems` are the loader's: a revision
 * with an error is not reported as missing from the lock.
 */
export function verifyLock(
  policies: readonly Policy[],
  read: LockRead,
  state: (path: string) => FileState,
  displayOf: (path: string) => string,
  today: CalendarDate,
  problems: readonly RedlineError[],
  realToday: CalendarDate,
): Verification {
  // A revision with an error is reported for it, not also as missing from the lock.
  const erroneous = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
  const broken: RedlineError[] = [...read.problems];
  const unrecorded: RedlineError[] = [];
  const lock = read.lock;
  const sealed = sealedBy(today, realToday);
  if (!lock) {
    if (read.problems.length === 0 && policies.some((p) => p.revisions.length > 0)) {
      unrecorded.push(new RedlineError({ file: read.file, severity: 'warning', message: 'not found', hint: 'run "npm run redline -- lock" to record the SHA-256 of every revision, and commit it' }));
    }
    return { broken, unrecorded };
  }
  for (const entry of lock.values()) {
    const file = displayOf(entry.path);
    const published = sealed(entry.published);
    const at = state(entry.path);
    const folder = at.kind === 'folder';
    if (at.kind !== 'file') {
      if (published) {
        broken.push(
          folder
            ? new RedlineError({ message: `${file} was published on ${entry.published} and is now a folder, not the file recorded in ${read.file}; published revisions are immutable`, hint: 'move the folder away and restore the file from version control.' })
            : new RedlineError({ message: `${file} was published on ${entry.published} and has been deleted since; published revisions are immutable`, hint: 'restore the file from version control, and add a new revision instead.' }),
        );
      } else {
        unrecorded.push(
          folder
            ? new RedlineError({ file, severity: 'warning', message: `is recorded in ${read.file} but is a folder, not a file`, hint: 'put the revision back as a file, or remove the folder and run "npm run redline -- lock" to forget it (it was never announced)' })
            : new RedlineError({ file, severity: 'warning', message: `is recorded in ${read.file} but no longer exists`, hint: 'it was never announced, so run "npm run redline -- lock" to forget it' }),
        );
      }
      continue;
    }
    if (at.sha256 === currentHash(entry)) continue;
    if (published) {
      // Recorded on its announcement day, today: perhaps by mistake, before the text was final.
      const today_ = entry.published === today || entry.published === realToday;
      const hint = today_
        ? `it is announced today: if this version is not public yet, take its recording back with "git restore ${read.file}" (or revert the commit that recorded it), edit, and run "npm run redline -- lock" again; once it is public, add a new revision instead.`
        : 'add a new revision instead.';
      broken.push(new RedlineError({ message: `${file} was published on ${entry.published} and has changed since; published revisions are immutable`, hint }));
    } else {
      unrecorded.push(new RedlineError({ file, severity: 'warning', message: `has changed since it was recorded in ${read.file}`, hint: `it is not announced until ${entry.published}, so it may still change: ${LOCK_HINT}` }));
    }
  }
  for (const policy of policies) {
    for (const rev of policy.revisions) {
      if (lock.has(lockKey(rev)) || erroneous.has(rev.file)) continue;
      const before = insertedBefore(rev, lock, sealed);
      if (before) {
        broken.push(insertionProblem(rev, before, read.file));
        continue;
      }
      unrecorded.push(
        rev.published < today
          ? new RedlineError({ file: rev.file, severity: 'warning', message: `was published on ${rev.published} but is not in ${read.file}`, hint: LOCK_HINT })
          : rev.published === today
            ? new RedlineError({ file: rev.file, severity: 'warning', message: `is not in ${read.file} yet (it is announced today, ${rev.published})`, hint: `once its text is final, ${LOCK_HINT}` })
            : new RedlineError({ file: rev.file, severity: 'warning', message: `is not in ${read.file} yet (it is announced on ${rev.published})`, hint: LOCK_HINT }),
      );
    }
  }
  return { broken, unrecorded };
}

export interface Recorded {
  lock: Lock;
  /** Revisions recorded for the first time. */
  added: Revision[];
  /** Revisions not yet announced whose new text replaced the recorded one. */
  updated: Revision[];
  /** Entries of revisions that were never announced and are gone. */
  forgotten: string[];
}

/**
 * Records every revision in the lock as of `today`: new revisions are added,
 * and revisions not yet announced (as recorded, by `today` and by the real
 * day `realToday`) are recorded again if they changed or are gone. A
 * published revision's line is never rewritten, whatever `today` says, and a
 * revision that would insert itself into published history is refused. Call
 * this only when verifyLock found nothing broken; it throws if it finds
 * either (a safety net).
 */
export function recordRevisions(previous: Lock | undefined, policies: readonly Policy[], state: (path: string) => FileState, today: CalendarDate, realToday: CalendarDate): Recorded {
  const lock: Lock = new Map(previous ?? []);
  const added: Revision[] = [];
  const updated: Revision[] = [];
  const forgotten: string[] = [];
  const present = new Set<string>();
  const sealed = sealedBy(today, realToday);
  for (const policy of policies) {
    for (const rev of policy.revisions) {
      const key = lockKey(rev);
      present.add(key);
      const entry = lock.get(key);
      if (!entry) {
        const before = previous ? insertedBefore(rev, previous, sealed) : undefined;
        if (before) throw insertionProblem(rev, before, LOCK_NAME);
        lock.set(key, { path: key, published: rev.published, sha256: rev.sha256, corrections: [] });
        added.push(rev);
      } else if (entry.sha256 !== rev.sha256 || entry.published !== rev.published) {
        if (sealed(entry.published)) {
          if (currentHash(entry) === rev.sha256) continue; // corrected on the record
          throw new RedlineError({ file: rev.file, message: `was published on ${entry.published}; its line in ${LOCK_NAME} is never rewritten`, hint: 'restore the file as recorded, and add a new revision instead.' });
        }
        lock.set(key, { path: key, published: rev.published, sha256: rev.sha256, corrections: [] });
        updated.push(rev);
      }
    }
  }
  for (const [key, entry] of lock) {
    if (!present.has(key) && !sealed(entry.published) && state(key).kind !== 'file') {
      lock.delete(key);
      forgotten.push(key);
    }
  }
  return { lock, added, updated, forgotten };
}

/**
 * The lines a correction changed, from the text as published to the corrected
 * text: a line diff (longest common subsequence) of the part between the
 * common beginning and end. Corrections are small; a very large one is
 * recorded as one replaced block.
 */
export function correctedLines(before: string, after: string): CorrectedLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const out: CorrectedLine[] = [];
  if (x.length * y.length > 4_000_000) {
    x.forEach((text, i) => out.push({ sign: '-', line: start + i + 1, text }));
    y.forEach((text, j) => out.push({ sign: '+', line: start + j + 1, text }));
    return out;
  }
  // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..].
  const lcs: Uint32Array[] = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  const removed: CorrectedLine[] = [];
  const inserted: CorrectedLine[] = [];
  const flush = () => {
    out.push(...removed.splice(0), ...inserted.splice(0));
  };
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      flush();
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      inserted.push({ sign: '+', line: start + j + 1, text: y[j]! });
      j++;
    } else {
      removed.push({ sign: '-', line: start + i + 1, text: x[i]! });
      i++;
    }
  }
  flush();
  return out;
}

/** Problems in reading order: by file (named in the message when a problem has no file field), then line. */
export function sortProblems(problems: readonly RedlineError[]): RedlineError[] {
  const where = (p: RedlineError) => p.file ?? /^(\S+)/.exec(p.message)?.[1] ?? '';
  return [...problems].sort((a, b) => where(a).localeCompare(where(b), 'en') || (a.line ?? 0) - (b.line ?? 0));
}
