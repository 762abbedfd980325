/**
 * The one Markdown pipeline: every revision body is parsed once, by this
 * unified configuration (remark-parse with GitHub's extensions: tables,
 * strikethrough, autolinks, footnotes, task lists), and the positioned tree
 * serves lint (src/core/markdown/lint/), the page (renderTree), the blocks
 * the diff engine aligns (src/core/diff/parse.ts) and what each character of
 * the source is (src/core/diff/render.ts). No SmartyPants (a policy shows
 * the quotes its authors typed), no syntax highlighting (no inline styles).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toHast } from 'mdast-util-to-hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import type { Root as HastRoot, RootContent as HastContent } from 'hast';
import { headingIds, setHeadingIds, type Heading } from './headings.ts';

export type { Heading };

/** remark-parse + remark-gfm: the parser of every revision body, frozen once. */
export const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/** The body as mdast, with positions. */
export function parseMarkdown(body: string): Root {
  return markdownParser.parse(body);
}

/** The body's tree as hast, raw HTML kept as written (not yet parsed). */
export function toHastTree(tree: Root): HastRoot {
  return toHast(tree, { allowDangerousHtml: true, passThrough: [] }) as HastRoot;
}

export interface RenderedBody {
  /** The page's HTML: heading ids as Astro gives them, raw HTML parsed as a browser would (rehype-raw). */
  html: string;
  headings: Heading[];
  /**
   * The body as hast, raw HTML as written, headings with the ids in `anchors`
   * (in order), every node with its range in the Markdown source as
   * `data.o` ([start, end)) instead of a position: what a redline is drawn
   * from (src/core/diff/render.ts).
   */
  hast: HastRoot;
}

function hasRaw(node: HastRoot | HastContent): boolean {
  if (node.type === 'raw') return true;
  return 'children' in node && node.children.some((c) => hasRaw(c as HastContent));
}

/** Replaces each node's position by its source range (`data.o`), in place: the same tree, a third of the size as JSON. */
function compact(node: HastRoot | HastContent): void {
  const p = node.position;
  if (p?.start.offset !== undefined && p.end.offset !== undefined) node.data = { ...(node.data ?? {}), o: [p.start.offset, p.end.offset] } as typeof node.data;
  delete node.position;
  if ('children' in node) for (const c of node.children) compact(c as HastContent);
}

/**
 * Renders a parsed body: what Astro's Markdown pipeline gives for the same
 * options (remark-rehype, heading ids, rehype-raw, rehype-stringify), from the
 * tree already parsed.
 */
export function renderTree(tree: Root, anchors: readonly (string | undefined)[]): RenderedBody {
  const hast = toHastTree(tree);
  const headings = headingIds(hast);
  // Raw HTML is parsed into the page as a browser would (rehype-raw); without any, that pass gives the same HTML.
  const html = toHtml(hasRaw(hast) ? raw(hast) : hast, { allowDangerousHtml: true });
  setHeadingIds(hast, anchors);
  compact(hast);
  return { html, headings, hast };
}
