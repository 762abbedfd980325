import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { toString } from 'mdast-util-to-string';
import { slug } from 'github-slugger';
import type { Root, Nodes } from 'mdast';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHast } from 'mdast-util-to-hast';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import { RedlineError, type ProblemInit } from '../errors.ts';
import { HINTS, htmlProblem, unsafeScheme, urlTarget, type HtmlProblem } from './html-rules.ts';
import { packageVersions, writeCacheEntry } from '../../node/disk-cache.ts';

const relativeImage = (file: string, line: number, url: string) =>
  new RedlineError({ file, line, message: `image "${url}" has a relative address, which the site cannot serve`, hint: HINTS.relativeImage });
const remoteImage = (file: string, line: number) => new RedlineError({ file, line, message: 'an image from another site is not allowed', hint: HINTS.remoteImage });

/** Parses a revision body to mdast (CommonMark + GFM) with positions. */
export function parseMarkdown(body: string): Root {
  return fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/**
 * The rules on a revision's Markdown: raw HTML that runs code, loads from
 * another site or changes the page around the policy is refused (see
 * src/lib/html-rules.ts), so are `javascript:`, `vbscript:` and `data:` links
 * and images that are not the site's own, and headings within a revision should be unique so that every anchor
 * is stable. Lines are reported as lines of the file. `tree`: the body
 * already parsed (CommonMark + GFM, as parseMarkdown does), to save parsing it again.
 */
export function lintBody(body: string, file: string, bodyLine = 1, tree?: Root): RedlineError[] {
  const path = lintCachePath(body, bodyLine);
  if (!path) return lintTree(tree ?? parseMarkdown(body), file, bodyLine);
  let found: ProblemInit[] | undefined;
  try {
    found = JSON.parse(readFileSync(path, 'utf8')) as ProblemInit[];
  } catch {
    // Not linted yet.
  }
  if (!found) {
    found = lintTree(tree ?? parseMarkdown(body), '', bodyLine).map((p) => ({ line: p.line, message: p.message, hint: p.hint, severity: p.severity }));
    writeCacheEntry(path, JSON.stringify(found));
  }
  return found.map((p) => new RedlineError({ ...p, file }));
}

/**
 * Where the lint result of a body is cached (REDLINE_CACHE_DIR/lint), or
 * undefined without a cache. The key covers the rules (this file's own
 * source), the parser's versions, the line the body starts on (messages name
 * other lines) and the body.
 */
function lintCachePath(body: string, bodyLine: number): string | undefined {
  const dir = process.env.REDLINE_CACHE_DIR;
  if (!dir || RULES_ID === undefined) return undefined;
  const key = createHash('sha256').update(RULES_ID).update(`\0${bodyLine}\0`).update(body).digest('hex');
  return join(dir, 'lint', key.slice(0, 2), `${key.slice(2)}.json`);
}

/** Whether lintBody has this body's result on disk already. */
export function isLinted(body: string, bodyLine: number): boolean {
  const path = lintCachePath(body, bodyLine);
  return path !== undefined && existsSync(path);
}

/**
 * What the lint results depend on besides the text: these rules (the source
 * of this module and of src/lib/html-rules.ts, so that any change to a rule
 * misses every cached result) and the versions of the Markdown parser, the
 * HTML parser and the renderer whose output the rules check.
 */
const RULES_ID = (() => {
  try {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const htmlRules = readFileSync(fileURLToPath(new URL('./html-rules.ts', import.meta.url)), 'utf8');
    const packages = ['mdast-util-from-markdown', 'micromark', 'micromark-extension-gfm', 'mdast-util-gfm', 'parse5', 'mdast-util-to-hast', 'hast-util-raw', 'hast-util-to-html'];
    return `${source}\0${htmlRules}\0${packageVersions(packages)}`;
  } catch {
    return undefined; // bundled elsewhere: no stable key, so nothing is cached
  }
})();

/** Ids that pages showing a policy's text give their own parts (src/layouts, src/components): a heading must not take one. The others start with "rl-". */
const PAGE_IDS = new Set(['main', 'print']);

/**
 * The rules over a parsed body (parseMarkdown's tree, or the same tree from
 * the site's render pipeline: renderRevision lints the tree it renders).
 *
 * Raw HTML is read as a browser reads it (src/lib/html-rules.ts), one
 * problem per raw HTML node. Then, as a defence in depth, if nothing else
 * is wrong and the body holds raw HTML, the body is rendered as the site
 * renders it and the whole page fragment is checked again by the same rules
 * (checkRenderedBody), so that a tag or quote opened in one raw HTML block
 * and closed in another cannot slip through.
 */
export function lintTree(tree: Root, file: string, bodyLine: number): RedlineError[] {
  const problems: RedlineError[] = [];
  const at = (n: Nodes) => (n.position ? n.position.start.line + bodyLine - 1 : bodyLine);
  const seen = new Map<string, number>();
  const definitions = new Map<string, string>();
  walk(tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url); // the first one counts
  });
  let firstHtml: number | undefined;
  const image = (node: Nodes, url: string) => {
    // Astro would try to bundle a relative image (and fail the build); a remote one is a third-party request.
    const target = urlTarget(url);
    if (target === 'remote') problems.push(remoteImage(file, at(node)));
    else if (target !== 'site') problems.push(relativeImage(file, at(node), url));
  };
  walk(tree, (node) => {
    if (node.type === 'html') {
      firstHtml ??= at(node);
      const problem = htmlProblem(node.value);
      if (problem) problems.push(new RedlineError({ file, line: at(node) + problem.line - 1, message: problem.message, hint: problem.hint }));
    } else if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && unsafeScheme(node.url)) {
      problems.push(new RedlineError({ file, line: at(node), message: `link to "${unsafeScheme(node.url)}:" URL is not allowed`, hint: 'link to an https:// address, a mailto: address or a page of this site' }));
    } else if (node.type === 'image') {
      image(node, node.url);
    } else if (node.type === 'imageReference') {
      // ![chart][c] with [c]: https://… is an image from that address too.
      const url = definitions.get(node.identifier);
      if (url !== undefined && !unsafeScheme(url)) image(node, url);
    } else if (node.type === 'heading') {
      const text = toString(node).trim();
      const id = slug(text);
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push(new RedlineError({ file, line: at(node), severity: 'warning', message: `heading "${text}" repeats the heading on line ${first}`, hint: 'make each heading unique so that links to its section stay unambiguous' }));
      } else if (PAGE_IDS.has(id) || id.startsWith('rl-')) {
        problems.push(new RedlineError({ file, line: at(node), severity: 'warning', message: `heading "${text}" would get the id "${id}", which the pages use for themselves`, hint: 'reword the heading, so that its link and the page’s own stay apart' }));
        seen.set(id, at(node));
      } else {
        seen.set(id, at(node));
      }
    }
  });
  if (firstHtml !== undefined && !problems.some((p) => p.severity === 'error')) {
    // The page as Astro renders it (remark-rehype, then rehype-raw: the raw HTML parsed into the
    // tree), and as the redline renderer writes it (the raw HTML passed through as written).
    const hast = toHast(tree, { allowDangerousHtml: true });
    const asWritten = toHtml(hast, { allowDangerousHtml: true });
    const asParsed = toHtml(raw(hast), { allowDangerousHtml: true });
    const problem = htmlProblem(asWritten, RENDERED) ?? htmlProblem(asParsed, RENDERED);
    if (problem) problems.push(renderedProblem(problem, file, firstHtml));
  }
  return problems;
}

