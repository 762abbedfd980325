/**
 * THE FORMER RENDERER, kept only while test/render-compare.test.ts checks that
 * the tree renderer (render.ts) gives the same HTML over the fixture and
 * corpus pairs; it goes once that comparison is no longer needed. Not used by
 * the site.
 *
 * The redline is Markdown rendered with the site's Markdown dialect. Each top-level
 * block (a paragraph, a list, a table…) is a row; for each changed row a
 * Markdown source is assembled from both revisions and rendered:
 *
 * - the inline view takes the new revision's source, wraps inserted text in
 *   <ins>, and splices deleted text in as <del> (escaped, so that it reads
 *   as text whatever it was in the old revision). Whole deleted blocks keep
 *   their own Markdown, so a deleted list item is still a list item;
 * - the side-by-side view renders each revision's source with its own marks.
 *
 * Marks only wrap text (never Markdown syntax), so the Markdown stays valid.
 * A change that is only in syntax (a link's address, bold) gets a note.
 */
import { toHtml as hastToHtml } from 'hast-util-to-html';
import { parseMarkdown, toHastTree } from '../markdown/processor.ts';
import { setHeadingIds } from '../markdown/headings.ts';
import type { ChangedSection, MarkdownDiff, Op, OpKind, RevisionDoc, Unit } from './types.ts';
import { BLOCK_NAMES, groupRows, unchangedSummary } from './rows.ts';
import { redlineId } from './render.ts';
import { SYNTAX, TEXT, CODE, CODE_OPEN, CODE_CLOSE, BLOCK_CODE } from './classes.ts';

import { fragmentsOf, type RedlineItem, type RedlineNote, type RedlineOptions } from './render.ts';

/** A source as the renderer reads it: a body and its classes. */
type Source = RevisionDoc;

