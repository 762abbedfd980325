import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer, type MarkdownHeading } from '@astrojs/markdown-remark';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { checkRenderedBody, isLinted, lintBody } from '../core/markdown/lint.ts';
import { packageVersions, writeCacheEntry } from './disk-cache.ts';

/**
 * The Markdown pipeline every page uses: the unified (remark/rehype)
 * processor, GitHub-flavoured Markdown, heading ids from github-slugger, and
 * no SmartyPants (a policy shows the quotes its authors typed) or syntax
 * highlighting (no inline styles, nothing to load).
 */
export const unifiedOptions = { gfm: true, smartypants: false } as const;

export interface RenderedMarkdown {
  html: string;
  headings: MarkdownHeading[];
}

let renderer: Promise<MarkdownRenderer> | undefined;

/** Where a render call may ask for the parsed tree: a key of the `frontmatter` it passes. */
const TREE_SINK = Symbol('redline tree sink');
type TreeSink = (tree: Root) => void;

/** A remark plugin that hands the parsed mdast, untouched, to the caller that asked for it. */
function remarkTreeSink() {
  return (tree: Root, file: VFile) => {
    const sink = (file.data.astro as { frontmatter?: Record<symbol, unknown> } | undefined)?.frontmatter?.[TREE_SINK];
    if (typeof sink === 'function') (sink as TreeSink)(tree);
  };
}

/** Renders Markdown to HTML with the same pipeline as the site's pages; `sink` receives the parsed mdast. */
export async function renderMarkdown(markdown: string, sink?: TreeSink): Promise<RenderedMarkdown> {
  renderer ??= createMarkdownProcessor({ ...unifiedOptions, syntaxHighlight: false, remarkPlugins: [remarkTreeSink] });
  const { code, metadata } = await (await renderer).render(markdown, sink ? { frontmatter: { [TREE_SINK]: sink } as Record<string, unknown> } : undefined);
  return { html: code, headings: metadata.headings };
}

/**
 * What the rendered HTML depends on besides the Markdown: the pipeline's
 * options and the version of Astro's Markdown package. A change to either
 * gives new cache keys.
 */
const PIPELINE = `redline-markdown/1 ${packageVersions(['@astrojs/markdown-remark', 'remark-gfm', 'remark-rehype', 'micromark', 'hast-util-to-html'])} ${JSON.stringify(unifiedOptions)}`;

/** Where rendered revisions are kept between builds: `$REDLINE_CACHE_DIR/html`, set by `redline build`. */
function cacheDir(): string | undefined {
  const dir = process.env.REDLINE_CACHE_DIR;
  return dir ? join(dir, 'html') : undefined;
}

/**
 * Renders a revision's body, once per distinct text: the HTML and headings
 * are cached on disk by the SHA-256 of the pipeline and the text, so a
 * rebuild renders only new revisions, and nothing holds every revision's
 * HTML in memory. Without a cache folder it simply renders.
 *
 * A defence in depth: the HTML, cached or not, is checked again by the raw
 * HTML rules (checkRenderedBody) before any page shows it, and a problem is
 * thrown as an error naming `where` (the revision's file and the line its
 * body starts on). The revision's lint has checked the same page already;
 * this catches what Astro's pipeline might render differently.
 */
export async function renderRevision(body: string, where?: { file: string; bodyLine: number }): Promise<RenderedMarkdown> {
  const file = htmlCachePath(body);
  const cached = file ? readCached(file) : undefined;
  const rendered = cached ?? (await renderMarkdown(body));
  const problem = checkRenderedBody(rendered.html, body, where?.file, where?.bodyLine);
  if (problem) throw problem;
  return cached || !file ? rendered : writeCached(file, rendered);
}

/**
 * For `redline build`'s workers (src/lib/prepare.ts): renders a revision's
 * body into the cache and lints the very tree it renders (lintBody), one
 * parse for both, unless both results are on disk already.
 */
export async function renderAndLint(body: string, file: string, bodyLine: number): Promise<void> {
  const path = htmlCachePath(body);
  const rendered = path !== undefined && existsSync(path);
  if (rendered && isLinted(body, bodyLine)) return;
  let linted = false;
  const html = await renderMarkdown(body, (tree) => {
    lintBody(body, file, bodyLine, tree);
    linted = true;
  });
  if (!linted) lintBody(body, file, bodyLine);
  // Cached as rendered: renderRevision checks the HTML again whenever a page reads it.
  if (path && !rendered) writeCached(path, html);
}

function htmlCachePath(body: string): string | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const key = createHash('sha256').update(PIPELINE).update('\0').update(body).digest('hex');
  return join(dir, key.slice(0, 2), `${key.slice(2)}.json`);
}

function readCached(file: string): RenderedMarkdown | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RenderedMarkdown;
  } catch {
    return undefined; // not cached yet (or unreadable): render it
  }
}

function writeCached(file: string, rendered: RenderedMarkdown): RenderedMarkdown {
  writeCacheEntry(file, JSON.stringify(rendered));
  return rendered;
}
