import { createMarkdownProcessor, type MarkdownRenderer, type MarkdownHeading } from '@astrojs/markdown-remark';

/**
 * The Markdown pipeline every page uses: the unified (remark/rehype)
 * processor, GitHub-flavoured Markdown, heading ids from github-slugger, and
 * no SmartyPants (a policy shows the quotes its authors typed) or syntax
 * highlighting (no inline styles, nothing to load).
 */
export const unifiedOptions = { gfm: true, smartypants: false } as const;

let renderer: Promise<MarkdownRenderer> | undefined;

/** Renders Markdown to HTML with the same pipeline as the site's pages. */
export async function renderMarkdown(markdown: string): Promise<{ html: string; headings: MarkdownHeading[] }> {
  renderer ??= createMarkdownProcessor({ ...unifiedOptions, syntaxHighlight: false });
  const { code, metadata } = await (await renderer).render(markdown);
  return { html: code, headings: metadata.headings };
}
