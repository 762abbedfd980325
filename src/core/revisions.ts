/**
 * What a revision is, and every rule on one file: its name, its bytes, its
 * front matter and its Markdown. Pure: the node layer (src/node/policies.ts)
 * reads the files, once each, and hands them here.
 */
import { RedlineError } from './errors.ts';
import { dateRangeHint, impossibleDate, inDateRange, isCalendarDate, type CalendarDate } from './dates.ts';
import { closest } from './suggest.ts';
import { splitFrontMatter } from './frontmatter.ts';
import type { Analysis } from './markdown/analyze.ts';
import { sha256 } from './hash.ts';

export { sha256 };

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
  /** 1-based line on which the body starts in the file. */
  bodyLine: number;
  /** Where the body (the Markdown after the front matter) starts in the file's text, in UTF-16 code units. */
  bodyStart: number;
  /** SHA-256 of the file's bytes, in hex. */
  sha256: string;
  /** The key of the body's analysis: the same body (and pipeline), the same key (src/node/artifacts.ts). */
  analysis: string;
  /** The digest of what a reader sees of the body (Analysis.visible). */
  visible: string;
  /** The file as users name it (relative to the working directory). */
  file: string;
  /** Absolute path. */
  path: string;
}

export interface Policy {
  id: string;
  /** Oldest first. */
  revisions: Revision[];
  /** Its translations into other languages (src/core/translations.ts), by revision then language. */
  translations?: import('./translations.ts').Translation[];
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
export const RESERVED_POLICY_IDS = new Set(['subscribe', 'search', 'feed', 'assets', '_astro', 'pagefind', '404', 'index', 'sitemap', 'rss', 'atom', 'compare', 'history', 'changes', 'schemas']);

/**
 * What `redline new` writes where the author still has to write: `check` and
 * `build` refuse a summary that starts with "TODO" and a line of text that
 * starts with "TODO:", so a scaffold cannot be published by accident.
 */
export const SUMMARY_PLACEHOLDER = 'TODO: say what changed and why, in plain words';
export const BODY_PLACEHOLDER = 'TODO: write the policy.';

const YAML11_TIMESTAMP = /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::?\d\d)?))?)?$/;
export const POLICY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REVISION_NAME = /^(\d{4}-\d{2}-\d{2})\.md$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

/** A revision's body analysed once (src/core/markdown/analyze.ts): the key its analysis is kept under, and its lint problems. */
export type Analyze = (body: string) => { key: string; problems: Analysis['problems']; visible: string };

/**
 * The rules across one policy's revisions, once each file is read: a policy
 * with no revision, a summary missing after the first, a revision that
 * repeats the one before it. `revisions` are sorted here, oldest first.
 */
export function checkPolicy(id: string, folder: string, revisions: Revision[], dated: number, problems: RedlineError[]): Policy | undefined {
  if (revisions.length === 0 && dated === 0) {
    problems.push(new RedlineError({ file: folder, message: 'has no revisions', hint: `add one with: npm run redline -- new ${id} --title "..."` }));
    return undefined;
  }
  revisions.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0));
  const first = revisions[0];
  revisions.forEach((rev, i) => {
    if (rev !== first && !rev.summary && !problems.some((p) => p.file === rev.file)) {
      problems.push(new RedlineError({ file: rev.file, line: 1, message: 'has no summary', hint: 'add "summary: ..." to the front matter saying what changed and why, in plain words' }));
    }
    const prev = revisions[i - 1];
    if (prev && prev.analysis === rev.analysis && prev.title === rev.title) {
      problems.push(new RedlineError({ file: rev.file, line: rev.bodyLine, severity: 'warning', message: `has the same title and text as ${prev.file}`, hint: 'write the change into the text, or delete this revision' }));
    } else if (prev && rev.change === 'material' && prev.visible === rev.visible && prev.title === rev.title) {
      // Apps ask their users to accept a material change again: one that shows nothing would ask them for nothing.
      problems.push(
        new RedlineError({
          file: rev.file,
          line: rev.bodyLine,
          severity: 'warning',
          message: `is marked material but a reader sees no change from ${prev.file}: only the Markdown source differs (an HTML comment, spacing, a link definition)`,
          hint: 'write the change into the text, or mark it "change: editorial" so that apps do not ask users to accept it again',
        }),
      );
    }
  });
  return { id, revisions };
}

