import { RedlineError } from './errors.ts';
import { DATE_RANGE, inDateRange, isCalendarDate, type CalendarDate } from './dates.ts';
import type { Policy, Revision } from './revisions.ts';
import { isTranslationPath, pinWritten, translationKey, type Translation } from './translations.ts';
import type { SiteModel } from './site.ts';
import { sha256 } from './hash.ts';
import { commonEnds, correctionFault, describeFault, undoCorrection } from './corrections.ts';

/**
 * `policies/redline.lock`: the SHA-256 of every revision, so that anyone can
 * check that a published revision never changed. A plain text file, one line
 * per revision, sorted, written only by `redline lock` and `redline correct`:
 *
 *     # comments and blank lines are ignored
 *     format 2
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
 * `format 2` names the version of this format. A lock without it is format 1
 * (Redline before the line existed): the same lines, read the same way;
 * `redline lock` rewrites it as format 2, adding only that line. Every
 * correction is checked again by `check` and `build` with the rules of
 * src/core/corrections.ts: its lines must turn the text after it back into
 * the text whose hash it replaces, and that change must be a correction.
 *
 * "Published" here is decided by the real day (the clock, or
 * SOURCE_DATE_EPOCH, in the site's time zone: `today(settings)` without `--now`) as well as by the day a command
 * runs as (`--now`): a `--now` in the past never makes a published revision
 * changeable again.
 */
export const LOCK_NAME = 'redline.lock';

/** The version of the lock format this Redline writes (and the newest it reads). */
export const LOCK_FORMAT = 2;

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
  /** The format the file is written in: 1 when it has no `format` line. */
  format?: number;
  problems: RedlineError[];
  /** The lock file as users name it. */
  file: string;
  path: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const FORMAT_RE = /^format (\S+)$/;