/** A rendered page holds the checkbox of a Markdown task list item, which an author may not write as raw HTML. */
const RENDERED = { taskCheckbox: true };

/**
 * A problem found in a body's rendered HTML, reported on `line` (the first
 * raw HTML node of the revision: where in the source a problem that only
 * appears once the page is put together comes from cannot be known).
 */
function renderedProblem(problem: HtmlProblem, file: string, line: number): RedlineError {
  return new RedlineError({
    file,
    line,
    message: `${problem.message}, once the revision's raw HTML is read as a whole`,
    hint: `${problem.hint}; look for a tag, quote or comment left open in one raw HTML block and closed in a later one`,
  });
}

/**
 * The defence in depth for a rendered page: checks the HTML a revision's
 * body rendered to (renderRevision, src/lib/markdown.ts) with the raw HTML
 * rules, and returns the problem, if any, on the line of the body's first raw
 * HTML node. Nothing that lintTree lets through should fail here; this
 * catches what the two renderers might do differently.
 */
export function checkRenderedBody(html: string, body: string, file: string | undefined, bodyLine = 1): RedlineError | undefined {
  // Without raw HTML, the page is Markdown's own markup, which lintTree has checked.
  if (!/<[a-z!?/]/i.test(body)) return undefined;
  const problem = htmlProblem(html, RENDERED);
  if (!problem) return undefined;
  let first: number | undefined;
  walk(parseMarkdown(body), (n) => {
    if (n.type === 'html' && n.position) first ??= n.position.start.line + bodyLine - 1;
  });
  return renderedProblem(problem, file ?? '', first ?? bodyLine);
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}
