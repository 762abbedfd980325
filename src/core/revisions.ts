import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { RedlineError } from './errors.ts';
import { isCalendarDate, type CalendarDate } from './dates.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { lintBody } from './markdown/lint.ts';

export type ChangeKind = 'material' | 'editorial';

/** One dated revision of a policy, as written by its authors. */
export interface Revision {
  /** The policy's id: its folder name, such as `privacy`. */
  policy: string;
  /** The effective date: the file name, a calendar date in the site's time zone. */
  effective: CalendarDate;
  /** The announcement date; defaults to the effective date, never after it. */
  published: CalendarDate;
  title: string;
  /** What changed and why; absent only on a policy's first revision. */
  summary: string | undefined;
  change: ChangeKind;
  /** The Markdown body after the front matter, byte for byte. */
  body: string;
  /** 1-based line on which the body starts in the file. */
  bodyLine: number;
  /** The whole file, byte for byte (UTF-8). */
  raw: string;
  /** SHA-256 of the file's bytes, in hex. */
  sha256: string;
  /** The file as users name it (relative to the working directory). */
  file: string;
  /** Absolute path. */
  path: string;
}

export interface Policy {
  id: string;
  /** Oldest first. */
  revisions: Revision[];
}

export interface LoadResult {
  policies: Policy[];
  /** Every problem found, errors and warnings, in file order. */
  problems: RedlineError[];
}

/** Revisions larger than this are refused: a policy is not a data dump. */
export const MAX_REVISION_BYTES = 2 * 1024 * 1024;

export const FRONT_MATTER_KEYS = ['title', 'summary', 'published', 'change'] as const;

/** Names a policy folder may not take, because the site uses them. */
export const RESERVED_POLICY_IDS = new Set(['subscribe', 'search', 'feed', 'assets', '_astro', 'pagefind', '404', 'index', 'sitemap', 'rss', 'atom', 'compare', 'history', 'changes']);

/**
 * What `redline new` writes where the author still has to write: `check` and
 * `build` refuse a summary that starts with "TODO" and a line of text that
 * starts with "TODO:", so a scaffold cannot be published by accident.
 */
export const SUMMARY_PLACEHOLDER = 'TODO: say what changed and why, in plain words';
export const BODY_PLACEHOLDER = 'TODO: write the policy.';
const PLACEHOLDER_LINE = /^[ \t>*+-]*(?:\d+\.[ \t]+)?#*[ \t]*TODO:/m;

const YAML11_TIMESTAMP = /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::?\d\d)?))?)?$/;
export const POLICY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REVISION_NAME = /^(\d{4}-\d{2}-\d{2})\.md$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = relative(cwd, p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

/**
 * Reads `policies/<policy>/<YYYY-MM-DD>.md`, validates every file, and returns
 * the policies (revisions sorted by effective date, oldest first) together
 * with every problem found. Nothing is thrown for bad content: callers decide.
 */
export function loadPolicies(dir: string): LoadResult {
  const problems: RedlineError[] = [];
  const shown = displayPath(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RedlineError({ file: shown, message: 'policies folder not found', hint: 'create it, or point to it with --policies DIR' });
  }
  const policies: Policy[] = [];
  for (const name of readdirSync(dir).sort()) {
    // The lock is read (and a lock that is not a file reported) by src/lib/lock.ts.
    if (name.startsWith('.') || name === 'redline.lock') continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (!st.isDirectory()) {
      if (/^readme(\.md)?$/i.test(name)) continue;
      problems.push(new RedlineError({ file: displayPath(full), message: 'is not a policy folder', hint: 'keep each policy in its own folder: policies/<policy>/<YYYY-MM-DD>.md' }));
      continue;
    }
    if (!POLICY_ID.test(name)) {
      problems.push(new RedlineError({ file: displayPath(full), message: `"${name}" is not a valid policy name`, hint: 'use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"' }));
      continue;
    }
    if (RESERVED_POLICY_IDS.has(name)) {
      problems.push(new RedlineError({ file: displayPath(full), message: `"${name}" is reserved for the site's own pages`, hint: 'rename the folder, for example to "' + name + '-policy"' }));
      continue;
    }
    const policy = loadPolicy(full, name, problems);
    if (policy) policies.push(policy);
  }
  problems.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '', 'en') || (a.line ?? 0) - (b.line ?? 0));
  return { policies, problems };
}