/** A policy folder's name is the policy's id: the problem with it, if any. */
export function policyIdProblem(name: string, file: string): RedlineError | undefined {
  if (!POLICY_ID.test(name)) {
    return new RedlineError({ file, message: `"${name}" is not a valid policy name`, hint: 'use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"' });
  }
  if (RESERVED_POLICY_IDS.has(name)) {
    return new RedlineError({ file, message: `"${name}" is reserved for the site's own pages`, hint: 'rename the folder, for example to "' + name + '-policy"' });
  }
  return undefined;
}

/**
 * The effective dates the files of a policy folder stand for, in order: each
 * name is checked, and a second revision for a date is a problem.
 * "2024-05-01 copy.md" beside "2024-05-01.md" reads as a second revision for that date.
 */
export function datedNames(names: readonly string[], displayOf: (name: string) => string, problems: RedlineError[]): Array<{ name: string; date: CalendarDate }> {
  const out: Array<{ name: string; date: CalendarDate }> = [];
  const byDate = new Map<string, string>();
  const proper = new Map(names.filter((n) => REVISION_NAME.test(n)).map((n) => [n.slice(0, 10), displayOf(n)]));
  for (const name of names) {
    const file = displayOf(name);
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
    out.push({ name, date });
  }
  return out;
}

/** The effective date a file name stands for, or undefined after recording why it is not a revision. */
export function revisionDate(name: string, file: string, problems: RedlineError[]): string | undefined {
  if (/[^\x20-\x7e]/.test(name)) {
    problems.push(new RedlineError({ file, message: 'has a file name with non-ASCII characters', hint: 'name each revision after its effective date, such as 2024-04-01.md' }));
    return undefined;
  }
  const m = REVISION_NAME.exec(name);
  // A date, then no extension or another one: the date is what matters first, then the extension.
  const stem = /^(\d{4}-\d{2}-\d{2})(\.[^/]+)?$/.exec(name);
  const date = m?.[1] ?? stem?.[1];
  if (!date) {
    problems.push(new RedlineError({ file, message: 'is not named after a date', hint: 'name each revision after its effective date, written YYYY-MM-DD, such as 2024-04-01.md' }));
    return undefined;
  }
  if (!isCalendarDate(date)) {
    problems.push(new RedlineError({ file, message: `"${date}" is not a real calendar date: ${impossibleDate(date) ?? 'check the month and day'}`, hint: 'the file name is the effective date, YYYY-MM-DD: check the month and day' }));
    return undefined;
  }
  if (!m) {
    const ext = stem![2];
    problems.push(
      new RedlineError({
        file,
        message: ext === undefined ? 'has no extension' : `has the extension "${ext}"`,
        hint: `revisions are Markdown files: rename it to ${date}.md`,
      }),
    );
    return undefined;
  }
  if (!inDateRange(date)) {
    problems.push(new RedlineError({ file, message: `effective date ${date} (the file name) is outside the dates Redline handles`, hint: `${dateRangeHint(date)}, and rename the file` }));
    return undefined;
  }
  return date;
}

/** Fields an author might write for the effective date, which the file name gives. */
const EFFECTIVE_ALIASES = new Set(['effective', 'effectivedate', 'date', 'valid', 'validfrom', 'inforce', 'from']);

/**
 * What to do about an unknown front matter field: the field it is a near miss of, if any. A translation
 * has fields of its own (`keys`), and no `change` (it is of the kind of its revision).
 */
export function unknownFieldHint(key: string, keys: readonly string[] = FRONT_MATTER_KEYS, translation = false): string {
  const known = `the fields are ${keys.join(', ')}`;
  if (translation && key === 'change') return `remove it: a translation is of the kind of its revision (${known})`;
  const near = closest(key, keys);
  if (near) return `did you mean "${near}"? (${known})`;
  if (EFFECTIVE_ALIASES.has(key.toLowerCase().replace(/[\s_-]+/g, ''))) return `the effective date is the file's name (${translation ? 'YYYY-MM-DD.<language>.md' : 'YYYY-MM-DD.md'}), not a field; ${known}`;
  return `remove it: ${known}`;
}

