// @ts-check
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import settings from './redline.config.ts';
import { basePath, normaliseSiteUrl } from './src/lib/settings.ts';
import { unifiedOptions } from './src/lib/markdown.ts';

// `npm run redline -- build` sets REDLINE_SITE from --site; the default is the configured URL.
const site = normaliseSiteUrl(process.env.REDLINE_SITE || settings.url);

export default defineConfig({
  site,
  base: basePath(site) || '/',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Lossless compression: keeps the space in "a <del>b</del> <ins>c</ins> d" ('jsx', Astro 7's default, may not).
  compressHTML: true,
  markdown: {
    processor: unified(unifiedOptions),
    syntaxHighlight: false,
  },
  devToolbar: { enabled: false },
  prefetch: false,
});
