import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import GithubSlugger, { slug as slugOf } from 'github-slugger';
import type { Extension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Nodes, Root, RootContent } from 'mdast';
import type { Block, BlockDoc } from './types.ts';

/** Inline constructs: they never change where blocks begin and end. */
const INLINE = ['attention', 'autolink', 'htmlText', 'labelStartImage', 'labelStartLink', 'labelEnd', 'codeText', 'hardBreakEscape', 'characterEscape', 'characterReference'];

/**
 * Parses Markdown to mdast: CommonMark with GitHub's tables, footnotes and
 * strikethrough (GFM's literal autolinks only turn text into links, and are
 * left out for speed). An extension is only switched on when its marker
 * occurs in the text: a table needs a `|`, a footnote `[^`, strikethrough
 * `~`; the tree is the same, in about half the time on plain prose.
 * `blocksOnly` also leaves out inline constructs: the leaf blocks and their
 * offsets are the same, found faster.
 */
export function parseTree(text: string, blocksOnly = false): Root {
  const extensions: Extension[] = [];
  const mdastExtensions: FromMarkdownExtension[] = [];
  if (text.includes('|')) {
    extensions.push(gfmTable());
    mdastExtensions.push(gfmTableFromMarkdown());
  }
  if (text.includes('[^')) {
    extensions.push(gfmFootnote());
    mdastExtensions.push(gfmFootnoteFromMarkdown());
  }
  if (text.includes('~')) {
    extensions.push(gfmStrikethrough());
    mdastExtensions.push(gfmStrikethroughFromMarkdown());
  }
  if (blocksOnly) extensions.push({ disable: { null: INLINE } });
  return fromMarkdown(text, { extensions, mdastExtensions });
}

/** Nodes whose children are blocks: the engine looks inside them. A table row is a leaf (its cells are diffed word by word). */
const CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'footnoteDefinition']);

/**
 * Bodies longer than this are split into blocks by a line scanner instead of
 * the Markdown parser, which reads about 2–3 MB a second: a policy is a
 * fraction of this (GitHub's terms of service: 46 KB), but a diff must stay
 * fast on any input.
 */
export const SCAN_THRESHOLD = 256 * 1024;

const memo = new Map<string, BlockDoc>();
const MEMO_SIZE = 24;

/**
 * The leaf blocks of a body: headings, paragraphs, code, HTML, thematic
 * breaks, definitions and table rows, in source order, each with its
 * offsets, the top-level node holding it, and for headings the anchor the
 * site gives them. Recent results are remembered, since a revision is
 * usually diffed against both its neighbours.
 */
export function parseBlocks(text: string, near?: BlockDoc): BlockDoc {
  const hit = memo.get(text);
  if (hit) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const doc = text.length > SCAN_THRESHOLD ? scanBlocks(text) : ((near && reparse(text, near)) ?? blocksOf(text, parseTree(text, true)));
  memo.set(text, doc);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return doc;
}

/** Where a line starts that follows a blank line, at the left margin: a top-level block there starts afresh. */
function freshLine(text: string, at: number): boolean {
  if (at === 0) return true;
  if (text[at - 1] !== '\n' || /[ \t]/.test(text[at] ?? '')) return false;
  const prev = text.lastIndexOf('\n', at - 2);
  return text.slice(prev + 1, at - 1).trim() === '';
}

/** Blocks that run on over blank lines: a fenced code block or an HTML block of kinds 1 to 5, left open. */
function leftOpen(text: string, doc: BlockDoc): boolean {
  const last = doc.blocks.at(-1);
  if (!last) return false;
  const src = text.slice(last.start, last.end);
  if (last.type === 'code') {
    const fence = /^(`{3,}|~{3,})/.exec(src);
    if (!fence) return false;
    const lines = src.split('\n');
    const close = lines.length > 1 ? lines[lines.length - 1]!.trim() : '';
    return !(close.startsWith(fence[1]!) && /^(`+|~+)$/.test(close));
  }
  if (last.type === 'html') {
    const closers: Array<[RegExp, RegExp]> = [
      [/^<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
      [/^<!--/, /-->/],
      [/^<\?/, /\?>/],
      [/^<![A-Za-z]/, />/],
      [/^<!\[CDATA\[/, /\]\]>/],
    ];
    for (const [open, close] of closers) if (open.test(src) && !close.test(src.slice(1))) return true;
  }
  return false;
}