/** The redline of a diff between two bodies (`docs`: the bodies the diff was computed from), in reading order. */
export function redlineMarkdown(diff: MarkdownDiff, docs: Docs, options: RedlineOptions = {}): RedlineItem[] {
  const oldSrc = docs.old;
  const newSrc = docs.new;
  const newText = newSrc.text;
  const defs = [...new Set([...newSrc.definitions, ...oldSrc.definitions])];

  const groups = groupRows(diff.units);

  // Headings of changed sections stay in view.
  const headingAnchor = (u: Unit, side: 'old' | 'new') => {
    const span = u[side];
    return span ? docs[side].blocks[span.block]?.anchor : undefined;
  };
  const pinnedAnchors = new Set(diff.sections.filter((s) => s.side === 'new' && s.anchor !== null).map((s) => s.anchor!));
  const moveTarget = moveTargets(diff);

  const rows: Row[] = [];
  for (const g of groups) {
    const changed = g.some((u) => u.kind !== 'equal');
    const blocks = rowBlocks(g, docs);
    const inline = new Assembly(options);
    const oldSide = new Assembly(options);
    const newSide = new Assembly(options);
    const notes: RedlineNote[] = [];
    const firstOld = g.find((u) => u.old)?.old;
    const firstNew = g.find((u) => u.new)?.new;
    const cutOld = firstOld ? Math.max(firstOld.gap, docs.old.roots[firstOld.root] ?? 0) : 0;
    const cutNew = firstNew ? Math.max(firstNew.gap, docs.new.roots[firstNew.root] ?? 0) : 0;
    for (const u of g) {
      const os = u.old ? Math.max(u.old.gap, cutOld) : 0;
      const ns = u.new ? Math.max(u.new.gap, cutNew) : 0;
      // Each heading in a view takes the next id of that view's list (none in feeds).
      const isHeading = u.type === 'heading';
      const headingId = (side: 'old' | 'new') => {
        if (options.noIds) return;
        const anchor = headingAnchor(u, side);
        if (anchor === undefined) return;
        return side === 'old' ? `old-${anchor}` : anchor;
      };
      if (u.kind === 'equal') {
        // (a minor change, spacing or list numbering, is shown as unchanged)
        inline.piece('=', newSrc, ns, u.new!.end, 'own');
        oldSide.piece('=', oldSrc, os, u.old!.end, 'own');
        newSide.piece('=', newSrc, ns, u.new!.end, 'own');
        if (isHeading) inline.heading(headingId('new'));
        if (isHeading) newSide.heading(headingId('new'));
        if (isHeading) oldSide.heading(headingId('old'));
      } else if (u.kind === 'inserted') {
        const code = u.type === 'code' ? u.new!.start : undefined;
        inline.piece('+', newSrc, ns, u.new!.end, 'own', code);
        newSide.piece('+', newSrc, ns, u.new!.end, 'own', code);
        if (isHeading) inline.heading(headingId('new'));
        if (isHeading) newSide.heading(headingId('new'));
      } else if (u.kind === 'deleted') {
        const code = u.type === 'code' ? u.old!.start : undefined;
        inline.piece('-', oldSrc, os, u.old!.end, 'own', code);
        oldSide.piece('-', oldSrc, os, u.old!.end, 'own', code);
        if (isHeading) inline.heading(headingId('old'));
        if (isHeading) oldSide.heading(headingId('old'));
      } else {
        // A changed pair: its own operations.
        const code = u.type === 'code' && u.kind === 'changed' ? { old: u.old!.start, new: u.new!.start } : undefined;
        inline.pair(u.segments ?? [], oldSrc, newSrc, u.old!.gap, u.new!.gap, os, ns, 'inline', code);
        oldSide.pair(u.segments ?? [], oldSrc, newSrc, u.old!.gap, u.new!.gap, os, ns, 'old', code);
        newSide.pair(u.segments ?? [], oldSrc, newSrc, u.old!.gap, u.new!.gap, os, ns, 'new', code);
        if (isHeading) inline.heading(headingId('new'));
        if (isHeading) newSide.heading(headingId('new'));
        if (isHeading) oldSide.heading(headingId('old'));
        if (u.kind === 'changed' && (inline.syntaxChanged || u.replaced)) {
          notes.push({ text: u.replaced ? 'Rewritten: shown as deleted and inserted whole.' : 'Formatting or a link address changed here too.' });
        }
        inline.syntaxChanged = false;
      }
      if (u.move !== undefined) {
        const other = moveTarget.get(u);
        const where = other ? sectionLabel(diff, other) : 'elsewhere';
        const target = other && other.section >= 0 ? redlineId(diff.sections[other.section]!) : undefined;
        notes.push({ text: u.kind === 'deleted' ? `Moved to ${where}.` : `Moved here from ${where}.`, ...(target ? { target } : {}) });
      }
    }
    const pinned = !changed && g.length === 1 && g[0]!.type === 'heading' && pinnedAnchors.has(headingAnchor(g[0]!, 'new') ?? '\u0000');
    const lastNew = [...g].reverse().find((u) => u.new)?.new;
    rows.push({
      changed,
      pinned,
      blocks,
      inline,
      oldSide,
      newSide,
      notes: dedupeNotes(notes),
      section: g.find((u) => u.kind !== 'equal')?.section ?? -1,
      newRoots: [...new Set(g.filter((u) => u.new).map((u) => u.new!.root))],
      from: cutNew,
      to: lastNew ? lastNew.end : cutNew,
    });
  }

  // Unchanged rows come from the new revision rendered whole (once per revision, not once per pair).
  let fragments: Map<number, string> | undefined;
  const unchangedHtml = (run: Row[]): string | undefined => {
    if (options.noIds) return undefined;
    fragments ??= fragmentsOf(docs.new);
    const html: string[] = [];
    for (const row of run) {
      for (const root of row.newRoots) {
        const f = fragments.get(docs.new.roots[root]!);
        if (f === undefined) return undefined;
        html.push(f);
      }
    }
    return html.join('\n');
  };
  const items: RedlineItem[] = [];
  const changedRows: Array<[Row, RedlineItem]> = [];
  for (let k = 0; k < rows.length; ) {
    const r = rows[k]!;
    if (r.changed || (r.pinned && !options.changedOnly)) {
      items.push({
        kind: r.changed ? 'changed' : 'pinned',
        blocks: r.blocks,
        summary: '',
        inline: r.changed ? '' : (unchangedHtml([r]) ?? r.inline.render(defs)),
        old: '',
        new: '',
        notes: r.notes,
        ids: r.inline.ids.filter((x): x is string => !!x),
        section: r.section,
      });
      if (r.changed) changedRows.push([r, items.at(-1)!]);
      k++;
      continue;
    }
    let m = k;
    if (options.changedOnly) {
      while (m < rows.length && !rows[m]!.changed) m++;
      k = m;
      continue;
    }
    const blocks: string[] = [];
    const ids: (string | undefined)[] = [];
    while (m < rows.length && !rows[m]!.changed && !rows[m]!.pinned) {
      blocks.push(...rows[m]!.blocks);
      ids.push(...rows[m]!.inline.ids);
      m++;
    }
    items.push({
      kind: 'same',
      blocks,
      summary: unchangedSummary(blocks),
      inline: unchangedHtml(rows.slice(k, m)) ?? renderSource(newText.slice(r.from, rows[m - 1]!.to), ids, defs),
      old: '',
      new: '',
      notes: [],
      ids: ids.filter((x): x is string => !!x),
      section: -1,
    });
    k = m;
  }
  // The changed rows of each view, rendered in one go.
  const inlineHtml = renderMany(changedRows.map(([r]) => r.inline), defs);
  const oldHtml = options.changedOnly ? [] : renderMany(changedRows.map(([r]) => r.oldSide), defs);
  const newHtml = options.changedOnly ? [] : renderMany(changedRows.map(([r]) => r.newSide), defs);
  changedRows.forEach(([, item], i) => {
    item.inline = inlineHtml[i]!;
    item.old = oldHtml[i] ?? '';
    item.new = newHtml[i] ?? '';
  });
  return items;
}

