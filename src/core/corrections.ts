/**
 * What a correction may be: the rules `redline correct` applies when it
 * records one, and `check` and `build` apply again to every correction block
 * in the lock, so that a block written by hand proves no more than one the
 * command wrote. Pure, and frozen: nothing here uses the diff engine (which
 * changes between versions), so a correction recorded under one version of
 * Redline is judged the same under every later one. Change a rule only with
 * a new lock format (src/core/lock.ts, LOCK_FORMAT), keeping the old rule
 * for corrections recorded under the old format.
 *
 * A correction is judged on two texts: the revision file as it was before
 * (`before`) and as corrected (`after`). The lock does not hold the text
 * before, but it holds the lines the correction changed; `undoCorrection`
 * turns the text after back into the text before, whose SHA-256 the lock
 * records as `was`. So a correction is checked from the repository alone,
 * without git.
 */
import { splitFrontMatter } from './frontmatter.ts';
import type { CorrectedLine } from './lock.ts';

/**
 * The most a correction may change, in words inserted plus deleted (body and
 * summary): a typo fixed is one word deleted and one inserted, so 20 is about
 * ten typos. In a short text, no more than 2% of its words either, but always
 * at least 4 (one word fixed twice, or split in two). More than that is a
 * change of substance, which gets a new revision with its own announcement,
 * never a silent rewrite.
 */
export const MAX_CORRECTION_WORDS = 20;
export const MAX_CORRECTION_SHARE = 0.02;
export const MIN_CORRECTION_WORDS = 4;

/** Words a correction of a text of `words` words may change. */
export function correctionLimit(words: number): number {
  return Math.min(MAX_CORRECTION_WORDS, Math.max(MIN_CORRECTION_WORDS, Math.floor(words * MAX_CORRECTION_SHARE)));
}

// Words, as people count them (and as src/core/diff/tokens.ts counted them when corrections were
// first recorded): runs of letters, digits and marks, joined by an apostrophe, hyphen or dot inside
// the word ("don't", "e-mail", "3.5"); a URL is one word; a Chinese or Japanese character is one.
// Copied here on purpose: these rules must not change when the diff engine does.
const URL_AT = /(?:https?:\/\/|www\.)[^\s<>"'`()[\]{}|\\^]*[^\s<>"'`()[\]{}|\\^.,;:!?*_~]/y;
const LETTER = /[\p{L}\p{N}\p{M}]/u;
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;

/** 0: not part of a word; 1: letter or digit; 2: a character that is a word by itself (Chinese, Japanese). */
function wordClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const ch = String.fromCodePoint(text.codePointAt(i)!);
  if (!LETTER.test(ch)) return 0;
  return CJK.test(ch) ? 2 : 1;
}

/** The words of a text, in order (punctuation, Markdown syntax and spacing are not words). */
export function words(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const len = text.length;
  const step = (at: number) => (text.charCodeAt(at) >= 0xd800 && text.charCodeAt(at) <= 0xdbff ? 2 : 1);
  while (i < len) {
    const k = wordClass(text, i);
    if (k === 0) {
      i++;
      continue;
    }
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 104 || c === 119) {
      URL_AT.lastIndex = i;
      if (URL_AT.test(text)) {
        i = URL_AT.lastIndex;
        out.push(text.slice(start, i));
        continue;
      }
    }
    if (k === 2) {
      i += step(i);
      out.push(text.slice(start, i));
      continue;
    }
    for (;;) {
      while (i < len && wordClass(text, i) === 1) i += step(i);
      const j = text.charCodeAt(i);
      if ((j === 39 || j === 0x2019 || j === 45 || j === 46) && i + 1 < len && wordClass(text, i + 1) === 1) {
        i++;
        continue;
      }
      break;
    }
    out.push(text.slice(start, i));
  }
  return out;
}

/** Where two sequences stop sharing their beginning (`start`) and their end (`endA`, `endB`: exclusive ends of what differs). */
export function commonEnds<T>(a: readonly T[], b: readonly T[]): { start: number; endA: number; endB: number } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { start, endA, endB };
}

/**
 * Words inserted plus deleted from `before` to `after`: the shortest edit
 * between their word sequences (Myers), so a word moved elsewhere counts
 * twice, deleted where it was and inserted where it is (reordering clauses is
 * not a typo fix). Punctuation and spacing do not count. When the count
 * exceeds `cap`, the search stops: `{ count: cap + 1, exact: false }`.
 */