/**
 * Parses a body that shares most of its text with one parsed before (the
 * next revision of a policy): only the stretch between the last top-level
 * block that starts in the common beginning and the first that starts in
 * the common end is parsed; the blocks around it are the other body's,
 * moved. Undefined when that cannot be done safely (the whole body is then
 * parsed). The result equals a parse of the whole body; a test checks it.
 */
function reparse(text: string, base: BlockDoc): BlockDoc | undefined {
  const old = base.text;
  const max = Math.min(old.length, text.length);
  let pre = 0;
  while (pre < max && old.charCodeAt(pre) === text.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < max - pre && old.charCodeAt(old.length - 1 - suf) === text.charCodeAt(text.length - 1 - suf)) suf++;
  // The last top-level block starting on a fresh line whose first line is wholly in the common beginning.
  let i = -1;
  for (let k = base.roots.length - 1; k >= 0; k--) {
    const r = base.roots[k]!;
    const eol = old.indexOf('\n', r);
    if (r <= pre && (eol < 0 ? old.length : eol) < pre && freshLine(old, r)) {
      i = k;
      break;
    }
  }
  // The first top-level block after it starting on a fresh line, blank line included, in the common end.
  const delta = text.length - old.length;
  const tailStart = old.length - suf;
  let j = base.roots.length;
  for (let k = Math.max(i + 1, 0); k < base.roots.length; k++) {
    const r = base.roots[k]!;
    // the line break before the blank line, the blank line and the block: all in the common end
    const blank = old.lastIndexOf('\n', r - 2);
    if (r >= 2 && blank >= tailStart && r + delta > (i >= 0 ? base.roots[i]! : 0) && freshLine(old, r)) {
      j = k;
      break;
    }
  }
  if (i < 0 && j === base.roots.length) return undefined;
  const from = i >= 0 ? base.roots[i]! : 0;
  const to = j < base.roots.length ? base.roots[j]! + delta : text.length;
  const mid = blocksOf(text.slice(from, to), parseTree(text.slice(from, to), true));
  if (to < text.length && leftOpen(mid.text, mid)) return undefined;
  // A list at the start of the common end joins a list that now ends the stretch ("- a\n\n- b" is one list).
  if (j < base.roots.length && mid.rootTypes.at(-1) === 'list' && base.rootTypes[j] === 'list') return undefined;
  // A heading that may name a reference link defined outside the stretch: its text needs the whole body.
  const definitions = base.blocks.some((b) => b.type === 'definition');
  if (definitions && mid.blocks.some((b) => b.type === 'heading' && mid.text.slice(b.start, b.end).includes('['))) return undefined;

  const before = i >= 0 ? base.blocks.filter((b) => b.root < i) : [];
  const after = j < base.roots.length ? base.blocks.filter((b) => b.root >= j) : [];
  const blocks: Block[] = [];
  let prevEnd = 0;
  for (const b of before) {
    blocks.push({ ...b });
    prevEnd = b.end;
  }
  const firstRoot = Math.max(i, 0);
  for (const b of mid.blocks) {
    blocks.push({ ...b, gap: prevEnd, start: b.start + from, end: b.end + from, root: b.root + firstRoot });
    prevEnd = b.end + from;
  }
  const shift = firstRoot + mid.roots.length - j;
  for (const b of after) {
    blocks.push({ ...b, gap: prevEnd, start: b.start + delta, end: b.end + delta, root: b.root + shift });
    prevEnd = b.end + delta;
  }
  numberAnchors(blocks);
  return {
    text,
    blocks,
    roots: [...base.roots.slice(0, firstRoot), ...mid.roots.map((r) => r + from), ...base.roots.slice(j).map((r) => r + delta)],
    rootTypes: [...base.rootTypes.slice(0, firstRoot), ...mid.rootTypes, ...base.rootTypes.slice(j)],
  };
}

