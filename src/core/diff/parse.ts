import GithubSlugger, { slug as slugOf } from 'github-slugger';
import type { Nodes, Root, RootContent } from 'mdast';
import { parseMarkdown } from '../markdown/processor.ts';
import type { Block, BlockDoc } from './types.ts';
import { visibleSignature } from './visible.ts';

/** Nodes whose children are blocks: the engine looks inside them. A table row is a leaf (its cells are diffed word by word). */
const CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'footnoteDefinition']);

const memo = new Map<string, BlockDoc>();
const MEMO_SIZE = 8;

/**
 * The leaf blocks of a body that no parsed tree is at hand for (`redline
 * diff`, tests): parsed by the one Markdown pipeline. A revision's blocks
 * come from its analysis (src/core/markdown/analyze.ts), from the tree
 * parsed once for everything.
 */
export function parseBlocks(text: string): BlockDoc {
  const hit = memo.get(text);
  if (hit) return hit;
  const doc = blocksOf(text, parseMarkdown(text));
  memo.set(text, doc);
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  return doc;
}

/** Leaf blocks of the mdast tree parsed from `text` (the whole tree, with its inline content). */
export function blocksOf(text: string, tree: Root): BlockDoc {
  const blocks: Block[] = [];
  const roots: number[] = [];
  const rootTypes: string[] = [];
  const headings: Array<[Block, Nodes]> = [];
  let prevEnd = 0;
  const visit = (node: Nodes, root: number) => {
    if (CONTAINERS.has(node.type) && 'children' in node) {
      for (const child of node.children as Nodes[]) visit(child, root);
      return;
    }
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return;
    const block: Block = { type: node.type, gap: prevEnd, start: after(text, pos.start.offset, prevEnd, pos.end.offset), end: pos.end.offset, root, sig: visibleSignature(node) };
    if (node.type === 'heading') {
      block.depth = node.depth;
      headings.push([block, node]);
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
    const title = headingText(node);
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
