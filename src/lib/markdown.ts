import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer, type MarkdownHeading } from '@astrojs/markdown-remark';

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

/** Renders Markdown to HTML with the same pipeline as the site's pages. */
export async function renderMarkdown(markdown: string): Promise<RenderedMarkdown> {
  renderer ??= createMarkdownProcessor({ ...unifiedOptions, syntaxHighlight: false });
  const { code, metadata } = await (await renderer).render(markdown);
  return { html: code, headings: metadata.headings };
}

/**
 * What the rendered HTML depends on besides the Markdown: the pipeline's
 * options and the version of Astro's Markdown package. A change to either
 * gives new cache keys.
 */
const PIPELINE = (() => {
  const require = createRequire(import.meta.url);
  const version = (pkg: string) => {
    try {
      return (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return '?'; // not resolvable from here (bundled): the other parts still key the cache
    }
  };
  const packages = ['@astrojs/markdown-remark', 'remark-gfm', 'remark-rehype', 'micromark', 'hast-util-to-html'];
  return `redline-markdown/1 ${packages.map((p) => `${p}@${version(p)}`).join(' ')} ${JSON.stringify(unifiedOptions)}`;
})();

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
 */
export async function renderRevision(body: string): Promise<RenderedMarkdown> {
  const dir = cacheDir();
  if (!dir) return renderMarkdown(body);
  const key = createHash('sha256').update(PIPELINE).update('\0').update(body).digest('hex');
  const file = join(dir, key.slice(0, 2), `${key.slice(2)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RenderedMarkdown;
  } catch {
    // Not cached yet (or unreadable): render it.
  }
  const rendered = await renderMarkdown(body);
  try {
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    // Written beside and renamed, so that a concurrent build never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(rendered));
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return rendered;
}
