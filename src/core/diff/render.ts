/**
 * Turns a MarkdownDiff into a redline a reader can read: the policy rendered
 * as on its page, with deleted text in <del> and inserted text in <ins>.
 *
 * Each top-level block (a paragraph, a list, a table…) is a row. A changed
 * row is rendered from the trees the revisions were parsed into once (their
 * analyses keep each body's hast, every node with its source range), not
 * from Markdown written and parsed again:
 *
 * - the inline view is the new revision's tree with inserted text in <ins>,
 *   deleted text spliced in as <del> (as plain text, whatever syntax it had),
 *   and whole deleted blocks put back in place from the old tree (a deleted
 *   list item is still an item of its list, a deleted row a row of its table);
 * - the side-by-side view is each revision's own tree with its own marks.
 *
 * Marks only wrap text (never syntax). A change that is only in syntax (a
 * link's address, bold) gets a note. Code is marked character by character:
 * a code block changed, added or removed is written as HTML of its own
 * (`pre.rl-code`), a code span a change falls inside is written again from
 * its source with the marks in it.
 */
import { toHtml as hastToHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Nodes, Root as HastRoot, RootContent } from 'hast';
import { applyMarks, chainTo, clone, enclosing, markElement, rangeOf, visibleText, walkElements, type Insert, type Mark } from './marks.ts';
import type { ChangedSection, MarkdownDiff, Op, OpKind, RevisionDoc, Unit } from './types.ts';
import { BLOCK_NAMES, HIDDEN_BLOCK, groupRows, unchangedSummary } from './rows.ts';
import { redlineStringsFor, type RedlineStrings } from '../i18n/redline-strings.ts';
import { SYNTAX, TEXT, CODE, CODE_OPEN, CODE_CLOSE, BLOCK_CODE } from './classes.ts';
import { HTML_COMMENT } from './visible.ts';

export { unchangedSummary };

export interface RedlineNote {
  text: string;
  /** Fragment (without #) of the place the note points to, on the same page. */
  target?: string;
}

/**
 * One item of a redline, in reading order: a run of unchanged blocks (shown
 * collapsed), an unchanged heading kept in view (the heading of a changed
 * section), or a changed block.
 */
export interface RedlineItem {
  kind: 'same' | 'pinned' | 'changed';
  /** The top-level blocks the item shows, as readers name them ("paragraph", "list"…). */
  blocks: string[];
  /** Same: "4 unchanged paragraphs". */
  summary: string;
  /** The new text with deletions and insertions marked (same and pinned items: the text). */
  inline: string;
  /** Changed items, side by side: the old text with deletions marked, the new text with insertions marked. */
  old: string;
  new: string;
  notes: RedlineNote[];
  /** Ids of the headings in `inline`. */
  ids: string[];
  /** Changed items: index into the diff's sections of the section the change belongs to (-1: none). */
  section: number;
  /** A changed item whose changes a reader cannot see (only the Markdown source changed). */
  invisible?: boolean;
}

/** What changed in the source when nothing a reader sees did. */
const SOURCE_ONLY: Record<string, string> = { html: 'an HTML comment', definition: 'a link definition' };

export interface RedlineOptions {
  /** The language of the page the redline is on: its notes and labels are written in it (src/core/i18n/redline-strings.ts). Default: English. */
  lang?: string;
  /** Add words to each mark for readers that show neither underline nor strike-through (feeds). */
  cues?: boolean;
  /** Leave out heading ids (feeds: the fragment lands in another page). */
  noIds?: boolean;
  /** Only the changed items (unchanged text is not rendered). */
  changedOnly?: boolean;
}

/** The id a heading gets in a redline: its anchor, or for a heading only in the old revision, `old-<anchor>`. */
export function redlineId(section: Pick<ChangedSection, 'anchor' | 'side'>): string | undefined {
  if (section.anchor === null) return undefined;
  return section.side === 'old' ? `old-${section.anchor}` : section.anchor;
}