const SPLIT = '<!--redline-row-->';

/**
 * Renders many rows with one pass of the Markdown pipeline (each pass has a
 * fixed cost): the rows are joined by an HTML comment, which ends any open
 * block, and the HTML is split at it. If the split does not give one piece a
 * row (a row left a code fence open), each row is rendered on its own.
 */
function renderMany(rows: Assembly[], definitions: readonly string[]): string[] {
  if (rows.length === 0) return [];
  const sources = rows.map((r) => r.source().replace(/^(?:[ \t]*\n)+/, ''));
  if (sources.some((src) => src.includes(SPLIT))) return rows.map((r) => r.render(definitions));
  const ids = rows.flatMap((r) => r.ids);
  const joined = sources.join(`\n\n${SPLIT}\n\n`);
  const html = toHtml(definitions.length ? `${joined}\n\n${definitions.join('\n\n')}\n` : joined, ids);
  const pieces = html.split(SPLIT).map((x) => x.trim());
  if (pieces.length !== rows.length) {
    return rows.map((r) => r.render(definitions));
  }
  return pieces;
}

interface Row {
  changed: boolean;
  pinned: boolean;
  blocks: string[];
  inline: Assembly;
  oldSide: Assembly;
  newSide: Assembly;
  notes: RedlineNote[];
  section: number;
  /** The new revision's top-level blocks in the row. */
  newRoots: number[];
  /** Offsets of the row in the new text. */
  from: number;
  to: number;
}

function dedupeNotes(notes: RedlineNote[]): RedlineNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => (seen.has(n.text) ? false : (seen.add(n.text), true)));
}

function sectionLabel(diff: MarkdownDiff, u: Unit): string {
  const s = u.section >= 0 ? diff.sections[u.section] : undefined;
  if (!s || s.anchor === null) return 'the beginning';
  return `“${s.title}”`;
}

