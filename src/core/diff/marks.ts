/**
 * Marks on a rendered revision: the hast tree its analysis keeps (one parse,
 * src/core/markdown/analyze.ts), with `<ins>` and `<del>` put around the
 * text that changed, at the offsets the diff engine gives in the Markdown
 * source. Every hast node of that tree carries its source range in
 * `data.o` ([start, end)), so that source offsets find their text.
 */
import type { Element, ElementContent, Nodes, Root as HastRoot, RootContent, Text } from 'hast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/** A node's range in the Markdown source, if it has one. */
export function rangeOf(n: Nodes): [number, number] | undefined {
  const o = (n.data as { o?: [number, number] } | undefined)?.o;
  return o;
}

/** A deep copy of a subtree (the analysis's tree is shared: marks are put on copies). */
export function clone<T extends Nodes>(n: T): T {
  return copy(n) as T;
}

/** Trees are plain data (objects, arrays, strings, numbers, booleans, null): copied by hand, several times faster than structuredClone. */
function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) out[k] = copy((v as Record<string, unknown>)[k]);
  return out;
}

const isElement = (n: Nodes): n is Element => n.type === 'element';

/**
 * Where each source offset of a text node falls in its (decoded) value: the
 * source may hold escapes (`\*`), character references (`&amp;`) and, on
 * continuation lines, indentation and quote markers that the value does not.
 * `map[i]` is the value index of source offset `start + i`; `map[length]` is
 * the value's length.
 */
export function indexMap(text: string, start: number, end: number, value: string): number[] {
  const map: number[] = new Array(end - start + 1);
  let i = start;
  let j = 0;
  while (i < end) {
    const c = text[i]!;
    if (j < value.length && c === value[j]) {
      map[i - start] = j;
      i++;
      j++;
      continue;
    }
    if (c === '\\' && i + 1 < end && j < value.length && text[i + 1] === value[j]) {
      map[i - start] = j;
      map[i + 1 - start] = j;
      i += 2;
      j++;
      continue;
    }
    if (c === '&') {
      const ref = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/.exec(text.slice(i, Math.min(end, i + 40)));
      const decoded = ref ? (ref[1] ? String.fromCodePoint(Number(ref[1]) || 0xfffd) : ref[2] ? String.fromCodePoint(parseInt(ref[2], 16) || 0xfffd) : decodeNamedCharacterReference(ref[3]!) || undefined) : undefined;
      if (ref && decoded !== undefined && value.startsWith(decoded, j)) {
        for (let k = 0; k < ref[0].length; k++) map[i + k - start] = j;
        i += ref[0].length;
        j += decoded.length;
        continue;
      }
    }
    // Source the value leaves out (indentation, quote markers, spaces before a line break): no value of its own.
    map[i - start] = j;
    i++;
  }
  map[end - start] = value.length;
  return map;
}

/** A mark over source offsets of one side. */
export interface Mark {
  from: number;
  to: number;
  kind: '+' | '-';
}

/** Nodes to put in at a source offset of the side marked (deleted text of the other side). */
export interface Insert {
  at: number;
  nodes: ElementContent[];
}

export interface MarkOptions {
  /** Words inside each mark for readers that show neither underline nor strike-through (feeds). */
  cues?: boolean;
}

/** `<ins>` or `<del>` around `children`, with cues when asked. */
export function markElement(kind: '+' | '-', children: ElementContent[], options: MarkOptions): Element {
  const cue = options.cues ? [{ type: 'text', value: kind === '+' ? '[+' : '[\u2212' } as Text] : [];
  const end = options.cues ? [{ type: 'text', value: ']' } as Text] : [];
  return { type: 'element', tagName: kind === '+' ? 'ins' : 'del', properties: {}, children: [...cue, ...children, ...end] };
}

/** Elements whose text is not marked here: code is handled by the caller (spans rebuilt, blocks as raw HTML). */
const NO_TEXT_MARKS = new Set(['code', 'pre']);

/**
 * Puts marks on the text nodes under `parent` and the inserted nodes at their
 * offsets, in place. Marks cover text only (never syntax): each text node's
 * part within a mark gets its own `<ins>`/`<del>`. An insert goes into the
 * deepest element whose range strictly contains its offset, or between the
 * children around it; inserts at one offset keep their order, before any
 * mark starting there.
 */
