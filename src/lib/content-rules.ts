import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { toString } from 'mdast-util-to-string';
import { slug } from 'github-slugger';
import type { Root, Nodes } from 'mdast';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { RedlineError, type ProblemInit } from './errors.ts';

/** Raw HTML elements a revision may not contain: they run code or change the page around the policy. */
const FORBIDDEN_TAGS = ['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'style', 'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'template'];
const TAG_RE = new RegExp(`<\\s*/?\\s*(${FORBIDDEN_TAGS.join('|')})\\b`, 'i');
const HANDLER_RE = /<[^>]*\son[a-z]+\s*=/i;
const URL_ATTR_RE = /\b(?:href|src|action|formaction|xlink:href|poster|srcset)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i;
const BAD_SCHEME_RE = /^\s*(?:javascript|vbscript|data):/i;
const REMOTE_RE = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const REMOTE_IMG_RE = /<img\b[^>]*\bsrc\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const RELATIVE_IMG_RE = /<img\b[^>]*\bsrc\s*=\s*(["']?)\s*(?![a-z][a-z0-9+.-]*:|\/)([^"'\s>]*)/i;
const relativeImage = (file: string, line: number, url: string) =>
  new RedlineError({ file, line, message: `image "${url}" has a relative address, which the site cannot serve`, hint: 'a policy folder holds only its revisions: put the image in public/ and write its address from the site root, such as /images/chart.png' });

/** Parses a revision body to mdast (CommonMark + GFM) with positions. */
export function parseMarkdown(body: string): Root {
  return fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/**
 * The rules on a revision's Markdown: raw HTML that runs code is refused
 * (script, iframe and similar elements, `on…=` event handlers, `javascript:`
 * URLs), and headings within a revision should be unique so that every anchor
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
    try {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${threadId}.tmp`;
      writeFileSync(tmp, JSON.stringify(found));
      renameSync(tmp, path);
    } catch {
      // A cache that cannot be written only costs time.
    }
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
 * of this module, so that any change to a rule misses every cached result)
 * and the versions of the Markdown parser.
 */
const RULES_ID = (() => {
  const require = createRequire(import.meta.url);
  const version = (pkg: string) => {
    try {
      return (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  try {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    return `${source}\0${['mdast-util-from-markdown', 'micromark', 'micromark-extension-gfm', 'mdast-util-gfm'].map((p) => `${p}@${version(p)}`).join(' ')}`;
  } catch {
    return undefined; // bundled elsewhere: no stable key, so nothing is cached
  }
})();

/**
 * The rules over a parsed body (parseMarkdown's tree, or the same tree from
 * the site's render pipeline: renderRevision lints the tree it renders).
 */
export function lintTree(tree: Root, file: string, bodyLine: number): RedlineError[] {
  const problems: RedlineError[] = [];
  const at = (n: Nodes) => (n.position ? n.position.start.line + bodyLine - 1 : bodyLine);
  const seen = new Map<string, number>();
  const reported = new Set<string>();
  walk(tree, (node) => {
    if (node.type === 'html') {
      const html = node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
      const tag = TAG_RE.exec(html);
      const relative = RELATIVE_IMG_RE.exec(html);
      if (tag) {
        // "<script>…</script>" inside a paragraph is two nodes: one problem.
        const key = `${at(node)}:${tag[1]!.toLowerCase()}`;
        if (reported.has(key)) return;
        reported.add(key);
        problems.push(new RedlineError({ file, line: at(node), message: `raw HTML <${tag[1]!.toLowerCase()}> is not allowed`, hint: 'policies may not embed scripts, frames, forms or styles; write the text in Markdown' }));
      } else if (HANDLER_RE.test(html)) {
        problems.push(new RedlineError({ file, line: at(node), message: 'raw HTML with an event handler (on...=) is not allowed', hint: 'remove the attribute; policies may not run scripts' }));
      } else if (URL_ATTR_RE.test(html)) {
        problems.push(new RedlineError({ file, line: at(node), message: 'raw HTML with a javascript:, vbscript: or data: URL is not allowed', hint: 'link to an https:// address or a page of this site' }));
      } else if (REMOTE_IMG_RE.test(html)) {
        problems.push(new RedlineError({ file, line: at(node), message: 'an image from another site is not allowed', hint: 'the site makes no third-party requests: put the image in public/ and write its address from the site root, such as /images/chart.png' }));
      } else if (relative) {
        problems.push(relativeImage(file, at(node), relative[2]!));
      }
    } else if (node.type === 'image' && !BAD_SCHEME_RE.test(node.url)) {
      // Astro would try to bundle a relative image (and fail the build); a remote one is a third-party request.
      if (REMOTE_RE.test(node.url)) {
        problems.push(new RedlineError({ file, line: at(node), message: 'an image from another site is not allowed', hint: 'the site makes no third-party requests: put the image in public/ and write its address from the site root, such as /images/chart.png' }));
      } else if (!node.url.startsWith('/')) {
        problems.push(relativeImage(file, at(node), node.url));
      }
    } else if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && BAD_SCHEME_RE.test(node.url)) {
      problems.push(new RedlineError({ file, line: at(node), message: `link to "${node.url.trim().split(':')[0]}:" URL is not allowed`, hint: 'link to an https:// address, a mailto: address or a page of this site' }));
    } else if (node.type === 'heading') {
      const text = toString(node).trim();
      const id = slug(text);
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push(new RedlineError({ file, line: at(node), severity: 'warning', message: `heading "${text}" repeats the heading on line ${first}`, hint: 'make each heading unique so that links to its section stay unambiguous' }));
      } else {
        seen.set(id, at(node));
      }
    }
  });
  return problems;
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}
