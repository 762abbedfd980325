import { resolve } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { RedlineError } from '../../core/errors.ts';
import { displayPath } from '../../node/policies.ts';
import { readRegularFile } from '../../node/files.ts';
import { MAX_REVISION_BYTES } from '../../core/revisions.ts';
import { splitFrontMatter } from '../../core/frontmatter.ts';
import { diffBlocks, documentOf } from '../../core/diff/index.ts';
import { blockKinds, count, invisibleOf, movesOf } from '../../core/diff/summary.ts';
import { legendHtml, nothingToCount, summaryHtml, viewHtml } from '../../core/diff/markup.ts';
import { moveLabels, movedTo, redline, type Docs, type RedlineItem } from '../../core/diff/render.ts';
import type { MarkdownDiff, OpKind, Unit } from '../../core/diff/types.ts';

const FORMATS = ['terminal', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const diff: Command = {
  usage: 'diff <old.md> <new.md> [--format terminal|html|json]',
  summary: 'Shows what changed between two Markdown files (revisions: their bodies), word by word.',
  async run(argv) {
    const { values, positionals } = parse('diff', argv, { format: { type: 'string' } }, true);
    const format = (values.format ?? 'terminal') as Format;
    if (!FORMATS.includes(format)) {
      throw new RedlineError({ message: `--format "${values.format}" is not a format`, hint: `use one of: ${FORMATS.join(', ')}` });
    }
    if (positionals.length !== 2) {
      throw new RedlineError({ message: `diff needs two files, the old one and the new one (got ${positionals.length})`, hint: 'npm run redline -- diff policies/privacy/2025-04-01.md draft.md' });
    }
    const [a, b] = positionals.map(readBody) as [string, string];
    const docs = { old: documentOf(a), new: documentOf(b) };
    const d = diffBlocks(docs.old, docs.new);
    if (format === 'json') process.stdout.write(`${JSON.stringify({ stats: d.stats, sections: d.sections, moves: movesOf(d), invisible: invisibleOf(d), ops: d.ops }, null, 1)}\n`);
    else if (format === 'html') process.stdout.write(htmlPage(d, redline(d, docs), positionals[0]!, positionals[1]!));
    else process.stdout.write(terminal(d, colour(), docs));
    return 0;
  },
};

/**
 * A file's Markdown body: the text after the front matter when it has one (a
 * revision), else the whole text. Only a regular file of at most the size a
 * revision may have is read (never a pipe or device, which could block or
 * never end).
 */
function readBody(path: string): string {
  const file = displayPath(resolve(path));
  const read = readRegularFile(path, MAX_REVISION_BYTES);
  if (read.kind === 'missing') throw new RedlineError({ file, message: 'not found', hint: 'check the path; give the old file first, then the new one' });
  if (read.kind === 'folder') throw new RedlineError({ file, message: 'is a folder, not a Markdown file', hint: 'name a revision such as policies/privacy/2025-04-01.md' });
  if (read.kind === 'special') throw new RedlineError({ file, message: 'is not a regular file (a pipe, socket or device)', hint: 'diff reads two Markdown files: save the text to a file first' });
  if (read.kind === 'too-large') {
    throw new RedlineError({ file, message: `is larger than the ${MAX_REVISION_BYTES / 1048576} MB a revision may hold`, hint: 'diff compares revisions: check that this is the policy text' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new RedlineError({ file, message: 'is not UTF-8 text', hint: 'save the file as UTF-8' });
  }
  return /^---[ \t]*\r?\n/.test(text) ? splitFrontMatter(text.replace(/\r\n/g, '\n'), file).body : text;
}

function colour(): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

const n = count;

/** The stats, in one or two lines. */
export function statsLine(d: MarkdownDiff): string {
  const s = d.stats;
  if (s.identical) return 'No changes: the two texts are identical.';
  const none = nothingToCount(s);
  if (none) return none;
  const kinds = blockKinds(s);
  const sections = d.sections.map((x) => (x.anchor === null ? '(before the first heading)' : x.title));
  const hidden = s.blocksInvisible ? `; ${n(s.blocksInvisible, 'change')} in the Markdown source only (no visible change)` : '';
  return `${n(s.wordsInserted, 'word')} added, ${n(s.wordsDeleted, 'word')} removed; ${n(s.blocksChanged, 'block')} (${kinds.join(', ')}) in ${n(s.sectionsChanged, 'section')}: ${sections.join('; ')}${hidden}.`;
}

/**
 * Each changed block under its section, deletions and insertions marked:
 * red struck-through and green underlined on a terminal, [-…-] and {+…+}
 * otherwise (as `git diff --word-diff` writes them); list items with their
 * numbers; a moved block once where it is (with its edits), and a line where
 * it was; the stats at the end.
 */
export function terminal(d: MarkdownDiff, tty: boolean, docs?: Docs): string {
  const mark = (k: OpKind, t: string) => {
    if (!t) return '';
    if (k === '=') return t;
    if (tty) return k === '-' ? `\x1b[31;9m${t}\x1b[0m` : `\x1b[32;4m${t}\x1b[0m`;
    return k === '-' ? `[-${t}-]` : `{+${t}+}`;
  };
  const bold = (t: string) => (tty ? `\x1b[1m${t}\x1b[0m` : t);
  const dim = (t: string) => (tty ? `\x1b[2m${t}\x1b[0m` : t);
  const old = d.ops.filter(([k]) => k !== '+').map(([, t]) => t).join('');
  const neu = d.ops.filter(([k]) => k !== '-').map(([, t]) => t).join('');
  const labels = docs ? moveLabels(d, docs) : new Map();
  const out: string[] = [];
  let section = -2;
  for (const u of d.units) {
    if (u.kind === 'equal') continue;
    if (u.section !== section) {
      section = u.section;
      const s = d.sections[u.section];
      // A section that begins with its own heading changed shows that heading once, marked.
      const own = u.type === 'heading' && s && s.anchor !== null && u.kind !== 'changed';
      if (!own) out.push('', bold(s && s.anchor !== null ? `${'#'.repeat(Math.max(1, s.depth))} ${s.title}${s.heading === 'deleted' ? ' (removed)' : ''}` : '(before the first heading)'));
    }
    const label = u.move !== undefined ? labels.get(u.move) : undefined;
    let line: string;
    if (u.move !== undefined && u.kind === 'deleted') {
      // Where a moved block was: a line saying where it went.
      const text = old.slice(u.old!.start, u.old!.end).split('\n')[0]!;
      line = dim(`(${label ? movedTo(label.where) : 'Moved'}) ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`);
    } else {
      line = markUnit(u, old, neu, mark);
      if (u.move !== undefined) line += dim(`  (moved here${label ? ` from ${label.whence}` : ''}${u.wordsInserted + u.wordsDeleted ? ', and edited' : ''})`);
      if (u.invisible) line += dim(`  (no visible change: ${u.type === 'definition' ? 'a link definition' : 'an HTML comment'} in the Markdown source)`);
    }
    out.push('', line);
  }
  out.push('', bold(statsLine(d)), '');
  return out.join('\n').replace(/^\n/, '');
}

/** A unit's text with its marks, list items and quotations with their markers (the source from the start of the block's line). */
function markUnit(u: Unit, old: string, neu: string, mark: (k: OpKind, t: string) => string): string {
  const line = (text: string, span: { gap: number; start: number; end: number }) => text.slice(Math.max(span.gap, text.lastIndexOf('\n', span.start - 1) + 1), span.end);
  if (u.kind === 'inserted' && u.move !== undefined) {
    // A moved block: its marker as it is now, then its text, with the edits made on the way.
    const text = line(neu, u.new!);
    const marker = text.slice(0, text.length - (u.new!.end - u.new!.start));
    return marker + (u.moveSegments ? u.moveSegments.map(([k, t]) => mark(k, t)).join('') : neu.slice(u.new!.start, u.new!.end));
  }
  if (u.kind === 'inserted') return mark('+', line(neu, u.new!));
  if (u.kind === 'deleted') return mark('-', line(old, u.old!));
  return (u.segments ?? []).map(([k, t]) => mark(k, t)).join('').replace(/^\n+/, '');
}

const CSS = `body{font:17px/1.6 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1c1c1c}
ins{text-decoration:underline;background:#dff0df;color:#0d4a12}del{text-decoration:line-through;background:#f8dcdc;color:#7d1010}
ins::before,ins::after,del::before,del::after{position:absolute;clip-path:inset(50%);width:1px;height:1px;overflow:hidden;white-space:nowrap}
ins::before{content:" [insertion start] "}ins::after{content:" [insertion end] "}del::before{content:" [deletion start] "}del::after{content:" [deletion end] "}
details{border-left:3px solid #ccc;padding-left:.75rem;margin:.75rem 0}summary{color:#555;font-style:italic;cursor:pointer}
.rl-note,.rl-move-label,.rl-tag,.rl-words{color:#555;font-style:italic;font-size:.9rem}.rl-legend{border:1px solid #ccc;padding:.5rem 1rem}
.rl-moved{border-left:3px double #555;padding-left:.5rem}.rl-moved-away{color:#555;font-style:italic}.rl-change{margin:1rem 0}`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone HTML page: the summary, the legend and the inline redline, in the site's own markup (src/core/diff/markup.ts). */
function htmlPage(d: MarkdownDiff, items: RedlineItem[], a: string, b: string): string {
  const labels = { oldLabel: a, newLabel: b };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Changes from ${esc(a)} to ${esc(b)}</title><style>${CSS}</style></head>
<body><h1>Changes from ${esc(a)} to ${esc(b)}</h1>
${summaryHtml(d)}
${legendHtml()}
${viewHtml(items, d.sections, { ...labels, view: 'inline' })}
</body></html>
`;
}