function loadPolicy(folder: string, id: string, problems: RedlineError[]): Policy | undefined {
  const revisions: Revision[] = [];
  const byDate = new Map<string, string>();
  const names = readdirSync(folder).sort();
  // Properly named revisions, so that "2024-05-01 copy.md" beside "2024-05-01.md" reads as a second revision for that date.
  const proper = new Map(names.filter((n) => REVISION_NAME.test(n)).map((n) => [n.slice(0, 10), displayPath(join(folder, n))]));
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = join(folder, name);
    const file = displayPath(full);
    if (statSync(full).isDirectory()) {
      problems.push(new RedlineError({ file, message: 'is a folder inside a policy', hint: 'a policy folder holds only its revisions, named YYYY-MM-DD.md' }));
      continue;
    }
    const lead = /^(\d{4}-\d{2}-\d{2})/.exec(name)?.[1];
    const other = lead !== undefined && !REVISION_NAME.test(name) ? proper.get(lead) : undefined;
    if (other) {
      problems.push(new RedlineError({ file, message: `is a second revision for ${lead} (the other is ${other})`, hint: 'keep one revision per effective date: merge the two, or rename this one after the day it takes effect' }));
      continue;
    }
    const date = revisionDate(name, file, problems);
    if (!date) continue;
    const twin = byDate.get(date);
    if (twin) {
      problems.push(new RedlineError({ file, message: `is a second revision for ${date} (the other is ${twin})`, hint: 'keep one revision per effective date' }));
      continue;
    }
    byDate.set(date, file);
    const rev = readRevision(full, file, id, date, problems);
    if (rev) revisions.push(rev);
  }
  if (revisions.length === 0 && byDate.size === 0) {
    problems.push(new RedlineError({ file: displayPath(folder), message: 'has no revisions', hint: `add one with: npm run redline -- new ${id} --title "..."` }));
    return undefined;
  }
  revisions.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0));
  const first = revisions[0];
  revisions.forEach((rev, i) => {
    if (rev !== first && !rev.summary && !problems.some((p) => p.file === rev.file)) {
      problems.push(new RedlineError({ file: rev.file, line: 1, message: 'has no summary', hint: 'add "summary: ..." to the front matter saying what changed and why, in plain words' }));
    }
    const prev = revisions[i - 1];
    if (prev && prev.body === rev.body && prev.title === rev.title) {
      problems.push(new RedlineError({ file: rev.file, line: rev.bodyLine, severity: 'warning', message: `has the same title and text as ${prev.file}`, hint: 'write the change into the text, or delete this revision' }));
    }
  });
  return { id, revisions };
}

/** The effective date a file name stands for, or undefined after recording why it is not a revision. */
function revisionDate(name: string, file: string, problems: RedlineError[]): string | undefined {
  if (/[^\x20-\x7e]/.test(name)) {
    problems.push(new RedlineError({ file, message: 'has a file name with non-ASCII characters', hint: 'name each revision after its effective date, such as 2024-04-01.md' }));
    return undefined;
  }
  const m = REVISION_NAME.exec(name);
  if (!m) {
    const stem = /^(\d{4}-\d{2}-\d{2})\.([^.]+)$/.exec(name);
    if (stem && isCalendarDate(stem[1])) {
      problems.push(new RedlineError({ file, message: `has the extension ".${stem[2]}"`, hint: `revisions are Markdown files: rename it to ${stem[1]}.md` }));
    } else {
      problems.push(new RedlineError({ file, message: 'is not named after a date', hint: 'name each revision after its effective date, such as 2024-04-01.md' }));
    }
    return undefined;
  }
  if (!isCalendarDate(m[1])) {
    problems.push(new RedlineError({ file, message: `"${m[1]}" is not a real calendar date`, hint: 'check the month and day; the file name is the effective date, YYYY-MM-DD' }));
    return undefined;
  }
  return m[1];
}