// A revision, or a translation of one (`privacy/2025-04-01.ja.md`, src/core/translations.ts).
const ENTRY_PATH = /^[a-z0-9]+(?:-[a-z0-9]+)*\/(\d{4}-\d{2}-\d{2})(\.[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?\.md$/;
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

/** The line of the lock file each entry and correction was read from (for messages; not part of the data). */
const LINES = new WeakMap<LockEntry | Correction, number>();

/** The line of the lock file an entry or a correction was read from, if it was read from one. */
export function lockLine(x: LockEntry | Correction): number | undefined {
  return LINES.get(x);
}

/** The key of a revision in the lock: its path inside the policies folder. */
export function lockKey(r: Pick<Revision, 'policy' | 'effective'>): string {
  return `${r.policy}/${r.effective}.md`;
}

/** The hash the file must have now: the last correction's, else the recorded one. */
export function currentHash(entry: LockEntry): string {
  return entry.corrections.at(-1)?.sha256 ?? entry.sha256;
}

/** Parses a lock file; every malformed line is a problem naming its line. */
export function parseLock(text: string, file: string): { lock: Lock; problems: RedlineError[]; format: number } {
  const lock: Lock = new Map();
  let format: number | undefined;
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
    if ((m = FORMAT_RE.exec(line))) {
      if (format !== undefined || lock.size > 0) return void bad(n, 'the "format" line must come once, before the first revision line');
      format = /^[1-9]\d{0,5}$/.test(m[1]!) ? Number(m[1]) : NaN;
      if (format !== 1 && format !== 2) {
        bad(n, `is in lock format "${m[1]}", which this version of Redline does not read (it reads formats 1 and ${LOCK_FORMAT})`, format > LOCK_FORMAT ? 'a newer Redline wrote it: update Redline (npm install) and run the command again' : 'restore the last committed version of the file');
      }
      return;
    }
    if ((m = ENTRY_RE.exec(line))) {
      closeCorrection();
      entry = undefined;
      const [, path, published, hash] = m as unknown as [string, string, string, string];
      const pm = ENTRY_PATH.exec(path);
      if (!pm || !isCalendarDate(pm[1])) return void bad(n, `"${path}" is not the path of a revision`, 'each line names a revision as <policy>/<YYYY-MM-DD>.md');
      if (!isCalendarDate(published)) return void bad(n, `published "${published}" is not a calendar date`, 'write it as YYYY-MM-DD');
      if (!inDateRange(pm[1]!) || !inDateRange(published)) return void bad(n, `${path} published ${published} is outside the dates Redline handles (${DATE_RANGE})`);
      // A translation may be published after its revision takes effect.
      if (published > pm[1]! && !pm[2]) return void bad(n, `published ${published} is after the effective date of ${path}`);
      if (!HEX64.test(hash)) return void bad(n, `"${hash}" is not a SHA-256 hash`, 'a hash is 64 lower-case hexadecimal digits');
      if (lock.has(path)) return void bad(n, `records ${path} twice`, 'keep one line per revision; if a merge produced both, keep the older one and run "npm run redline -- check"');
      entry = { path, published, sha256: hash, corrections: [] };
      LINES.set(entry, n);
      lock.set(path, entry);
      return;
    }
    if ((m = CORRECTED_RE.exec(line))) {
      closeCorrection();
      if (!entry) return void bad(n, 'correction does not follow a revision line');
      const [, date, hash, was] = m as unknown as [string, string, string, string];
      if (!isCalendarDate(date)) return void bad(n, `correction date "${date}" is not a calendar date`, 'write it as YYYY-MM-DD');
      if (!inDateRange(date)) return void bad(n, `correction date ${date} is outside the dates Redline handles (${DATE_RANGE})`);
      if (!HEX64.test(hash) || !HEX64.test(was)) return void bad(n, 'correction hashes must be SHA-256 hashes', 'a hash is 64 lower-case hexadecimal digits');
      if (was !== currentHash(entry)) return void bad(n, `correction of ${entry.path} replaces ${was.slice(0, 12)}…, not the hash before it (${currentHash(entry).slice(0, 12)}…)`);
      correction = { date, sha256: hash, was, reason: '', lines: [] };
      LINES.set(correction, n);
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
  return { lock, problems, format: format === LOCK_FORMAT ? LOCK_FORMAT : 1 };
}

/** The lock as text: a header (comment lines), the format line, then one block per revision sorted by path. Same lock, same bytes. */
export function formatLock(lock: Lock, header: readonly string[] = HEADER): string {
  const out = [...header, '', `format ${LOCK_FORMAT}`];
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
export type FileState = { kind: 'file'; sha256: string } | { kind: 'folder' } | { kind: 'missing' } | { kind: 'special' };

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
    // Translations are not history: one may be added to a published revision at any time.
    if (!entry.path.startsWith(`${rev.policy}/`) || !sealed(entry.published) || isTranslationPath(entry.path)) continue;
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
  textOf: (sha256: string) => string | undefined = () => undefined,
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
  if (read.problems.length === 0 && (read.format ?? LOCK_FORMAT) < LOCK_FORMAT) {
    unrecorded.push(new RedlineError({ file: read.file, severity: 'warning', message: `is in lock format ${read.format ?? 1}`, hint: `run "npm run redline -- lock" to write it in format ${LOCK_FORMAT} (it adds the line "format ${LOCK_FORMAT}"; nothing recorded changes), and commit it` }));
  }
  const revisions = new Map(policies.flatMap((p) => p.revisions.map((r) => [lockKey(r), r] as const)));
  // A translation's day: its own `published`, or its revision's announcement if that is later (src/node/translations.ts).
  const translations = new Map(policies.flatMap((p) => (p.translations ?? []).map((t) => [translationKey(t), t] as const)));
  for (const entry of lock.values()) {
    const file = displayOf(entry.path);
    const published = sealed(entry.published);
    const at = state(entry.path);
    if (at.kind !== 'file') {
      const what = at.kind === 'folder' ? 'a folder' : 'not a regular file (a pipe, socket or device)';
      if (published) {
        broken.push(
          at.kind === 'missing'
            ? new RedlineError({ message: `${file} was published on ${entry.published} and has been deleted since; published revisions are immutable`, hint: 'restore the file from version control, and add a new revision instead.' })
            : new RedlineError({ message: `${file} was published on ${entry.published} and is now ${what}, not the file recorded in ${read.file}; published revisions are immutable`, hint: `move the ${at.kind === 'folder' ? 'folder' : 'file'} away and restore the file from version control.` }),
        );
      } else {
        unrecorded.push(
          at.kind === 'missing'
            ? new RedlineError({ file, severity: 'warning', message: `is recorded in ${read.file} but no longer exists`, hint: 'it was never announced, so run "npm run redline -- lock" to forget it' })
            : new RedlineError({ file, severity: 'warning', message: `is recorded in ${read.file} but is ${what}, not a file`, hint: `put the revision back as a file, or remove the ${at.kind === 'folder' ? 'folder' : 'file'} and run "npm run redline -- lock" to forget it (it was never announced)` }),
        );
      }
      continue;
    }
    if (at.sha256 === currentHash(entry)) {
      const rev = revisions.get(entry.path);
      if (rev && rev.published !== entry.published) {
        broken.push(new RedlineError({ file: read.file, line: lockLine(entry), message: `records ${entry.path} as announced on ${entry.published}, but the file, unchanged since, says ${rev.published}: the lock was edited by hand`, hint: 'restore the lock as last committed (git restore policies/redline.lock); an announcement date is changed in the revision, before it is announced' }));
      }
      const t = translations.get(entry.path);
      if (t && t.published !== entry.published) {
        // A translation's day follows its revision's announcement until that is published (it may move before): only a day on the record is sure.
        const problem = { file: read.file, line: lockLine(entry), message: `records ${entry.path} as published on ${entry.published}, but the file, unchanged since, is published on ${t.published} (its own "published", or its revision's announcement if later)` };
        if (sealed(entry.published) || sealed(t.published)) broken.push(new RedlineError({ ...problem, message: `${problem.message}: the lock was edited by hand`, hint: 'restore the lock as last committed (git restore policies/redline.lock); a translation\'s day is changed in its "published", before it is published' }));
        else unrecorded.push(new RedlineError({ ...problem, severity: 'warning', hint: LOCK_HINT }));
      }
      broken.push(...correctionProblems(entry, textOf(at.sha256), read.file, file));
      continue;
    }
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
    // Translations: recorded like revisions, but never an insertion into history.
    for (const t of policy.translations ?? []) {
      if (lock.has(translationKey(t)) || erroneous.has(t.file)) continue;
      unrecorded.push(
        t.published <= today
          ? new RedlineError({ file: t.file, severity: 'warning', message: `was published on ${t.published} but is not in ${read.file}`, hint: `${LOCK_HINT}; a translation added to a published revision says so with "published: <the day it is published>"` })
          : new RedlineError({ file: t.file, severity: 'warning', message: `is not in ${read.file} yet (it is published on ${t.published})`, hint: LOCK_HINT }),
      );
    }
  }
  return { broken, unrecorded };
}

/**
 * Every correction of an entry checked again, from the file's current text
 * (`text`, whose hash is the entry's current one) back to the text as
 * announced: each correction's lines turn the text after it back into the
 * text whose hash it replaces (so the lock proves what it claims without
 * git), that change is a correction by the rules of src/core/corrections.ts
 * (same title, kind and announcement date; few words changed, moves
 * counted), and it is dated on or after the announcement and after the
 * correction before it. `text` undefined: the file could not be read as a
 * revision, which is reported for the file itself.
 */
export function correctionProblems(entry: LockEntry, text: string | undefined, lockFile: string, file: string): RedlineError[] {
  if (entry.corrections.length === 0 || text === undefined) return [];
  const problems: RedlineError[] = [];
  // A revision (privacy/2025-04-01.md) or a translation (privacy/2025-04-01.ja.md).
  const effective = /(\d{4}-\d{2}-\d{2})(?:\.[A-Za-z0-9-]+)?\.md$/.exec(entry.path)?.[1] ?? '';
  const translation = isTranslationPath(entry.path);
  const hint = 'only "npm run redline -- correct" records a correction: restore the lock and the file as last committed (a change of substance is a new revision)';
  let after = text;
  for (let i = entry.corrections.length - 1; i >= 0; i--) {
    const c = entry.corrections[i]!;
    const at = { file: lockFile, line: lockLine(c) };
    const what = `the correction of ${file} dated ${c.date}`;
    const previous = entry.corrections[i - 1];
    if (c.date < entry.published) problems.push(new RedlineError({ ...at, message: `${what} is dated before the revision was announced (${entry.published})`, hint }));
    else if (previous && c.date < previous.date) problems.push(new RedlineError({ ...at, message: `${what} is dated before the correction before it (${previous.date})`, hint }));
    const before = undoCorrection(after, c.lines);
    if (before === undefined || sha256(before) !== c.was) {
      problems.push(new RedlineError({ ...at, message: `${what} does not hold the lines it changed: its "-" and "+" lines do not turn the text after it back into the text it replaces (SHA-256 ${c.was.slice(0, 12)}…)`, hint }));
      // The texts before this one cannot be rebuilt: nothing more to check.
      break;
    }
    // Counted a little past the limit, so that the message can say by how much.
    const fault = correctionFault(before, after, effective, 200);
    if (fault) problems.push(new RedlineError({ ...at, message: `${what} is more than a correction: it ${describeFault(fault)}`, hint }));
    else if (translation && pinWritten(before) !== pinWritten(after)) problems.push(new RedlineError({ ...at, message: `${what} is more than a correction: it changes which text the translation translates (translates ${pinWritten(before) ?? 'nothing'} → ${pinWritten(after) ?? 'nothing'})`, hint }));
    after = before;
  }
  return problems.reverse();
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
    // A translation is recorded with its own day; it never inserts itself into history.
    for (const t of policy.translations ?? []) {
      const key = translationKey(t);
      present.add(key);
      const entry = lock.get(key);
      if (!entry) {
        lock.set(key, { path: key, published: t.published, sha256: t.sha256, corrections: [] });
        added.push(t);
      } else if (entry.sha256 !== t.sha256 || entry.published !== t.published) {
        if (sealed(entry.published)) {
          if (currentHash(entry) === t.sha256) continue;
          throw new RedlineError({ file: t.file, message: `was published on ${entry.published}; its line in ${LOCK_NAME} is never rewritten`, hint: 'restore the file as recorded; a typo is fixed with "npm run redline -- correct"' });
        }
        lock.set(key, { path: key, published: t.published, sha256: t.sha256, corrections: [] });
        updated.push(t);
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
  const { start, endA, endB } = commonEnds(a, b);
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

/**
 * The lock a site publishes (`/redline.lock`): the lines of the revisions it
 * shows as announced, never a scheduled one, and of the translations of them
 * it publishes (by their day), each as the lock records it
 * (with its corrections), or, for one the lock does not record yet, as the
 * site publishes it. Same site, same bytes: nothing in it depends on the day
 * of the build but what is announced.
 */
export function publishedLock(model: SiteModel, recorded: (key: string) => LockEntry | undefined, site: { name: string; url: string }, translations: readonly Translation[] = []): string {
  const lock: Lock = new Map();
  // Drafts (a build with --drafts) are scheduled revisions shown for a preview: never published.
  const announced = model.policies.flatMap((p) => p.revisions.filter((r) => !r.draft && r.state !== 'scheduled').map((r) => r.revision));
  // A translation is published on its day, of a revision announced (src/core/translations.ts): never one shown only as a draft.
  const shown = new Set(announced.map(lockKey));
  const published = translations.filter((t) => t.published <= model.today && shown.has(lockKey(t)));
  for (const [key, rev] of [...announced.map((r) => [lockKey(r), r] as const), ...published.map((t) => [translationKey(t), t] as const)]) {
    const entry = recorded(key);
    lock.set(key, entry && currentHash(entry) === rev.sha256 ? { path: key, published: entry.published, sha256: entry.sha256, corrections: entry.corrections } : { path: key, published: rev.published, sha256: rev.sha256, corrections: [] });
  }
  return formatLock(lock, [
    `# The lock of ${site.name.replace(/[\r\n]+/g, ' ')}, ${site.url}:`,
    '# the SHA-256 of every revision announced on this site, as it was published,',
    '# with its corrections. A copy of the policies is checked against it with',
    `# redline verify --against ${site.url}`,
    '# (the format: Redline\'s docs/reference/content-model.md, "The lock file").',
  ]);
}

/**
 * A local lock compared with the lock a site publishes (the witness of what
 * was published): every entry there must be here, with the same announcement
 * date and the same hash as published, and every correction published there
 * must be here as it is there. Corrections recorded here since are checked by
 * verifyLock (correctionProblems). One problem per entry and fault, naming
 * the revision as `displayOf` names it.
 */
export function compareWithSite(site: Lock, local: Lock | undefined, state: (path: string) => FileState, displayOf: (path: string) => string, lockFile: string, source: string): RedlineError[] {
  const problems: RedlineError[] = [];
  const history = `version control has them (git log -p -- ${lockFile})`;
  for (const [path, there] of site) {
    const file = displayOf(path);
    const here = local?.get(path);
    if (!here) {
      const gone = state(path).kind !== 'file';
      problems.push(new RedlineError({ file, message: `was published on ${there.published} (at ${source}) and is not in ${lockFile}${gone ? '; the file is gone too' : ''}`, hint: `published revisions are never removed: restore the file and its line in the lock as ${history}` }));
      continue;
    }
    if (here.published !== there.published) {
      problems.push(new RedlineError({ file, message: `was published on ${there.published} (at ${source}), but ${lockFile} now says ${here.published}`, hint: `an announcement date never moves once it has passed: put back ${there.published} in the lock and in the file, as ${history}` }));
    }
    if (here.sha256 !== there.sha256) {
      problems.push(new RedlineError({ file, message: `was published with SHA-256 ${there.sha256.slice(0, 12)}… (at ${source}), but ${lockFile} now records ${here.sha256.slice(0, 12)}… as the text published`, hint: `the text as published never changes: restore the file and its line in the lock as ${history}, and add the change as a new revision (a typo fix is "npm run redline -- correct")` }));
      continue;
    }
    for (const [i, c] of there.corrections.entries()) {
      const mine = here.corrections[i];
      const same = mine !== undefined && mine.date === c.date && mine.sha256 === c.sha256 && mine.was === c.was && mine.reason === c.reason && JSON.stringify(mine.lines) === JSON.stringify(c.lines);
      if (!same) {
        problems.push(new RedlineError({ file, message: `its correction of ${c.date} (at ${source}) is ${mine === undefined ? 'not' : 'not the same'} in ${lockFile}`, hint: `a published correction stays on the record: restore the lock as ${history}` }));
        break;
      }
    }
  }
  return problems;
}
