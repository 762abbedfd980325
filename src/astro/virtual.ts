/**
 * The virtual modules through which Redline's pages (and a host site's own
 * pages) reach the resolved options and the site model:
 *
 * - `virtual:redline/config`: the settings and options of this run (JSON);
 * - `virtual:redline/site`: `siteData()`, the validated site model (src/astro/runtime/);
 * - `virtual:redline/layout`: the host's layout, if `redline({ layout })` names one.
 */
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import type { ResolvedOptions } from './options.ts';

/** What the pages may know of the options: no callbacks, nothing of the machine but the cache folder. */
export interface PublicConfig {
  settings: ResolvedOptions['settings'];
  url: string;
  prefix: string;
  whole: boolean;
  hostLayout: boolean;
  drafts: boolean;
  today: string;
  cacheDir: string;
  /** `astro dev`: the model follows edits. */
  dev: boolean;
}

const MODULES = ['virtual:redline/config', 'virtual:redline/site', 'virtual:redline/layout'] as const;

export function virtualModules(o: ResolvedOptions): Plugin {
  const config: PublicConfig = { settings: o.settings, url: o.url, prefix: o.prefix, whole: o.whole, hostLayout: o.layout !== undefined, drafts: o.drafts, today: o.today, cacheDir: o.cacheDir, dev: o.command === 'dev' };
  const runtime = fileURLToPath(new URL('./runtime/index.ts', import.meta.url));
  const source: Record<(typeof MODULES)[number], string> = {
    'virtual:redline/config': `export default ${JSON.stringify(config)};`,
    'virtual:redline/site': `export * from ${JSON.stringify(runtime)};`,
    'virtual:redline/layout': o.layout ? `export { default } from ${JSON.stringify(o.layout)};` : 'export default undefined;',
  };
  return {
    name: 'redline:virtual',
    resolveId(id) {
      return (MODULES as readonly string[]).includes(id) ? `\0${id}` : undefined;
    },
    load(id) {
      return id.startsWith('\0virtual:redline/') ? source[id.slice(1) as (typeof MODULES)[number]] : undefined;
    },
  };
}