function readRevision(path: string, file: string, policy: string, effective: string, problems: RedlineError[]): Revision | undefined {
  const size = statSync(path).size;
  if (size > MAX_REVISION_BYTES) {
    problems.push(new RedlineError({ file, message: `is ${(size / 1048576).toFixed(1)} MB, more than the ${MAX_REVISION_BYTES / 1048576} MB a revision may hold`, hint: 'check that this is the policy text; split very long policies into several policies' }));
    return undefined;
  }
  const bytes = readFileSync(path);
  const fail = (message: string, hint: string, line?: number) => {
    problems.push(new RedlineError({ file, line, message, hint }));
    return undefined;
  };
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return fail('is empty', 'write the front matter (title, summary) and the policy text, or delete the file');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return fail('starts with a byte-order mark', 'save the file as UTF-8 without a BOM', 1);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail('is not valid UTF-8 text', 'save the file with UTF-8 encoding');
  }
  const cr = text.indexOf('\r');
  if (cr >= 0) return fail('has Windows (CRLF) line endings', 'save the file with Unix (LF) line endings; .gitattributes keeps them so', lineAt(text, cr));
  const nul = text.indexOf('\0');
  if (nul >= 0) return fail('contains a NUL character', 'this looks like a binary file; save the policy as plain UTF-8 text', lineAt(text, nul));
  let split;
  try {
    split = splitFrontMatter(text, file);
  } catch (e) {
    if (e instanceof RedlineError) {
      problems.push(e);
      return undefined;
    }
    throw e;
  }
  const { data, keyLines, body, bodyLine } = split;
  const before = problems.length;
  for (const key of Object.keys(data)) {
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      fail(`unknown front matter field "${key}"`, `use only ${FRONT_MATTER_KEYS.join(', ')}`, keyLines[key]);
    }
  }
  // YAML 1.1 readers (Astro's among them) turn an unquoted 2024-01-01 into a date: ask for quotes.
  const fileLines = text.split('\n');
  for (const key of ['title', 'summary'] as const) {
    const v = data[key];
    const at = keyLines[key];
    if (typeof v === 'string' && at && YAML11_TIMESTAMP.test(v.trim()) && !/^[^:]+:\s*["']/.test(fileLines[at - 1] ?? '')) {
      fail(`${key} "${v.trim()}" would be read as a date`, `put it in quotes: ${key}: "${v.trim()}"`, at);
    }
  }
  const title = data.title;
  if (title === undefined || title === null) fail('has no title', 'add "title: ..." to the front matter', 2);
  else if (typeof title !== 'string' || title.trim() === '') fail('title must be text', 'write the title after "title: ", in quotes if it contains a colon', keyLines.title);
  const summary = data.summary;
  if (summary !== undefined && summary !== null && (typeof summary !== 'string' || summary.trim() === '')) {
    fail('summary must be text', 'write what changed and why after "summary: "', keyLines.summary);
  } else if (typeof summary === 'string' && /^TODO\b/.test(summary.trim())) {
    fail('summary is still a placeholder', 'replace it with what changed and why, in plain words', keyLines.summary);
  }
  let published = effective;
  if (data.published !== undefined) {
    const p = data.published;
    if (typeof p !== 'string' || !isCalendarDate(p)) {
      fail(`published "${String(p)}" is not a calendar date`, 'write the announcement date as YYYY-MM-DD', keyLines.published);
    } else if (p > effective) {
      fail(`published ${p} is after the effective date ${effective}`, 'a revision is announced on or before the day it takes effect; change "published" or rename the file', keyLines.published);
    } else {
      published = p;
    }
  }
  const change = data.change ?? 'material';
  if (change !== 'material' && change !== 'editorial') {
    fail(`change "${String(change)}" is neither "material" nor "editorial"`, 'write "change: material" (the default) or "change: editorial"', keyLines.change);
  }
  if (body.trim() === '') fail('has no policy text after the front matter', 'write the policy below the closing "---" line', bodyLine);
  const todo = PLACEHOLDER_LINE.exec(body);
  if (todo) fail('the text still holds a "TODO:" placeholder', 'write the text it stands for, or delete the line', bodyLine + lineAt(body, todo.index) - 1);
  try {
    problems.push(...lintBody(body, file, bodyLine));
  } catch (e) {
    // The Markdown parser recurses: thousands of nested quotes or lists exhaust the stack. Anything else is a bug.
    if (!(e instanceof RangeError && /call stack/i.test(e.message))) throw e;
    fail('is nested too deeply to read as Markdown', 'a policy needs a few levels of quotes and lists, not thousands: simplify the nesting', bodyLine);
  }
  if (problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  return withTextOnDemand(
    {
      policy,
      effective,
      published,
      title: (title as string).trim(),
      summary: typeof summary === 'string' ? summary.trim() : undefined,
      change: change as ChangeKind,
      bodyLine,
      sha256: sha256(bytes),
      file,
      path,
    },
    text.length - body.length,
  );
}

/**
 * Gives a revision its `raw` text and `body`, read from its file each time
 * they are asked for rather than held: 10,000 revisions of 3,000 words are
 * some 450 MB of text that would otherwise stay in memory for the whole
 * build (bench/, README "Performance"). `bodyStart` is where the body begins
 * in the text, in UTF-16 code units. Revision files never change during a
 * build (published revisions are immutable).
 */
export function withTextOnDemand(rev: Omit<Revision, 'raw' | 'body'>, bodyStart: number): Revision {
  const read = () => readFileSync(rev.path, 'utf8');
  return Object.defineProperties(rev as Revision, {
    raw: { enumerable: true, get: read },
    body: { enumerable: true, get: () => read().slice(bodyStart) },
  });
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