/** The redline of a diff between two bodies (`docs`: the bodies the diff was computed from), in reading order. */
export function redline(diff: MarkdownDiff, docs: Docs, options: RedlineOptions = {}): RedlineItem[] {
  const groups = groupRows(diff.units);
  const T = redlineStringsFor(options.lang ?? 'en');

  // Headings of changed sections stay in view.
  const headingAnchor = (u: Unit, side: 'old' | 'new') => {
    const span = u[side];
    return span ? docs[side].blocks[span.block]?.anchor : undefined;
  };
  const pinnedAnchors = new Set(diff.sections.filter((s) => s.side === 'new' && s.anchor !== null).map((s) => s.anchor!));
  const moves = moveLabels(diff, docs, T);

  const rows: Row[] = [];
  for (const g of groups) {
    const changed = g.some((u) => u.kind !== 'equal');
    const notes: RedlineNote[] = [];
    const ids: (string | undefined)[] = [];
    for (const u of g) {
      // Each heading takes the id of the revision it is shown from (none in feeds).
      if (u.type === 'heading' && !options.noIds) {
        const side = u.kind === 'deleted' ? 'old' : 'new';
        const anchor = headingAnchor(u, side);
        ids.push(anchor === undefined ? undefined : side === 'old' ? `old-${anchor}` : anchor);
      } else if (u.type === 'heading') {
        ids.push(undefined);
      }
      if (u.invisible) {
        notes.push({ text: T.sourceOnly(SOURCE_ONLY[u.type] ? (u.type as 'html' | 'definition') : 'spacing', u.kind === 'inserted' ? 'inserted' : u.kind === 'deleted' ? 'deleted' : 'changed') });
      } else if (u.kind === 'changed' && (u.replaced || syntaxChanged(u, docs))) {
        notes.push({ text: u.replaced ? T.rewritten : T.syntaxChanged });
      }
    }
    const pinned = !changed && g.length === 1 && g[0]!.type === 'heading' && pinnedAnchors.has(headingAnchor(g[0]!, 'new') ?? '\u0000');
    rows.push({
      units: g,
      changed,
      invisible: changed && g.every((u) => u.kind === 'equal' || u.invisible),
      pinned,
      blocks: rowBlocks(g, docs),
      notes: dedupeNotes(notes),
      ids,
      section: g.find((u) => u.kind !== 'equal')?.section ?? -1,
      newRoots: [...new Set(g.filter((u) => u.new).map((u) => u.new!.root))],
    });
  }

  // Unchanged rows: the new revision's top-level blocks as its page shows them (each rendered once per revision).
  const fragments = fragmentsOf(docs.new);
  const unchangedHtml = (run: Row[]): string => run.flatMap((row) => row.newRoots.map((root) => fragments.get(docs.new.roots[root]!) ?? '')).join('\n');
  const items: RedlineItem[] = [];
  for (let k = 0; k < rows.length; ) {
    const r = rows[k]!;
    if (r.changed || (r.pinned && !options.changedOnly)) {
      items.push({
        kind: r.changed ? 'changed' : 'pinned',
        blocks: r.blocks,
        summary: '',
        inline: r.changed ? renderRow(r, docs, 'inline', options, moves) : unchangedHtml([r]),
        old: r.changed && !options.changedOnly ? renderRow(r, docs, 'old', options, moves) : '',
        new: r.changed && !options.changedOnly ? renderRow(r, docs, 'new', options, moves) : '',
        notes: r.notes,
        ids: r.ids.filter((x): x is string => !!x),
        section: r.section,
        ...(r.invisible ? { invisible: true } : {}),
      });
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
      ids.push(...rows[m]!.ids);
      m++;
    }
    items.push({
      kind: 'same',
      blocks,
      summary: unchangedSummary(blocks, options.lang),
      inline: unchangedHtml(rows.slice(k, m)),
      old: '',
      new: '',
      notes: [],
      ids: ids.filter((x): x is string => !!x),
      section: -1,
    });
    k = m;
  }
  return items;
}

