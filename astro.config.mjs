// @ts-check
import { defineConfig } from 'astro/config';
import { redline } from './src/astro/index.ts';

// Redline is an Astro integration: it reads its settings from redline.config.ts, injects its pages
// and loads the policies (src/content.config.ts). See docs/how-to/embed.md to add it to another site.
export default defineConfig({
  integrations: [redline()],
});