/** Leaf blocks of an mdast tree parsed from `text`. */
export function blocksOf(text: string, tree: Root): BlockDoc {
  const blocks: Block[] = [];
  const roots: number[] = [];
  const rootTypes: string[] = [];
  const headings: Array<[Block, Nodes]> = [];
  const definitions: string[] = [];
  let prevEnd = 0;
  const visit = (node: Nodes, root: number) => {
    if (CONTAINERS.has(node.type) && 'children' in node) {
      for (const child of node.children as Nodes[]) visit(child, root);
      return;
    }
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return;
    const block: Block = { type: node.type, gap: prevEnd, start: after(text, pos.start.offset, prevEnd, pos.end.offset), end: pos.end.offset, root };
    if (node.type === 'heading') {
      block.depth = node.depth;
      headings.push([block, node]);
    } else if (node.type === 'definition') {
      definitions.push(text.slice(block.start, block.end));
    }
    blocks.push(block);
    prevEnd = block.end;
  };
  tree.children.forEach((child: RootContent, i: number) => {
    roots.push(after(text, child.position?.start.offset ?? prevEnd, prevEnd, child.position?.end.offset ?? prevEnd));
    rootTypes.push(child.type);
    visit(child, i);
  });
  for (const [block, node] of headings) {
    const raw = rawInline(node);
    const title = INLINE_SYNTAX.test(raw) ? inlineHeadingText(raw, definitions) : headingText(node);
    block.title = title.replace(/\s+/g, ' ').trim();
    block.slug = slugOf(title);
  }
  numberAnchors(blocks);
  return { text, blocks, roots, rootTypes };
}

/**
 * Where a block starts: where the parser says, unless that is inside the
 * block before it. A setext heading whose text begins with a link definition
 * ("[a]: /x\nTitle\n===") spans the definition too, which is its own block:
 * the heading then starts after it, past the line break.
 */
function after(text: string, start: number, prevEnd: number, end: number): number {
  if (start >= prevEnd) return start;
  let at = prevEnd;
  while (at < end && /\s/.test(text[at]!)) at++;
  return at;
}

/** The ids of the headings: their slugs, a repeated one numbered as github-slugger numbers it ("faq", "faq-1"). */
function numberAnchors(blocks: Block[]): void {
  const slugger = new GithubSlugger();
  // The slug of a slug is the slug itself, so the numbering is github-slugger's own.
  for (const b of blocks) if (b.type === 'heading') b.anchor = slugger.slug(b.slug ?? '');
}

/** Characters that may start inline syntax: without them, a heading's text is its source. */
const INLINE_SYNTAX = /[\\`*_<>&[\]!~]/;

/** The source of a heading's content, as a blocks-only parse leaves it (one text node per line). */
function rawInline(node: Nodes): string {
  let out = '';
  const walk = (n: Nodes) => {
    if (n.type === 'text') out += n.value;
    else if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(node);
  return out;
}

/** A heading's text with its inline syntax read: its content parsed again as a heading, with the body's link definitions. */
function inlineHeadingText(raw: string, definitions: string[]): string {
  const source = raw.includes('\n') ? `${raw}\n===` : `# ${raw}`;
  const tree = parseTree(definitions.length ? `${source}\n\n${definitions.join('\n\n')}\n` : source);
  const heading = tree.children.find((n) => n.type === 'heading');
  return heading ? headingText(heading) : raw;
}

/**
 * The text the site's heading ids are made from: what Astro's
 * rehypeHeadingIds collects from the rendered heading (text, inline code and
 * raw HTML other than lone tags; image alt text is left out), so that
 * github-slugger gives the same id.
 */