function moveTargets(diff: MarkdownDiff): Map<Unit, Unit> {
  const byId = new Map<number, Unit[]>();
  for (const u of diff.units) if (u.move !== undefined) byId.set(u.move, [...(byId.get(u.move) ?? []), u]);
  const out = new Map<Unit, Unit>();
  for (const [a, b] of byId.values()) {
    if (a && b) {
      out.set(a, b);
      out.set(b, a);
    }
  }
  return out;
}

interface Docs {
  old: RevisionDoc;
  new: RevisionDoc;
}

function rowBlocks(g: Unit[], docs: Docs): string[] {
  // The new revision's top-level blocks, and the old one's that are gone entirely.
  const out: string[] = [];
  const newRoots = new Set<number>();
  const oldShared = new Set<number>();
  for (const u of g) {
    if (u.new && !newRoots.has(u.new.root)) {
      newRoots.add(u.new.root);
      out.push(BLOCK_NAMES[docs.new.rootTypes[u.new.root] ?? u.type] ?? 'block');
    }
    if (u.new && u.old) oldShared.add(u.old.root);
  }
  const oldAlone = new Set<number>();
  for (const u of g) {
    if (u.old && !u.new && !oldShared.has(u.old.root) && !oldAlone.has(u.old.root)) {
      oldAlone.add(u.old.root);
      out.push(BLOCK_NAMES[docs.old.rootTypes[u.old.root] ?? u.type] ?? 'block');
    }
  }
  return out;
}

/** Markdown built piece by piece for one row and one view. */
class Assembly {
  private out: string[] = [];
  ids: (string | undefined)[] = [];
  syntaxChanged = false;
  private options: RedlineOptions;
  constructor(options: RedlineOptions) {
    this.options = options;
  }

  heading(id: string | undefined): void {
    this.ids.push(id);
  }

  private open(kind: OpKind): string {
    if (kind === '+') return this.options.cues ? '<ins>&#91;&#43;' : '<ins>';
    return this.options.cues ? '<del>&#91;&#8722;' : '<del>';
  }
  private close(kind: OpKind): string {
    return (this.options.cues ? '&#93;' : '') + (kind === '+' ? '</ins>' : '</del>');
  }

  /**
   * A stretch of one source, all of one kind. `own`: the stretch keeps its
   * Markdown syntax (a whole block, or text of the revision the view is
   * built from); `foreign`: deleted text spliced into the new revision's
   * syntax, escaped to read as plain text.
   */
  piece(kind: OpKind, src: Source, s: number, e: number, mode: 'own' | 'foreign', codeStart?: number, htmlCode?: Set<number>): void {
    if (s >= e) return;
    if (codeStart !== undefined) {
      // A whole code block (added or removed): what precedes it in its gap, then the block as HTML.
      this.codeBlock([[kind, src, Math.max(s, codeStart), e]], src.text.slice(s, Math.max(s, codeStart)));
      return;
    }
    let i = s;
    while (i < e) {
      const c = src.cls[i]!;
      const cat = c === CODE_OPEN || c === CODE || c === CODE_CLOSE ? CODE : c;
      let j = i + 1;
      while (j < e) {
        const d = src.cls[j]!;
        const dc = d === CODE_OPEN || d === CODE || d === CODE_CLOSE ? CODE : d;
        if (dc !== cat) break;
        j++;
      }
      this.run(kind, src, i, j, cat, mode, htmlCode);
      i = j;
    }
  }