/** One revision file, as read by the node layer. */
export interface RevisionFile {
  /** Its bytes, read once. */
  bytes: Uint8Array;
  policy: string;
  effective: CalendarDate;
  /** The file as users name it. */
  file: string;
  path: string;
}

/**
 * Every rule on one revision file: its bytes (size, encoding, line endings),
 * its front matter, and its Markdown (the analysis's lint problems, with
 * lines of the file). The revision, or undefined when it has an error; every
 * problem goes into `problems`. Never throws for any input.
 */
export function readRevision(input: RevisionFile, analyze: Analyze, problems: RedlineError[], options: { translation?: boolean } = {}): { revision: Revision; text: string } | undefined {
  // A translation (src/core/translations.ts) has the fields of its own text, and may be published after its revision takes effect.
  const keys: readonly string[] = options.translation ? ['title', 'summary', 'translates', 'published'] : FRONT_MATTER_KEYS;
  const { bytes, file, path, policy, effective } = input;
  if (bytes.length > MAX_REVISION_BYTES) {
    problems.push(new RedlineError({ file, message: `is ${(bytes.length / 1048576).toFixed(1)} MB, more than the ${MAX_REVISION_BYTES / 1048576} MB a revision may hold`, hint: 'check that this is the policy text; split very long policies into several policies' }));
    return undefined;
  }
  const fail = (message: string, hint: string, line?: number) => {
    problems.push(new RedlineError({ file, line, message, hint }));
    return undefined;
  };
  if (bytes.length === 0 || utf8Lenient.decode(bytes).trim() === '') return fail('is empty', 'write the front matter (title, summary) and the policy text, or delete the file');
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
    if (!keys.includes(key)) fail(`unknown front matter field "${key}"`, unknownFieldHint(key, keys, options.translation === true), keyLines[key]);
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
  else if (options.translation && /^TODO\b/.test(title.trim())) fail('title is still a placeholder', 'write the title in the language of the translation', keyLines.title);
  const summary = data.summary;
  if (summary !== undefined && summary !== null && (typeof summary !== 'string' || summary.trim() === '')) {
    fail('summary must be text', 'write what changed and why after "summary: "', keyLines.summary);
  } else if (typeof summary === 'string' && /^TODO\b/.test(summary.trim())) {
    fail('summary is still a placeholder', 'replace it with what changed and why, in plain words', keyLines.summary);
  }
  let published = effective;
  if (data.published !== undefined) {
    const p = data.published;
    const impossible = typeof p === 'string' ? impossibleDate(p.trim()) : undefined;
    if (impossible) {
      fail(`published "${String(p)}" is not a real calendar date: ${impossible}`, 'check the month and day of the announcement date', keyLines.published);
    } else if (typeof p !== 'string' || !isCalendarDate(p)) {
      fail(`published "${String(p)}" is not a calendar date`, 'write the announcement date as YYYY-MM-DD', keyLines.published);
    } else if (!inDateRange(p)) {
      fail(`published ${p} is outside the dates Redline handles`, dateRangeHint(p), keyLines.published);
    } else if (p > effective && !options.translation) {
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
  // The Markdown: parsed once, linted by the rules (src/core/markdown/lint/), lines counted in the file.
  const analysed = analyze(body);
  const key = analysed.key;
  for (const p of analysed.problems) {
    const message = p.related === undefined ? p.message : p.message.replace('{line}', String(bodyLine + p.related - 1));
    problems.push(new RedlineError({ file, line: bodyLine + p.line - 1, message, hint: p.hint, severity: p.severity }));
  }
  if (problems.slice(before).some((p) => p.severity === 'error')) return undefined;
  const revision: Revision = {
    policy,
    effective,
    published,
    title: (title as string).trim(),
    summary: typeof summary === 'string' ? summary.trim() : undefined,
    change: change as ChangeKind,
    bodyLine,
    bodyStart: text.length - body.length,
    sha256: sha256(bytes),
    analysis: key,
    visible: analysed.visible,
    file,
    path,
  };
  return { revision, text };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
