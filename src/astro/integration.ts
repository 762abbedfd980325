import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { ROUTES } from './routes.ts';
import settings from '../../redline.config.ts';
import { basePath, normaliseSiteUrl } from '../core/settings.ts';

export interface RedlineOptions {
  /** Where Redline's pages live inside the site: '' (the whole site) or a path such as '/legal'. */
  prefix?: string;
}

/** Redline as an Astro integration: `integrations: [redline()]` in astro.config.mjs. */
export function redline(options: RedlineOptions = {}): AstroIntegration {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  const whole = prefix === '';
  return {
    name: 'redline',
    hooks: {
      'astro:config:setup': ({ injectRoute, updateConfig }) => {
        const site = normaliseSiteUrl(process.env.REDLINE_SITE || settings.url);
        updateConfig({
          site,
          base: basePath(site) || '/',
          trailingSlash: 'ignore',
          build: { format: 'directory', inlineStylesheets: 'never' },
          compressHTML: true,
          devToolbar: { enabled: false },
          prefetch: false,
        });
        for (const route of ROUTES) {
          if (route.siteOnly && !whole) continue;
          injectRoute({ pattern: `${prefix}${route.pattern}`, entrypoint: fileURLToPath(new URL(`./routes/${route.file}`, import.meta.url)) });
        }
      },
    },
  };
}