interface Row {
  units: Unit[];
  changed: boolean;
  /** Every change of the row is in the Markdown source only. */
  invisible: boolean;
  pinned: boolean;
  blocks: string[];
  notes: RedlineNote[];
  /** The ids of the row's headings, in order (undefined: none). */
  ids: (string | undefined)[];
  section: number;
  /** The new revision's top-level blocks in the row. */
  newRoots: number[];
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

export interface Docs {
  old: RevisionDoc;
  new: RevisionDoc;
}

/** A top-level block as readers name it ("paragraph", "list"…); HIDDEN_BLOCK for one the page does not show. */
function blockName(doc: Docs['new'], span: NonNullable<Unit['new']>, type: string): string {
  const t = doc.rootTypes[span.root] ?? type;
  if ((t === 'html' || t === 'definition') && doc.blocks[span.block]?.sig === '') return HIDDEN_BLOCK;
  return BLOCK_NAMES[t] ?? 'block';
}

function rowBlocks(g: Unit[], docs: Docs): string[] {
  // The new revision's top-level blocks, and the old one's that are gone entirely.
  const out: string[] = [];
  const newRoots = new Set<number>();
  const oldShared = new Set<number>();
  for (const u of g) {
    if (u.new && !newRoots.has(u.new.root)) {
      newRoots.add(u.new.root);
      out.push(blockName(docs.new, u.new, u.type));
    }
    if (u.new && u.old) oldShared.add(u.old.root);
  }
  const oldAlone = new Set<number>();
  for (const u of g) {
    if (u.old && !u.new && !oldShared.has(u.old.root) && !oldAlone.has(u.old.root)) {
      oldAlone.add(u.old.root);
      out.push(blockName(docs.old, u.old, u.type));
    }
  }
  return out;
}

const fragmentCache = new WeakMap<RevisionDoc, Map<number, string>>();

/** Each top-level block of a body as HTML, by its start offset (its analysis's tree, headings with their anchors). */
export function fragmentsOf(doc: RevisionDoc): Map<number, string> {
  let f = fragmentCache.get(doc);
  if (!f) {
    f = new Map();
    for (const child of doc.hast.children as Nodes[]) {
      const r = rangeOf(child);
      if (r && child.type !== 'text') f.set(r[0], hastToHtml(child, { allowDangerousHtml: true }));
    }
    fragmentCache.set(doc, f);
  }
  return f;
}

/** A changed pair's operations with where each falls in both bodies: kind, old start, old end, new start, new end. */
type Piece = [OpKind, number, number, number, number];

function piecesOf(u: Unit): Piece[] {
  const pieces: Piece[] = [];
  let po = u.old!.gap;
  let pn = u.new!.gap;
  for (const [k, t] of u.segments ?? []) {
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
  return pieces;
}

const category = (c: number) => (c === CODE_OPEN || c === CODE || c === CODE_CLOSE ? CODE : c);

/** Runs of one category (syntax, text, code span, code block) in [s, e) of a source. */
function runs(doc: RevisionDoc, s: number, e: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let i = s;
  while (i < e) {
    const cat = category(doc.cls[i]!);
    let j = i + 1;
    while (j < e && category(doc.cls[j]!) === cat) j++;
    out.push([cat, i, j]);
    i = j;
  }
  return out;
}

/**
 * Whether a changed pair changed syntax as well as text (a link's address,
 * emphasis): deleted syntax, or inserted syntax beyond list and quote markers.
 */
function syntaxChanged(u: Unit, docs: Docs): boolean {
  if (u.type === 'code') return false;
  for (const [k, o0, o1, n0, n1] of piecesOf(u)) {
    if (k === '-') {
      for (const [cat, s, e] of runs(docs.old, o0, o1)) if ((cat === SYNTAX || cat === BLOCK_CODE) && /\S/.test(docs.old.text.slice(s, e))) return true;
    } else if (k === '+') {
      const t = docs.new.text;
      for (const [cat, s, e] of runs(docs.new, n0, n1)) if ((cat === SYNTAX || cat === BLOCK_CODE) && /[^\s>|#*+\-.\d)]/.test(t.slice(s, e))) return true;
      if (/\S/.test(t.slice(n0, n1)) && [...docs.new.cls.subarray(n0, n1)].some((c, i) => c === SYNTAX && /\S/.test(t[n0 + i]!))) return true;
    }
  }
  return false;
}

/** Code spans: [start, contentStart, contentEnd, end]. */
type Span = [number, number, number, number];

/** Code spans of a side that a change falls inside (they are written again, marks inside). */
function touchedSpans(doc: RevisionDoc, ranges: Array<[number, number]>): Span[] {
  const out = new Set<Span>();
  for (const [s, e] of ranges) {
    for (const span of doc.spans) {
      if (span[3] <= s - (s === e ? 1 : 0) || span[0] >= e + (s === e ? 1 : 0)) continue;
      if ((s === e && s > span[1] && s < span[2]) || (s < e && s < span[3] && e > span[0])) out.add(span);
    }
  }
  return [...out];
}

/** Deleted text of the old revision as plain text in the new one: a <del> per run of text and per code span's content. */
function foreign(doc: RevisionDoc, s: number, e: number, options: RedlineOptions): ElementContent[] {
  const out: ElementContent[] = [];
  for (const [cat, a, b] of runs(doc, s, e)) {
    if (cat === TEXT) {
      out.push(markElement('-', [{ type: 'text', value: visibleText(doc.text.slice(a, b)) }], options));
    } else if (cat === CODE) {
      for (let i = a; i < b; ) {
        const span = spanAt(doc, i);
        const end = span ? Math.min(b, span[3]) : b;
        const content = doc.text.slice(Math.max(i, span ? span[1] : i), Math.min(end, span ? span[2] : end));
        if (content) out.push(markElement('-', [{ type: 'text', value: content.replace(/\n/g, ' ') }], options));
        i = end;
      }
    }
  }
  return out;
}

/**
 * A code span written again from its source with the marks of the side shown:
 * marks cannot go inside a code span's Markdown, so the span is rebuilt as
 * <code> with <ins>/<del> in it (without the code span's own trimming).
 */
function rebuiltSpan(doc: RevisionDoc, span: Span, marks: Mark[], inserts: Insert[], options: RedlineOptions): Element {
  const children: ElementContent[] = [];
  const [, cs, ce] = span;
  const cuts = new Set<number>([cs, ce]);
  for (const m of marks) {
    if (m.to > cs && m.from < ce) {
      cuts.add(Math.max(cs, m.from));
      cuts.add(Math.min(ce, m.to));
    }
  }
  for (const ins of inserts) if (ins.at >= cs && ins.at <= ce) cuts.add(ins.at);
  const points = [...cuts].sort((a, b) => a - b);
  for (let k = 0; k < points.length; k++) {
    const x = points[k]!;
    for (const ins of inserts) if (ins.at === x) children.push(...ins.nodes);
    const y = points[k + 1];
    if (y === undefined || y === x) continue;
    const text = { type: 'text' as const, value: doc.text.slice(x, y).replace(/\n/g, ' ') };
    const mark = marks.find((m) => m.from <= x && m.to >= y);
    children.push(mark ? markElement(mark.kind, [text], options) : text);
  }
  return { type: 'element', tagName: 'code', properties: {}, children };
}

function spanAt(doc: RevisionDoc, i: number): Span | undefined {
  let lo = 0;
  let hi = doc.spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sp = doc.spans[mid]!;
    if (i < sp[0]) hi = mid - 1;
    else if (i >= sp[3]) lo = mid + 1;
    else return sp;
  }
  return undefined;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A code block's content as HTML, each part marked by its kind, since marks cannot go inside a code block. */
function codeBlockHtml(parts: Array<[OpKind, RevisionDoc, number, number]>): string {
  // The code's own lines, without the indentation that places the block (in a list item, or indented code).
  const content = parts.map(([, src, s, e]) => [...src.text.slice(s, e)].filter((_, i) => src.cls[s + i] === BLOCK_CODE).join('')).join('');
  const indents = content.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const strip = indents.length ? Math.min(...indents) : 0;
  let html = '';
  let column = 0;
  for (const [k, src, s, e] of parts) {
    let run = '';
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
    if (!run) continue;
    const esc = escapeHtml(run).replace(/\n/g, '&#10;');
    html += k === '=' ? esc : `${k === '+' ? '<ins>' : '<del>'}${esc}${k === '+' ? '</ins>' : '</del>'}`;
  }
  return `<pre class="rl-code"><code>${html.replace(/&#10;(<\/(?:ins|del)>)?$/, '$1')}</code></pre>`;
}

/** Replaces `target` (found anywhere under `nodes`) with `replacement`. */
function replaceNode(nodes: RootContent[], target: Nodes, replacement: RootContent): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n === target) {
      nodes[i] = replacement;
      return true;
    }
    if ('children' in n && replaceNode(n.children as RootContent[], target, replacement)) return true;
  }
  return false;
}

/** The element of a side's tree that shows a code block (its <pre>). */
function preOf(nodes: Nodes[], start: number, end: number): Element | undefined {
  let found: Element | undefined;
  for (const n of nodes) {
    walkElements(n, (e) => {
      const r = rangeOf(e);
      if (!found && e.tagName === 'pre' && r && r[0] <= start && r[1] >= end) found = e;
    });
  }
  return found;
}

/**
 * One view of a changed row, as HTML: `old` and `new` are each revision's own
 * blocks with their marks; `inline` is the new revision's blocks with the old
 * one's deleted text and blocks put in where they were.
 */
function renderRow(row: Row, docs: Docs, view: 'inline' | 'old' | 'new', options: RedlineOptions, moves: Map<number, MoveLabels>): string {
  const side = view === 'old' ? 'old' : 'new';
  const doc = docs[side];
  const rootIndexes = [...new Set(row.units.filter((u) => u[side]).map((u) => u[side]!.root))];
  const top: RootContent[] = rootIndexes.map((r) => clone(doc.hast.children.find((c) => rangeOf(c as Nodes)?.[0] === doc.roots[r]) as RootContent)).filter(Boolean);
  // Every item of an ordered list shows the number it has in its own revision, whatever is put in around it.
  for (const n of top) numberItems(n as Nodes);
  // Only the row's blocks: a top-level block may be shared with the row before or after (a list whose items were rearranged).
  const own: Array<[number, number]> = row.units.filter((u) => u[side]).map((u) => [u[side]!.start, u[side]!.end]);
  for (const n of top) prune(n as Nodes, own);
  // Moved blocks, labelled where they are in this view (after the marks).
  const labels: Array<[number, number, 'to' | 'from', number]> = [];
  const marks: Mark[] = [];
  // Deleted text put in, by the element of the block it goes into (at its ends, inside it).
  const inserts = new Map<Element, Insert[]>();
  const rawCode: Array<[Element, string]> = [];
  const spans: Array<{ span: Span; marks: Mark[]; inserts: Insert[]; rebuild: boolean }> = [];
  const mark = (kind: '+' | '-', s: number, e: number) => {
    if (s < e) marks.push({ from: s, to: e, kind });
  };

  for (const u of row.units) {
    const span = u[side];
    // (a change only in the source shows as the text it is)
    if (u.kind === 'equal' || u.invisible || (!span && view !== 'inline')) continue;
    if (u.move !== undefined && span) {
      // A moved block: unmarked where it was; where it is, marked only with what was edited on the way.
      labels.push([span.start, span.end, u.kind === 'inserted' ? 'to' : 'from', u.move]);
      const info = moves.get(u.move);
      if (u.kind === 'inserted' && info && u.moveSegments) {
        let po = info.from.old!.start;
        let pn = span.start;
        for (const [k, t] of u.moveSegments) {
          if (k === '=') {
            po += t.length;
            pn += t.length;
          } else if (k === '+') {
            for (const [cat, a, b] of runs(doc, pn, pn + t.length)) if (cat === TEXT) mark('+', a, b);
            pn += t.length;
          } else {
            if (view === 'inline') {
              const nodes = foreign(docs.old, po, po + t.length, options);
              const leaf = enclosing(top as Nodes[], span.start, span.end);
              if (leaf && nodes.length) inserts.set(leaf, [...(inserts.get(leaf) ?? []), { at: Math.min(Math.max(pn, span.start), span.end), nodes }]);
            }
            po += t.length;
          }
        }
      }
      continue;
    }
    if (u.kind === 'inserted' || u.kind === 'deleted') {
      if (!span) continue; // a deleted block in the inline view: put in below
      const kind = u.kind === 'inserted' ? '+' : '-';
      if (u.type === 'code') {
        const pre = preOf(top as Nodes[], span.start, span.end);
        if (pre) rawCode.push([pre, codeBlockHtml([[kind, doc, span.start, span.end]])]);
        continue;
      }
      // Own text marked; a code span inside is marked whole.
      for (const [cat, s, e] of runs(doc, span.gap, span.end)) {
        if (cat === TEXT) mark(kind, s, e);
        else if (cat === CODE) for (const sp of doc.spans) if (sp[0] >= s && sp[3] <= e) spans.push({ span: sp, marks: [{ from: sp[1], to: sp[2], kind }], inserts: [], rebuild: false });
      }
      continue;
    }
    // A changed pair.
    const pieces = piecesOf(u);
    if (u.type === 'code') {
      const parts: Array<[OpKind, RevisionDoc, number, number]> = [];
      for (const [k, o0, o1, n0, n1] of pieces) {
        if (k === '-' && view !== 'new') parts.push(['-', docs.old, Math.max(o0, u.old!.start), o1]);
        else if (k === '+' && view !== 'old') parts.push(['+', docs.new, Math.max(n0, u.new!.start), n1]);
        else if (k === '=') parts.push(view === 'old' ? ['=', docs.old, Math.max(o0, u.old!.start), o1] : ['=', docs.new, Math.max(n0, u.new!.start), n1]);
      }
      const pre = preOf(top as Nodes[], span!.start, span!.end);
      if (pre) rawCode.push([pre, codeBlockHtml(parts)]);
      continue;
    }
    const own = view === 'old' ? '-' : '+';
    const ranges: Array<[number, number]> = pieces.filter(([k]) => k !== '=').map(([, o0, o1, n0, n1]) => (view === 'old' ? [o0, o1] : [n0, n1]));
    const touched = touchedSpans(doc, ranges);
    const leafStart = span!.start;
    const leafEnd = span!.end;
    for (const [k, o0, o1, n0, n1] of pieces) {
      const [s, e] = view === 'old' ? [o0, o1] : [n0, n1];
      if (k === own) {
        for (const [cat, a, b] of runs(doc, s, e)) {
          if (cat === TEXT) mark(k, a, b);
          // (a code span a change touches is written again below, with its marks)
        }
      } else if (k === '-' && view === 'inline') {
        const nodes = foreign(docs.old, o0, o1, options);
        if (nodes.length === 0) continue;
        const inside = touched.find((sp) => n0 >= sp[1] && n0 <= sp[2]);
        const leaf = inside ? undefined : enclosing(top as Nodes[], leafStart, leafEnd);
        if (leaf) inserts.set(leaf, [...(inserts.get(leaf) ?? []), { at: Math.min(Math.max(n0, leafStart), leafEnd), nodes }]);
      }
    }
    // Code spans a change falls inside: written again with the marks of this view.
    for (const sp of touched) {
      const spanMarks: Mark[] = [];
      const spanInserts: Insert[] = [];
      for (const [k, o0, o1, n0, n1] of pieces) {
        const [s, e] = view === 'old' ? [o0, o1] : [n0, n1];
        if (k === own) spanMarks.push({ from: Math.max(s, sp[1]), to: Math.min(e, sp[2]), kind: k });
        else if (k === '-' && view === 'inline' && n0 >= sp[1] && n0 <= sp[2]) spanInserts.push({ at: n0, nodes: foreign(docs.old, o0, o1, options) });
      }
      spans.push({ span: sp, marks: spanMarks.filter((m) => m.from < m.to), inserts: spanInserts, rebuild: true });
    }
  }

  // Code spans: marked whole (in a block added or removed), or written again with their marks.
  for (const { span: sp, marks: spanMarks, inserts: spanInserts, rebuild } of spans) {
    for (const n of top) {
      let target: Element | undefined;
      walkElements(n as Nodes, (e) => {
        const r = rangeOf(e);
        if (!target && e.tagName === 'code' && r && r[0] === sp[0] && r[1] === sp[3]) target = e;
      });
      if (!target) continue;
      const replacement = rebuild ? rebuiltSpan(doc, sp, spanMarks, spanInserts, options) : markElement(spanMarks[0]!.kind, [target], options);
      replacement.data = { o: [sp[0], sp[3]] } as unknown as Element['data'];
      replaceNode(top, target, replacement as RootContent);
      break;
    }
  }
  for (const [leaf, list] of inserts) applyMarks(doc.text, leaf, [], list, options);
  for (const [pre, html] of rawCode) replaceNode(top, pre, { type: 'raw', value: html } as RootContent);
  const root: HastRoot = { type: 'root', children: top };
  applyMarks(doc.text, root, marks, [], options);
  const blocks = root.children as RootContent[];
  for (const [start, end, way, id] of labels) labelMove(blocks, start, end, way, id, view, moves, options);
  if (view === 'inline') putBackDeleted(row, docs, blocks, options, moves);
  setIds(row, docs, blocks, view, options);
  stripComments(blocks);
  return (blocks as Nodes[]).map((n) => hastToHtml(n, { allowDangerousHtml: true })).join('\n').trim();
}

/** Elements whose children are blocks: what a row does not show of them is left out. */
const CONTAINERS = new Set(['ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'blockquote', 'section']);

/**
 * Keeps, of a top-level block, the parts a row shows: a list's items, a
 * table's rows, a quotation's blocks that hold one of `ranges` (the row's
 * blocks, in this revision's source). An ordered list that now starts at a
 * later item keeps that item's number.
 */
function prune(node: Nodes, ranges: ReadonlyArray<[number, number]>): void {
  if (node.type !== 'element' || !CONTAINERS.has(node.tagName) || node.tagName === 'tr') return;
  const hits = (n: Nodes) => {
    const r = rangeOf(n);
    return !r || ranges.some(([s, e]) => s < r[1] && e > r[0]) || (r[0] === r[1] && ranges.some(([s, e]) => s <= r[0] && r[0] <= e));
  };
  const items = node.children.filter((c) => c.type === 'element');
  const firstKept = items.findIndex((c) => hits(c as Nodes));
  if (node.tagName === 'ol' && firstKept > 0) {
    const start = typeof node.properties.start === 'number' ? node.properties.start : 1;
    node.properties.start = start + firstKept;
  }
  const kept: typeof node.children = [];
  for (const c of node.children) {
    if (c.type === 'element' && !hits(c as Nodes)) {
      // its line break goes with it
      if (kept.length && kept.at(-1)!.type === 'text' && (kept.at(-1) as { value: string }).value === '\n') kept.pop();
      continue;
    }
    kept.push(c);
  }
  node.children = kept;
  for (const c of node.children) prune(c as Nodes, ranges);
}

const NEWLINE = (): RootContent => ({ type: 'text', value: '\n' });
const isNewline = (n: RootContent | undefined) => n?.type === 'text' && n.value === '\n';

/** Puts `node` into `children` at `index`, keeping the line breaks between blocks that the tree has there. */
function putAt(children: RootContent[], index: number, node: RootContent, separated: boolean): void {
  if (!separated) {
    children.splice(index, 0, node);
    return;
  }
  if (index > 0 && isNewline(children[index - 1])) children.splice(index, 0, node, NEWLINE());
  else children.splice(index, 0, NEWLINE(), node);
}

/**
 * The inline view: puts the blocks only the old revision has back where they
 * were, among the new revision's. A deleted block goes into the element of
 * the new tree that corresponds to its parent in the old one (found through
 * the blocks the two revisions share: a deleted list item into its list, a
 * deleted row into its table), next to its neighbours in reading order; a
 * block whose whole top-level block is gone goes back as a top-level block.
 */
function putBackDeleted(row: Row, docs: Docs, top: RootContent[], options: RedlineOptions, moves: Map<number, MoveLabels>): void {
  // (a block removed from the source only, such as an HTML comment, shows nothing to put back)
  const deleted = row.units.filter((u) => u.kind === 'deleted' && u.old && !u.invisible);
  if (deleted.length === 0) return;
  const oldTop = docs.old.hast.children as Nodes[];
  // Old elements and the new elements they are (through blocks on both sides).
  const counterpart = new Map<Element, Element>();
  for (const u of row.units) {
    if (!u.old || !u.new) continue;
    const a = chainTo(oldTop, u.old.start, u.old.end);
    const b = chainTo(top as Nodes[], u.new.start, u.new.end);
    for (let k = 0; k < a.length && k < b.length && a[k]!.tagName === b[k]!.tagName; k++) counterpart.set(a[k]!, b[k]!);
  }
  const marks: Mark[] = [];
  for (const u of deleted) if (u.move === undefined) for (const [cat, s, e] of runs(docs.old, u.old!.gap, u.old!.end)) if (cat === TEXT) marks.push({ from: s, to: e, kind: '-' });
  const placed = new Set<Element>();
  const lastPut = new Map<unknown, RootContent>();
  // What was put back carries the old revision's offsets: never a landmark for the new one's.
  const putBack = new Set<RootContent>();
  for (const u of deleted) {
    const chain = chainTo(oldTop, u.old!.start, u.old!.end);
    if (chain.length === 0) continue;
    let k = chain.length - 1;
    while (k >= 0 && !counterpart.has(chain[k]!)) k--;
    const source = chain[k + 1];
    // A block put back whole holds every deleted block inside it; a moved block leaves its own marker.
    if (!source || (u.move === undefined && placed.has(source))) continue;
    if (u.move === undefined) placed.add(source);
    let marked: RootContent;
    if (u.move !== undefined) {
      // A block moved: where it was, a line that says where it went (a list item stays an item, with its number).
      const item = source.tagName === 'li';
      const number = item && chain[k]!.tagName === 'ol' ? itemNumberIn(chain[k]!, source) : undefined;
      marked = moveMarker(item ? 'li' : 'p', number, u.move, moves.get(u.move)?.where ?? 'elsewhere', options);
    } else {
      marked = putBackBlock(source, deleted.filter((d) => d.move === undefined), docs, marks, options);
      // A removed item shows the number it had: the new list's numbers around it do not shift it.
      if (source.tagName === 'li' && chain[k]?.tagName === 'ol' && marked.type === 'element') (marked.properties as Record<string, unknown>).value = itemNumberIn(chain[k]!, source);
    }
    // Where: inside the new counterpart of its parent (or at the top), after the block before it in reading order.
    const parent = k >= 0 ? counterpart.get(chain[k]!)! : undefined;
    const children = parent ? (parent.children as RootContent[]) : top;
    const separated = !parent || children.some(isNewline);
    const i = row.units.indexOf(u);
    const within = (off: number) => {
      for (let c = 0; c < children.length; c++) {
        if (putBack.has(children[c]!)) continue;
        const r = rangeOf(children[c] as Nodes);
        if (r && r[0] <= off && off < Math.max(r[1], r[0] + 1)) return c;
      }
      return -1;
    };
    let at = -1;
    for (let j = i - 1; j >= 0 && at < 0; j--) {
      const n = row.units[j]!.new;
      if (n) {
        const c = within(n.start);
        if (c >= 0) {
          // after that child, and after what was put back after it already
          let x = c;
          const last = lastPut.get(children[c]);
          if (last) x = children.indexOf(last);
          putAt(children, x + 1 + (separated && isNewline(children[x + 1]) ? 1 : 0), marked, separated);
          lastPut.set(children[c], marked);
          at = x;
        }
      }
    }
    putBack.add(marked);
    if (at >= 0) continue;
    let before = -1;
    for (let j = i + 1; j < row.units.length && before < 0; j++) {
      const n = row.units[j]!.new;
      if (n) before = within(n.start);
    }
    if (before >= 0) putAt(children, before, marked, separated);
    else putAt(children, children.length - (separated && isNewline(children.at(-1)) ? 1 : 0), marked, separated);
  }
}

/** An old block put back whole, marked deleted: its code blocks as HTML of their own, its headings with the old revision's ids. */
function putBackBlock(source: Element, deleted: Unit[], docs: Docs, marks: Mark[], options: RedlineOptions): RootContent {
  const node = clone(source) as RootContent;
  numberItems(node as Nodes);
  prune(node as Nodes, deleted.map((d) => [d.old!.start, d.old!.end]));
  for (const d of deleted) {
    if (d.type !== 'code') continue;
    const pre = preOf([node as Nodes], d.old!.start, d.old!.end);
    if (pre) replaceNode([node], pre, { type: 'raw', value: codeBlockHtml([['-', docs.old, d.old!.start, d.old!.end]]) } as RootContent);
  }
  const holder: HastRoot = { type: 'root', children: [node] };
  applyMarks(docs.old.text, holder, marks, [], options);
  const marked = holder.children[0]!;
  walkElements(marked as Nodes, (e) => {
    if (/^h[1-6]$/.test(e.tagName) && typeof e.properties.id === 'string') e.properties.id = `old-${e.properties.id}`;
  });
  for (const d of deleted) {
    if (d.type !== 'code' && d.old && d.move === undefined) for (const [cat, s, e] of runs(docs.old, d.old.start, d.old.end)) if (cat === CODE) wrapSpans(marked as Nodes, docs.old, s, e, options);
  }
  return marked;
}

/** Gives each item of each ordered list its number (its list's start, then one more each), as an explicit `value`. */
function numberItems(n: Nodes): void {
  walkElements(n, (e) => {
    if (e.tagName !== 'ol') return;
    let k = typeof e.properties.start === 'number' ? e.properties.start : 1;
    for (const c of e.children) if (c.type === 'element' && c.tagName === 'li') (c.properties as Record<string, unknown>).value = k++;
  });
}

/** The number of an item in its ordered list (the list in the revision's own tree). */
function itemNumberIn(ol: Element, li: Element): number {
  let k = typeof ol.properties.start === 'number' ? ol.properties.start : 1;
  for (const c of ol.children) {
    if (c === li) return k;
    if (c.type === 'element' && c.tagName === 'li') k++;
  }
  return k;
}

/** Where a moved block went and where it came from, as a reader would say it. */
export interface MoveLabels {
  from: Unit;
  to: Unit;
  /** Where it went: "“B. Account Terms”", "item 13", "below". */
  where: string;
  /** Where it came from. */
  whence: string;
}

export function moveLabels(diff: MarkdownDiff, docs: Docs, T: RedlineStrings = redlineStringsFor('en')): Map<number, MoveLabels> {
  const byId = new Map<number, { from?: Unit; to?: Unit }>();
  diff.units.forEach((u) => {
    if (u.move === undefined) return;
    const m = byId.get(u.move) ?? {};
    if (u.kind === 'deleted') m.from = u;
    else m.to = u;
    byId.set(u.move, m);
  });
  const out = new Map<number, MoveLabels>();
  const number = (doc: RevisionDoc, span: Span2) => {
    const chain = chainTo(doc.hast.children as Nodes[], span.start, span.end);
    for (let k = chain.length - 1; k > 0; k--) if (chain[k]!.tagName === 'li' && chain[k - 1]!.tagName === 'ol') return itemNumberIn(chain[k - 1]!, chain[k]!);
    return undefined;
  };
  for (const [id, { from, to }] of byId) {
    if (!from || !to) continue;
    const secFrom = from.section >= 0 ? diff.sections[from.section] : undefined;
    const secTo = to.section >= 0 ? diff.sections[to.section] : undefined;
    const title = (s: ChangedSection | undefined) => (s && s.anchor !== null ? T.quoted(s.title) : T.theBeginning);
    const sameSection = (secFrom?.title ?? '') === (secTo?.title ?? '');
    const nTo = number(docs.new, to.new!);
    const nFrom = number(docs.old, from.old!);
    const later = diff.units.indexOf(to) > diff.units.indexOf(from);
    out.set(id, {
      from,
      to,
      where: !sameSection ? title(secTo) : nTo !== undefined ? T.item(nTo) : later ? T.below : T.above,
      whence: !sameSection ? title(secFrom) : nFrom !== undefined ? T.item(nFrom) : later ? T.above : T.below,
    });
  }
  return out;
}

type Span2 = { start: number; end: number };

/** "Moved to item 3", "Moved to “Fees”", "Moved below". */
export function movedTo(where: string, lang = 'en'): string {
  return redlineStringsFor(lang).movedTo(where);
}

/** Where a moved block was: a line (a list item, in a list) that says where it went, and links there. */
function moveMarker(tag: 'li' | 'p', value: number | undefined, id: number, where: string, options: RedlineOptions): RootContent {
  const link: Element = { type: 'element', tagName: 'a', properties: { href: `#rl-move-${id}`, className: ['rl-move'] }, children: [{ type: 'text', value: movedTo(where, options.lang) }] };
  return {
    type: 'element',
    tagName: tag,
    properties: { className: ['rl-moved-away'], ...(value !== undefined ? { value } : {}), ...(options.noIds ? {} : { id: `rl-moved-${id}` }) } as Element['properties'],
    children: [link],
  };
}

const LABEL_INSIDE = new Set(['li', 'p', 'td', 'th']);

/**
 * Labels a moved block in a view: where it is now (inline and new views), with
 * an id the marker at its old place links to, and "Moved here from …"; where it
 * was (the old view), "Moved to …".
 */
function labelMove(blocks: RootContent[], start: number, end: number, way: 'to' | 'from', id: number, view: 'inline' | 'old' | 'new', moves: Map<number, MoveLabels>, options: RedlineOptions): void {
  const el = enclosing(blocks as Nodes[], start, end);
  const info = moves.get(id);
  if (!el || !info) return;
  const className = Array.isArray(el.properties.className) ? el.properties.className : [];
  el.properties.className = [...className, way === 'to' ? 'rl-moved' : 'rl-moved-away'];
  if (way === 'to' && view === 'inline' && !options.noIds && !/^h[1-6]$/.test(el.tagName)) el.properties.id = `rl-move-${id}`;
  const text = way === 'to' ? redlineStringsFor(options.lang ?? 'en').movedHereFrom(info.whence) : movedTo(info.where, options.lang);
  const href = way === 'to' ? `#rl-moved-${id}` : `#rl-move-${id}`;
  const link: Element = { type: 'element', tagName: 'a', properties: { href, className: ['rl-move'] }, children: [{ type: 'text', value: text }] };
  const cell = el.tagName === 'tr' ? el.children.find((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th')) : undefined;
  if (LABEL_INSIDE.has(el.tagName) || cell) {
    // In a row, the label goes in its first cell.
    (cell ?? el).children.unshift({ type: 'element', tagName: 'span', properties: { className: ['rl-move-label'] }, children: [link] }, { type: 'text', value: ' ' });
  } else {
    // A heading, a table row, a code block: the label on a line of its own before it.
    const label: Element = { type: 'element', tagName: 'p', properties: { className: ['rl-move-label'] }, children: [link] };
    // A heading keeps its own id: the label carries the one moves link to.
    if (way === 'to' && view === 'inline' && !options.noIds && /^h[1-6]$/.test(el.tagName)) label.properties.id = `rl-move-${id}`;
    const parentOf = (nodes: RootContent[]): RootContent[] | undefined => {
      for (const n of nodes) {
        if (n === el) return nodes;
        if ('children' in n) {
          const found = parentOf(n.children as RootContent[]);
          if (found) return found;
        }
      }
      return undefined;
    };
    const siblings = parentOf(blocks);
    if (siblings) siblings.splice(siblings.indexOf(el), 0, label, { type: 'text', value: '\n' });
  }
}

/** HTML comments show nothing: a redline (and a feed) carries none. */
function stripComments(nodes: RootContent[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (n.type === 'raw') {
      const v = n.value.replace(HTML_COMMENT, '');
      if (v.trim() === '') nodes.splice(i, 1);
      else n.value = v;
    } else if (n.type === 'comment') nodes.splice(i, 1);
    else if ('children' in n) stripComments(n.children as RootContent[]);
  }
}

/** Wraps the code spans (their <code> elements) of an old block put back whole in <del>. */
function wrapSpans(tree: Nodes, doc: RevisionDoc, s: number, e: number, options: RedlineOptions): void {
  for (const sp of doc.spans) {
    if (sp[0] < s || sp[3] > e) continue;
    let target: Element | undefined;
    walkElements(tree, (el) => {
      const r = rangeOf(el);
      if (!target && el.tagName === 'code' && r && r[0] === sp[0] && r[1] === sp[3]) target = el;
    });
    if (target) replaceNode([tree as RootContent], target, markElement('-', [target], options) as RootContent);
  }
}

/** Heading ids: the old revision's as `old-<anchor>` in the old view; none in feeds. */
function setIds(row: Row, docs: Docs, top: RootContent[], view: 'inline' | 'old' | 'new', options: RedlineOptions): void {
  for (const n of top) {
    walkElements(n as Nodes, (e) => {
      if (!/^h[1-6]$/.test(e.tagName)) return;
      if (options.noIds) delete e.properties.id;
      else if (view === 'old' && typeof e.properties.id === 'string') e.properties.id = `old-${e.properties.id}`;
    });
  }
}

export interface ChangedBlocksOptions {
  /** The feed's language (its headings and the note on how to read the marks). Default: English. */
  lang?: string;
  /** Stop adding changed blocks once the HTML would grow past this many characters (default 20,000). */
  maxChars?: number;
  /** Where a section's heading is, for a link; undefined for none. */
  sectionHref?: (anchor: string, section: ChangedSection) => string | undefined;
  /** The diff's redline for feeds: `redline(diff, docs, FEED_REDLINE)`. */
  items: RedlineItem[];
}

/** The redline options of renderChangedBlocksHtml. */
export const FEED_REDLINE: RedlineOptions = { cues: true, noIds: true, changedOnly: true };

export interface ChangedBlocksHtml {
  html: string;
  /** Some changed blocks were left out to stay within maxChars. */
  truncated: boolean;
  /** Changed blocks shown, of all changed blocks. */
  shown: number;
  total: number;
}

/**
 * The redline of just the changed blocks, grouped by section, as
 * self-contained HTML for feed readers: <ins> and <del> with words in
 * brackets that say what they mark ("[+ …]", "[− …]"), no classes or styles
 * needed, no ids. Capped at `maxChars`.
 */
export function renderChangedBlocksHtml(diff: MarkdownDiff, options: ChangedBlocksOptions): ChangedBlocksHtml {
  const max = options.maxChars ?? 20_000;
  const items = options.items.filter((i) => i.kind === 'changed');
  const parts: string[] = [];
  const T = redlineStringsFor(options.lang ?? 'en');
  if (items.length) parts.push(T.feedHowTo);
  let size = parts.join('').length;
  let shown = 0;
  let lastSection = -2;
  let truncated = false;
  for (const item of items) {
    const chunk: string[] = [];
    if (item.section !== lastSection) {
      const sec = item.section >= 0 ? diff.sections[item.section] : undefined;
      if (!sec || sec.anchor === null) chunk.push(`<h3>${T.atTheBeginning}</h3>`);
      else {
        const href = options.sectionHref?.(sec.anchor, sec);
        const title = escapeHtml(sec.title || sec.anchor);
        const what = sec.heading === 'deleted' ? T.sectionRemoved : sec.heading === 'inserted' ? T.newSection : '';
        chunk.push(`<h3>${href ? `<a href="${escapeHtml(href)}">${title}</a>` : title}${what}</h3>`);
      }
    }
    chunk.push(item.inline);
    for (const n of item.notes) chunk.push(`<p><em>${escapeHtml(n.text)}</em></p>`);
    const html = chunk.join('\n');
    if (size + html.length > max) {
      truncated = true;
      break;
    }
    parts.push(html);
    size += html.length + 1;
    shown++;
    lastSection = item.section;
  }
  return { html: parts.join('\n'), truncated, shown, total: items.length };
}
