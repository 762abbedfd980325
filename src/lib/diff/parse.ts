import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import GithubSlugger from 'github-slugger';
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
export function parseBlocks(text: string): BlockDoc {
  const hit = memo.get(text);
  if (hit) {
    memo.delete(text);
    memo.set(text, hit);
    return hit;
  }
  const doc = text.length > SCAN_THRESHOLD ? scanBlocks(text) : blocksOf(text, parseTree(text, true));
  memo.set(text, doc);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return doc;
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
    const block: Block = { type: node.type, gap: prevEnd, start: pos.start.offset, end: pos.end.offset, root };
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
    roots.push(child.position?.start.offset ?? prevEnd);
    rootTypes.push(child.type);
    visit(child, i);
  });
  const slugger = new GithubSlugger();
  for (const [block, node] of headings) {
    const raw = rawInline(node);
    const title = INLINE_SYNTAX.test(raw) ? inlineHeadingText(raw, definitions) : headingText(node);
    block.title = title.replace(/\s+/g, ' ').trim();
    block.anchor = slugger.slug(title);
  }
  return { text, blocks, roots, rootTypes };
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
    h.anchor = slugger.slug(title);
  }
  return { text, blocks, roots, rootTypes };
}