  private run(kind: OpKind, src: Source, s: number, e: number, cat: number, mode: 'own' | 'foreign', htmlCode?: Set<number>): void {
    const raw = src.text.slice(s, e);
    if (cat === SYNTAX || cat === BLOCK_CODE) {
      if (kind !== '=' && /\S/.test(raw) && mode === 'foreign') this.syntaxChanged = true;
      if (kind === '+' && mode === 'own' && /[^\s>|#*+\-.\d)]/.test(raw) && htmlCode) this.syntaxChanged = true;
      if (mode === 'foreign') return;
      this.out.push(raw);
      return;
    }
    if (cat === CODE) {
      // Code spans: raw when untouched; written as HTML when a change falls inside, since marks cannot go inside backticks.
      for (let i = s; i < e; ) {
        const span = spanAt(src, i);
        const end = span ? Math.min(e, span[3]) : e;
        const html = span && htmlCode?.has(span[0]);
        if (mode === 'foreign') {
          const content = src.text.slice(Math.max(i, span ? span[1] : i), Math.min(end, span ? span[2] : end));
          if (content) this.out.push(this.open('-'), literal(content), this.close('-'));
        } else if (html && span) {
          for (let k = i; k < end; ) {
            const c = src.cls[k]!;
            let m = k + 1;
            while (m < end && src.cls[m] === c) m++;
            const part = src.text.slice(k, m);
            if (c === CODE_OPEN) this.out.push('<code>');
            else if (c === CODE_CLOSE) this.out.push('</code>');
            else this.out.push(kind === '=' ? literal(part) : this.open(kind) + literal(part) + this.close(kind));
            k = m;
          }
        } else {
          const part = src.text.slice(i, end);
          this.out.push(kind === '=' ? part : this.open(kind) + part + this.close(kind));
        }
        i = end;
      }
      return;
    }
    // Text.
    if (kind === '=') this.out.push(raw);
    else if (mode === 'own') this.out.push(this.open(kind) + raw + this.close(kind));
    else this.out.push(this.open(kind) + inertText(raw) + this.close(kind));
  }

  /** A changed pair: walk its operations. */
  pair(segs: readonly Op[], oldSrc: Source, newSrc: Source, og: number, ng: number, os: number, ns: number, view: 'inline' | 'old' | 'new', code?: { old: number; new: number }): void {
    // Positions of each segment in its source(s).
    const pieces: Array<[OpKind, number, number, number, number]> = []; // kind, old start, old end, new start, new end
    let po = og;
    let pn = ng;
    for (const [k, t] of segs) {
      const n = t.length;
      if (k === '=') {
        pieces.push([k, po, po + n, pn, pn + n]);
        po += n;
        pn += n;
      } else if (k === '-') {
        pieces.push([k, po, po + n, pn, pn]);
        po += n;
      } else {
        pieces.push([k, po, po, pn, pn + n]);
        pn += n;
      }
    }
    if (code) {
      const parts: Array<[OpKind, Source, number, number]> = [];
      for (const [k, o0, o1, n0, n1] of pieces) {
        if (k === '-' && view !== 'new') parts.push(['-', oldSrc, Math.max(o0, code.old), o1]);
        else if (k === '+' && view !== 'old') parts.push(['+', newSrc, Math.max(n0, code.new), n1]);
        else if (k === '=') parts.push(view === 'old' ? ['=', oldSrc, Math.max(o0, code.old), o1] : ['=', newSrc, Math.max(n0, code.new), n1]);
      }
      const lead = view === 'old' ? oldSrc.text.slice(Math.max(og, os), code.old) : newSrc.text.slice(Math.max(ng, ns), code.new);
      this.codeBlock(parts, lead);
      return;
    }
    // Code spans touched by a change are written as HTML.
    const base = view === 'old' ? oldSrc : newSrc;
    const touched = new Set<number>();
    for (const [k, o0, o1, n0, n1] of pieces) {
      if (k === '=') continue;
      const [s, e] = view === 'old' ? [o0, o1] : [n0, n1];
      for (const span of base.spans) {
        if (span[3] <= s - (s === e ? 1 : 0) || span[0] >= e + (s === e ? 1 : 0)) continue;
        if ((s === e && s > span[1] && s < span[2]) || (s < e && s < span[3] && e > span[0])) touched.add(span[0]);
      }
    }
    for (const [k, o0, o1, n0, n1] of pieces) {
      if (view === 'old') {
        if (k !== '+') this.piece(k, oldSrc, Math.max(o0, os), o1, 'own', undefined, touched);
        else if (/[^\s]/.test(newSrc.text.slice(n0, n1)) && newSrc.cls.subarray(n0, n1).every((c) => c === SYNTAX)) this.syntaxChanged = true;
      } else if (view === 'new') {
        if (k !== '-') this.piece(k, newSrc, Math.max(n0, ns), n1, 'own', undefined, touched);
      } else if (k === '-') {
        this.piece('-', oldSrc, Math.max(o0, os), o1, 'foreign');
      } else {
        this.piece(k, newSrc, Math.max(n0, ns), n1, 'own', undefined, touched);
        if (k === '+' && /\S/.test(newSrc.text.slice(n0, n1)) && [...newSrc.cls.subarray(n0, n1)].some((c, i) => c === SYNTAX && /\S/.test(newSrc.text[n0 + i]!))) {
          this.syntaxChanged = true;
        }
      }
    }
  }

  /** A code block written as HTML, since marks cannot go inside a fenced block. */
  private codeBlock(parts: Array<[OpKind, Source, number, number]>, lead: string): void {
    // The code's own lines, without the indentation that places the block (in a list item, or indented code).
    const content = parts.map(([, src, s, e]) => [...src.text.slice(s, e)].filter((_, i) => src.cls[s + i] === BLOCK_CODE).join('')).join('');
    const indents = content.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
    const strip = indents.length ? Math.min(...indents) : 0;
    let html = '';
    let column = 0;
    for (const [k, src, s, e] of parts) {
      let run = '';
      const flush = () => {
        if (!run) return;
        const esc = escapeHtml(run).replace(/\n/g, '&#10;');
        html += k === '=' ? esc : `${k === '+' ? '<ins>' : '<del>'}${esc}${k === '+' ? '</ins>' : '</del>'}`;
        run = '';
      };
      for (let i = s; i < e; i++) {
        if (src.cls[i] !== BLOCK_CODE) continue;
        const ch = src.text[i]!;
        if (ch === ' ' && column < strip) {
          column++;
          continue;
        }
        column = ch === '\n' ? 0 : strip;
        run += ch;
      }
      flush();
    }
    this.out.push(lead, `<pre class="rl-code"><code>${html.replace(/&#10;(<\/(?:ins|del)>)?$/, '$1')}</code></pre>`);
  }

  source(): string {
    return this.out.join('');
  }

  render(definitions: readonly string[]): string {
    return renderSource(this.source(), this.ids, definitions);
  }
}

function renderSource(markdown: string, ids: (string | undefined)[], definitions: readonly string[]): string {
  const md = markdown.replace(/^(?:[ \t]*\n)+/, '');
  if (!md.trim()) return '';
  return toHtml(definitions.length ? `${md}\n\n${definitions.join('\n\n')}\n` : md, ids);
}

function spanAt(src: Source, i: number): [number, number, number, number] | undefined {
  let lo = 0;
  let hi = src.spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sp = src.spans[mid]!;
    if (i < sp[0]) hi = mid - 1;
    else if (i >= sp[3]) lo = mid + 1;
    else return sp;
  }
  return undefined;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/g;

/** Markdown source text made inert: escapes and entities kept, other punctuation written as character references, line breaks (with the quote markers or indentation after them) as spaces. */
function inertText(src: string): string {
  return src
    .replace(/[ \t]*\n[ \t>]*/g, ' ')
    .replace(/\\[!-/:-@[-`{-~]|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});|[!-/:-@[-`{-~]/gi, (m) => (m.length > 1 ? m : `&#${m.charCodeAt(0)};`));
}

/** Literal text (code) made inert: every punctuation character as a character reference. */
function literal(src: string): string {
  return src.replace(/\n/g, ' ').replace(ASCII_PUNCT, (m) => `&#${m.charCodeAt(0)};`);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A row's marked Markdown as HTML, through the one Markdown pipeline
 * (src/core/markdown/processor.ts), with the heading ids the redline gives
 * (`ids`, in order) instead of ids computed from the marked text.
 */
function toHtml(markdown: string, ids: (string | undefined)[]): string {
  const hast = toHastTree(parseMarkdown(markdown));
  setHeadingIds(hast, ids);
  return hastToHtml(hast, { allowDangerousHtml: true }).trim();
}

