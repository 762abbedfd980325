/**
 * What each character of a Markdown source is: text a reader sees, syntax,
 * or code. Read off the tree the one Markdown pipeline parsed
 * (src/core/markdown/processor.ts). The redline renderer marks text and
 * leaves syntax alone; the compare page's script shows text only.
 */
import type { Nodes, Root } from 'mdast';

export const SYNTAX = 0;
export const TEXT = 1;
/** Inside a code span. */
export const CODE = 2;
/** A code span's opening backticks. */
export const CODE_OPEN = 3;
export const CODE_CLOSE = 4;
/** The content of a code block. */
export const BLOCK_CODE = 5;

export interface SourceClasses {
  cls: Uint8Array;
  /** Code spans: [start, contentStart, contentEnd, end], sorted. */
  spans: Array<[number, number, number, number]>;
  /** Link definitions' source, appended to every rendered row so that references resolve. */
  definitions: string[];
}

/** The classes of every character of `text`, from its parsed tree. */
export function classifyTree(text: string, tree: Root): SourceClasses {
  const cls = new Uint8Array(text.length);
  const spans: SourceClasses['spans'] = [];
  const definitions: string[] = [];
  const walk = (n: Nodes) => {
    const s = n.position?.start.offset;
    const e = n.position?.end.offset;
    if (s === undefined || e === undefined) return;
    switch (n.type) {
      case 'text':
        cls.fill(TEXT, s, e);
        return;
      case 'inlineCode': {
        const src = text.slice(s, e);
        const k = /^`+/.exec(src)?.[0].length ?? 1;
        cls.fill(CODE_OPEN, s, s + k);
        cls.fill(CODE, s + k, e - k);
        cls.fill(CODE_CLOSE, e - k, e);
        spans.push([s, s + k, e - k, e]);
        return;
      }
      case 'code': {
        const src = text.slice(s, e);
        const fenced = /^(`{3,}|~{3,})/.exec(src);
        if (!fenced) {
          cls.fill(BLOCK_CODE, s, e);
          return;
        }
        const first = src.indexOf('\n');
        if (first < 0) return;
        const lastLine = src.lastIndexOf('\n');
        const closed = lastLine > first && src.slice(lastLine + 1).trim().startsWith(fenced[1]!);
        cls.fill(BLOCK_CODE, s + first + 1, closed ? s + lastLine + 1 : e);
        return;
      }
      case 'definition':
        definitions.push(text.slice(s, e));
        return;
      case 'image':
      case 'imageReference':
      case 'html':
        return;
    }
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(tree);
  return { cls, spans, definitions };
}

/** Classes as [class, run length, class, run length, …], for JSON. */
export function encodeClasses(cls: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < cls.length; ) {
    let j = i + 1;
    while (j < cls.length && cls[j] === cls[i]) j++;
    out.push(cls[i]!, j - i);
    i = j;
  }
  return out;
}

export function decodeClasses(rle: readonly number[], length: number): Uint8Array {
  const cls = new Uint8Array(length);
  let p = 0;
  for (let k = 0; k + 1 < rle.length; k += 2) {
    cls.fill(rle[k]!, p, p + rle[k + 1]!);
    p += rle[k + 1]!;
  }
  return cls;
}