export function headingText(node: Nodes): string {
  let out = '';
  const walk = (n: Nodes) => {
    switch (n.type) {
      case 'text':
        out += n.value.replace(/\{/g, '${');
        return;
      case 'inlineCode':
        out += n.value;
        return;
      case 'html':
        if (!/^\n?<.*>\n?$/.test(n.value)) out += n.value.replace(/\{/g, '${');
        return;
      case 'image':
      case 'imageReference':
      case 'break':
        return;
      default:
        if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
    }
  };
  walk(node);
  return out;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const QUOTE = /^ {0,3}>[ \t]?/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * A line scanner for very long bodies: paragraphs, ATX headings, fenced
 * code, thematic breaks, list items, quoted lines and table rows, by the
 * shape of each line. Coarser than the Markdown parser (no setext headings,
 * no lazy continuation rules), and linear in the length of the text.
 */
export function scanBlocks(text: string): BlockDoc {
  const blocks: Block[] = [];
  const roots: number[] = [];
  const rootTypes: string[] = [];
  const headings: Block[] = [];
  let prevEnd = 0;
  let open: Block | undefined;
  let fence: string | undefined;
  let blank = true;
  const start = (type: string, from: number, lineStart: number, indented: boolean) => {
    if ((blank && !indented) || roots.length === 0) {
      roots.push(lineStart);
      rootTypes.push(type === 'tableRow' ? 'table' : /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(text.slice(lineStart, from)) ? 'list' : /^ {0,3}>/.test(text.slice(lineStart, from)) ? 'blockquote' : type);
    }
    const b: Block = { type, gap: prevEnd, start: from, end: from, root: roots.length - 1 };
    blocks.push(b);
    return b;
  };
  let pos = 0;
  while (pos < text.length || pos === 0) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol);
    const close = (b: Block | undefined, end: number) => {
      if (b) {
        b.end = end;
        prevEnd = end;
      }
    };
    if (fence !== undefined) {
      open!.end = eol;
      prevEnd = eol;
      if (line.trim().startsWith(fence)) {
        fence = undefined;
        open = undefined;
      }
    } else if (line.trim() === '') {
      open = undefined;
      blank = true;
      pos = eol + 1;
      if (eol >= text.length) break;
      continue;
    } else {
      const indented = /^[ \t]/.test(line);
      let m: RegExpExecArray | null;
      if ((m = FENCE.exec(line))) {
        open = start('code', pos + line.length - line.trimStart().length, pos, indented);
        fence = m[1]!;
        close(open, eol);
      } else if ((m = ATX.exec(line))) {
        const h = start('heading', pos + line.length - line.trimStart().length, pos, indented);
        close(h, eol);
        h.depth = m[1]!.length;
        headings.push(h);
        open = undefined;
      } else if (BREAK.test(line)) {
        close(start('thematicBreak', pos + line.length - line.trimStart().length, pos, indented), eol);
        open = undefined;
      } else if (line.includes('|') && DELIMITER_ROW.test(line) && line.includes('-')) {
        // the delimiter row of a table: part of the text between rows
        open = undefined;
      } else if (/^ {0,3}\|/.test(line)) {
        close(start('tableRow', pos + line.length - line.trimStart().length, pos, indented), eol);
        open = undefined;
      } else if ((m = ITEM.exec(line)) || (m = QUOTE.exec(line))) {
        open = start('paragraph', pos + m[0].length, pos, indented || ITEM.test(line));
        close(open, eol);
      } else if (open && open.type === 'paragraph') {
        close(open, eol);
      } else {
        open = start('paragraph', pos + line.length - line.trimStart().length, pos, indented);
        close(open, eol);
      }
      blank = false;
    }
    pos = eol + 1;
    if (eol >= text.length) break;
  }
  const slugger = new GithubSlugger();
  for (const h of headings) {
    const raw = text.slice(h.start, h.end).replace(/^#{1,6}[ \t]*/, '').replace(/[ \t]+#+[ \t]*$|^#+[ \t]*$/, '').trim();
    const title = INLINE_SYNTAX.test(raw) ? inlineHeadingText(raw, []) : raw.replace(/\{/g, '${');
    h.title = title.replace(/\s+/g, ' ').trim();
    h.slug = slugOf(title);
    h.anchor = slugger.slug(title);
  }
  return { text, blocks, roots, rootTypes };
}
