/**
 * Everything Redline derives from a revision body, from one parse: the lint
 * problems, the page's HTML and headings, the blocks the diff engine aligns,
 * and what each character of the source is. The result is plain data (JSON),
 * so that the node layer keeps it on disk by content (src/node/artifacts.ts)
 * and the pages, redlines and feeds read it instead of parsing again.
 */
import type { Root, Nodes } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { parseMarkdown, renderTree, type Heading } from './processor.ts';
import { lintTree, type LintProblem } from './lint/index.ts';
import { blocksOf } from '../diff/parse.ts';
import { classifyTree, decodeClasses, encodeClasses } from '../diff/classes.ts';
import { htmlTooDeep } from './html-rules.ts';
import type { Block, BlockDoc, RevisionDoc } from '../diff/types.ts';
import { hash53 } from '../diff/visible.ts';

/** Bump when what analyzeBody derives changes for the same body: analyses kept on disk by another version are not used. */
export const ANALYSIS_VERSION = 3;

/** How deep blocks may nest (quotes in lists in quotes…): a policy needs a few levels; thousands exhaust the renderer's stack. */
export const MAX_NESTING = 100;

export interface Analysis {
  version: number;
  problems: LintProblem[];
  /** The page's HTML ('' when the body has errors: it is not rendered). */
  html: string;
  headings: Heading[];
  /** The body as hast with source ranges, for redlines (src/core/markdown/processor.ts, renderTree). */
  hast: HastRoot;
  blocks: Block[];
  roots: number[];
  rootTypes: string[];
  /** Character classes, run-length encoded (src/core/diff/classes.ts). */
  cls: number[];
  spans: Array<[number, number, number, number]>;
  definitions: string[];
  /**
   * What a reader sees of the body, as a digest of each block's visible
   * signature (src/core/diff/visible.ts): two bodies that differ only in the
   * Markdown source (an HTML comment, spacing, a link definition written
   * differently) have the same.
   */
  visible: string;
}

function depthOf(tree: Root): { depth: number; line: number } {
  let max = { depth: 0, line: 1 };
  const walk = (n: Nodes, d: number) => {
    if (d > max.depth) max = { depth: d, line: n.position?.start.line ?? 1 };
    if (d > MAX_NESTING) return;
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c, d + 1);
  };
  walk(tree, 0);
  return max;
}

function failed(message: string, hint: string, line = 1): Analysis {
  return { version: ANALYSIS_VERSION, problems: [{ line, message, hint, severity: 'error', rule: 'nesting' }], html: '', headings: [], hast: { type: 'root', children: [] }, blocks: [], roots: [], rootTypes: [], cls: [], spans: [], definitions: [], visible: '' };
}

/** The raw HTML of a body, in order, with the line each piece starts on. */
function rawHtmlOf(tree: Root): Array<{ html: string; line: number }> {
  const out: Array<{ html: string; line: number }> = [];
  const walk = (n: Nodes) => {
    if (n.type === 'html') out.push({ html: n.value, line: n.position?.start.line ?? 1 });
    else if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(tree);
  return out;
}

const isStackOverflow = (e: unknown) => e instanceof RangeError && /call stack/i.test(e.message);

/**
 * Parses a body once and derives everything from the tree. Never throws for
 * any text: nesting is bounded here, before anything renders (Markdown
 * quotes and lists by MAX_NESTING levels of the tree, raw HTML elements by
 * MAX_NESTING levels too), so that what `check` accepts, every later step
 * renders without exhausting its stack.
 */
export function analyzeBody(body: string): Analysis {
  let tree: Root;
  try {
    tree = parseMarkdown(body);
  } catch (e) {
    // The Markdown parser recurses: thousands of nested quotes or lists exhaust the stack. Anything else is a bug.
    if (isStackOverflow(e)) return failed('is nested too deeply to read as Markdown', 'a policy needs a few levels of quotes and lists, not thousands: simplify the nesting');
    throw e;
  }
  const { depth, line } = depthOf(tree);
  if (depth > MAX_NESTING) return failed(`is nested more than ${MAX_NESTING} levels deep`, 'a policy needs a few levels of quotes and lists, not hundreds: simplify the nesting', line);
  const deepHtml = htmlTooDeep(rawHtmlOf(tree), MAX_NESTING);
  if (deepHtml !== undefined) return failed(`raw HTML nests elements more than ${MAX_NESTING} levels deep`, 'close the elements you open (</div> for each <div>), or write the text in Markdown', deepHtml);
  try {
    return analyzeTree(body, tree);
  } catch (e) {
    // A defence in depth: the limits above keep every renderer within its stack.
    if (isStackOverflow(e)) return failed('is nested too deeply to render', 'a policy needs a few levels of quotes, lists and HTML elements, not thousands: simplify the nesting');
    throw e;
  }
}

function analyzeTree(body: string, tree: Root): Analysis {
  const problems = lintTree(tree, body);
  const doc = blocksOf(body, tree);
  const classes = classifyTree(body, tree);
  const rendered = problems.some((p) => p.severity === 'error')
    ? { html: '', headings: [], hast: { type: 'root' as const, children: [] } }
    : renderTree(tree, doc.blocks.filter((b) => b.type === 'heading').map((b) => b.anchor));
  return {
    version: ANALYSIS_VERSION,
    problems,
    ...rendered,
    blocks: doc.blocks,
    roots: doc.roots,
    rootTypes: doc.rootTypes,
    cls: encodeClasses(classes.cls),
    spans: classes.spans,
    definitions: classes.definitions,
    visible: visibleDigest(doc.blocks),
  };
}

/** The digest of what a reader sees of a body's blocks (their types and visible signatures, those that show something). */
export function visibleDigest(blocks: readonly Block[]): string {
  return hash53(blocks.filter((b) => b.sig !== '').map((b) => `${b.type}\u0001${b.sig ?? ''}`).join('\u0002'));
}

/** A body with what its analysis says of it, as the diff engine and the redline renderer take it. */
export function revisionDoc(text: string, a: Analysis): RevisionDoc {
  const doc: BlockDoc = { text, blocks: a.blocks, roots: a.roots, rootTypes: a.rootTypes };
  return { ...doc, cls: decodeClasses(a.cls, text.length), spans: a.spans, definitions: a.definitions, hast: a.hast };
}

/** A body analysed here and now (for `redline diff` and tests; revisions come analysed from the node layer). */
export function documentOf(text: string): RevisionDoc {
  return revisionDoc(text, analyzeBody(text));
}