export function applyMarks(text: string, parent: Element | HastRoot, marks: readonly Mark[], inserts: readonly Insert[], options: MarkOptions): void {
  if (marks.length === 0 && inserts.length === 0) return;
  const out: RootContent[] = [];
  const children = parent.children as RootContent[];
  const pending = [...inserts].sort((a, b) => a.at - b.at);
  let p = 0;
  // The end of the last child with a range: an insert past it, after spaces the parser dropped
  // (the end of a paragraph), keeps those spaces before it.
  let prevEnd: number | undefined;
  const put = (ins: Insert) => {
    if (prevEnd !== undefined && ins.at > prevEnd && /^[ \t]+$/.test(text.slice(prevEnd, ins.at))) out.push({ type: 'text', value: text.slice(prevEnd, ins.at) });
    out.push(...(ins.nodes as RootContent[]));
  };
  const flushBefore = (limit: number) => {
    while (p < pending.length && pending[p]!.at <= limit) put(pending[p++]!);
  };
  for (const child of children) {
    const r = rangeOf(child as Nodes);
    if (!r) {
      out.push(child);
      continue;
    }
    const [s, e] = r;
    // Inserts that belong before this child.
    flushBefore(s);
    const inner: Insert[] = [];
    while (p < pending.length && pending[p]!.at < e) inner.push(pending[p++]!);
    const within = marks.filter((m) => m.from < e && m.to > s);
    if (child.type === 'text') {
      out.push(...splitText(text, child, s, e, within, inner, options));
    } else if (isElement(child as Nodes) && !NO_TEXT_MARKS.has((child as Element).tagName)) {
      applyMarks(text, child as Element, within, inner, options);
      out.push(child);
    } else {
      // A node whose text is not marked (code, raw HTML): inserts inside it go after it.
      out.push(child);
      for (const ins of inner) out.push(...(ins.nodes as RootContent[]));
    }
    prevEnd = e;
  }
  flushBefore(Infinity);
  parent.children = out as typeof parent.children;
}

function splitText(text: string, node: Text, s: number, e: number, marks: readonly Mark[], inserts: readonly Insert[], options: MarkOptions): RootContent[] {
  const value = node.value;
  const map = indexMap(text, s, e, value);
  const at = (offset: number) => map[Math.max(0, Math.min(e, offset) - s)]!;
  // Events over value indices: inserts, mark starts and ends.
  const cuts = new Set<number>([0, value.length]);
  for (const m of marks) {
    cuts.add(at(m.from));
    cuts.add(at(m.to));
  }
  for (const ins of inserts) cuts.add(at(ins.at));
  const points = [...cuts].sort((a, b) => a - b);
  const out: RootContent[] = [];
  // The source offset where a value index starts (each piece keeps its own range, for later marks).
  const sourceOf = (x: number) => {
    let i = 0;
    while (i < map.length - 1 && map[i]! < x) i++;
    return s + i;
  };
  for (let k = 0; k < points.length; k++) {
    const x = points[k]!;
    for (const ins of inserts) if (at(ins.at) === x) out.push(...(ins.nodes as RootContent[]));
    const y = points[k + 1];
    if (y === undefined || y === x) continue;
    const piece: Text = { type: 'text', value: value.slice(x, y), data: { o: [sourceOf(x), y === value.length ? e : sourceOf(y)] } as Text['data'] };
    const mark = marks.find((m) => at(m.from) <= x && at(m.to) >= y && at(m.from) < at(m.to));
    out.push(mark ? (markElement(mark.kind, [piece], options) as RootContent) : piece);
  }
  return out;
}

/** The smallest element under `nodes` (or the node itself) whose range covers [start, end). */
export function enclosing(nodes: readonly Nodes[], start: number, end: number): Element | undefined {
  for (const n of nodes) {
    const r = rangeOf(n);
    if (!r || !isElement(n)) continue;
    if (r[0] <= start && r[1] >= end) return enclosing(n.children as Nodes[], start, end) ?? n;
  }
  return undefined;
}

/** The chain of elements from the top of `nodes` down to the smallest one covering [start, end). */
export function chainTo(nodes: readonly Nodes[], start: number, end: number): Element[] {
  for (const n of nodes) {
    const r = rangeOf(n);
    if (!r || !isElement(n)) continue;
    if (r[0] <= start && r[1] >= end) return [n, ...chainTo(n.children as Nodes[], start, end)];
  }
  return [];
}

/** Every element under a node, the node first. */
export function walkElements(n: Nodes, visit: (e: Element) => void): void {
  if (isElement(n)) visit(n);
  if ('children' in n) for (const c of n.children as Nodes[]) walkElements(c, visit);
}

/**
 * The text a deleted stretch of Markdown source shows, as plain text spliced
 * into the other revision's text: line breaks (with the quote markers and
 * indentation after them) read as spaces, escapes and character references
 * decoded.
 */
export function visibleText(raw: string): string {
  return raw
    .replace(/[ \t]*\n[ \t>]*/g, ' ')
    .replace(/\\([!-/:-@[-`{-~])|&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (m, esc: string | undefined, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (esc) return esc;
      if (dec) return String.fromCodePoint(Number(dec) || 0xfffd);
      if (hex) return String.fromCodePoint(parseInt(hex, 16) || 0xfffd);
      const d = decodeNamedCharacterReference(name!);
      return d === false ? m : d;
    });
}