export function changedWords(before: string, after: string, cap = 1000): { count: number; exact: boolean } {
  const a = words(before);
  const b = words(after);
  const { start, endA, endB } = commonEnds(a, b);
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return n + m <= cap ? { count: n + m, exact: true } : { count: cap + 1, exact: false };
  const ids = new Map<string, number>();
  const id = (w: string) => {
    let v = ids.get(w);
    if (v === undefined) ids.set(w, (v = ids.size));
    return v;
  };
  const x = Int32Array.from(a.slice(start, endA), id);
  const y = Int32Array.from(b.slice(start, endB), id);
  const max = Math.min(n + m, cap);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let px = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let py = px - k;
      while (px < n && py < m && x[px] === y[py]) {
        px++;
        py++;
      }
      v[off + k] = px;
      if (px >= n && py >= m) return { count: d, exact: true };
    }
  }
  return { count: cap + 1, exact: false };
}

/**
 * The text before a correction, from the text after it and the lines the
 * lock records (`-` lines as they were, numbered in the text before; `+`
 * lines as they are, numbered in the text after), or undefined when the
 * lines do not fit the text after (a `+` line that is not there, numbers out
 * of order or out of range).
 */
export function undoCorrection(after: string, lines: readonly CorrectedLine[]): string | undefined {
  const now = after.split('\n');
  const plus = new Map<number, string>();
  const minus = new Map<number, string>();
  for (const l of lines) {
    const into = l.sign === '+' ? plus : minus;
    if (!Number.isSafeInteger(l.line) || l.line < 1 || into.has(l.line)) return undefined;
    into.set(l.line, l.text);
  }
  for (const [line, text] of plus) if (now[line - 1] !== text) return undefined;
  const length = now.length - plus.size + minus.size;
  const kept = now.filter((_, i) => !plus.has(i + 1));
  const out: string[] = [];
  let k = 0;
  for (let i = 1; i <= length; i++) {
    const removed = minus.get(i);
    if (removed !== undefined) out.push(removed);
    else if (k < kept.length) out.push(kept[k++]!);
    else return undefined;
  }
  if (k !== kept.length) return undefined;
  return out.join('\n');
}

/** What a correction is checked on: the revision's fields in its front matter, and its words. */
interface Reading {
  title: string;
  change: string;
  published: string;
  summary: string;
  body: string;
}

function reading(text: string, effective: string): Reading | undefined {
  try {
    const { data, body } = splitFrontMatter(text, '');
    const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    return {
      title: str(data.title),
      change: data.change === undefined || data.change === null ? 'material' : String(data.change),
      published: data.published === undefined || data.published === null ? effective : String(data.published),
      summary: str(data.summary),
      body,
    };
  } catch {
    return undefined;
  }
}

/** Why a correction is more than a correction. */
export type CorrectionFault =
  | { kind: 'unreadable'; which: 'before' | 'after' }
  | { kind: 'title' | 'change' | 'published'; before: string; after: string }
  /** `changed` is exact, or (`exact` false) a lower bound: the count stopped past the limit. */
  | { kind: 'words'; changed: number; exact: boolean; total: number; limit: number };

/**
 * Why a correction from `before` to `after` (the whole revision file, front
 * matter included) is more than a correction, or undefined: the title, the
 * kind of change and the announcement date stay as they were, and the words
 * changed (body and summary, moves counted) stay within correctionLimit.
 * `cap`: how far to count changed words past the limit (for messages).
 */
export function correctionFault(before: string, after: string, effective: string, cap = 0): CorrectionFault | undefined {
  const was = reading(before, effective);
  if (!was) return { kind: 'unreadable', which: 'before' };
  const now = reading(after, effective);
  if (!now) return { kind: 'unreadable', which: 'after' };
  for (const kind of ['title', 'change', 'published'] as const) {
    if (was[kind] !== now[kind]) return { kind, before: was[kind], after: now[kind] };
  }
  const total = words(was.body).length + words(was.summary).length;
  const limit = correctionLimit(total);
  const upTo = Math.max(cap, limit);
  const body = changedWords(was.body, now.body, upTo);
  const summary = changedWords(was.summary, now.summary, upTo);
  const changed = body.count + summary.count;
  if (changed > limit) return { kind: 'words', changed, exact: body.exact && summary.exact, total, limit };
  return undefined;
}

/** A fault as the end of a sentence: "changes the title ("A" → "B")". */
export function describeFault(f: CorrectionFault): string {
  switch (f.kind) {
    case 'unreadable':
      return f.which === 'before' ? 'starts from a text that is not a revision (its front matter cannot be read)' : 'makes a text that is not a revision (its front matter cannot be read)';
    case 'title':
      return `changes the title ("${f.before}" → "${f.after}")`;
    case 'change':
      return `changes the kind of change (${f.before} → ${f.after})`;
    case 'published':
      return `changes the announcement date (published ${f.before}, now ${f.after})`;
    case 'words':
      return `changes ${f.exact ? '' : 'at least '}${f.changed} words (inserted plus deleted, moved text counted) of ${f.total}: more than a correction may (${f.limit})`;
  }
}
