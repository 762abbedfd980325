/**
 * Redline's options, as `redline()` takes them in astro.config.mjs, and as
 * the integration resolves them for the loader and the pages. The `redline`
 * command passes its own (`--policies`, `--now`, `--drafts`, `--site`)
 * through Astro's config too: an integration named `redline:cli` whose
 * `redline:options` hook returns them (see src/cli/commands/build.ts).
 */
import type { AstroConfig, AstroIntegration } from 'astro';
import type { SiteSettings } from '../core/settings.ts';
import type { CalendarDate } from '../core/dates.ts';
import type { RedlineError } from '../core/errors.ts';

export interface RedlineOptions {
  /** The policies folder, relative to the project root (default `policies`). */
  policies?: string;
  /** The site settings, or the path of a module whose default export they are (default `redline.config.ts` at the project root). */
  settings?: SiteSettings | string;
  /**
   * Where Redline's pages live in the site: '' (default: Redline is the whole
   * site, with its own home page, 404, robots.txt and _headers) or a path
   * such as '/legal' (inside another site: Redline writes only under it).
   */
  prefix?: string;
  /**
   * A layout of the host site that wraps Redline's pages (its header,
   * footer, branding): the path of an .astro component, relative to the
   * project root. It gets `title`, `description` and `lang` as props, the page
   * in its default slot, and Redline's head elements in a slot named `head`.
   */
  layout?: string;
  /** Show revisions not yet announced, marked as drafts (default: in `astro dev`, yes; in a build, no). */
  drafts?: boolean;
  /** Build as of this day (`YYYY-MM-DD`, in the site's time zone) instead of today. */
  now?: CalendarDate;
  /** Where Redline keeps what it derives from the revisions between builds (default: node_modules/.cache/redline, or REDLINE_CACHE_DIR). */
  cacheDir?: string;
}

/** What `redline build` adds for one build. */
export interface CliOptions {
  policies?: string;
  /** The settings file the command found (a folder's own redline.config.ts), over redline({ settings }). */
  settings?: string;
  now?: CalendarDate;
  drafts?: boolean;
  site?: string;
  /** Receives the problems the loader found (errors stop the build; warnings do not), to print them as one line each. */
  report?: (errors: RedlineError[], warnings: RedlineError[]) => void;
  /** Told what was loaded: how many policies and revisions the site shows, as of which day. */
  loaded?: (counts: { policies: number; revisions: number; today: CalendarDate }) => void;
}

/** The options as resolved once per Astro run: what the loader and the pages read. */
export interface ResolvedOptions {
  root: string;
  policies: string;
  settings: SiteSettings;
  /** The absolute address of Redline's root: the site URL, or the host's site URL with the prefix. */
  url: string;
  prefix: string;
  /** Redline is the whole site. */
  whole: boolean;
  layout: string | undefined;
  drafts: boolean;
  /** The day the site shows. */
  today: CalendarDate;
  /** The real day, which decides what is published (src/core/lock.ts). */
  realToday: CalendarDate;
  cacheDir: string;
  command: 'dev' | 'build' | 'preview' | 'sync';
  report: CliOptions['report'];
  loaded: CliOptions['loaded'];
}

const OPTIONS_HOOK = 'redline:options';

/** The integration the `redline` command adds to carry its options. */
export function cliIntegration(options: CliOptions): AstroIntegration {
  return { name: 'redline:cli', hooks: { [OPTIONS_HOOK]: () => options } };
}

/** The command's options, if the `redline` command started this Astro run. */
export function cliOptions(config: Pick<AstroConfig, 'integrations'>): CliOptions | undefined {
  const hook = config.integrations.find((i) => i.name === 'redline:cli')?.hooks[OPTIONS_HOOK];
  return typeof hook === 'function' ? (hook as () => CliOptions)() : undefined;
}

/** The options resolved by the `redline` integration of this Astro run (the loader reads them from Astro's config). */
export function resolvedOptions(config: Pick<AstroConfig, 'integrations'>): ResolvedOptions {
  const hook = config.integrations.find((i) => i.name === 'redline')?.hooks[OPTIONS_HOOK];
  if (typeof hook !== 'function') throw new Error('the redline() integration is missing from astro.config.mjs: add it to `integrations` (see docs/how-to/embed.md)');
  const resolved = (hook as () => ResolvedOptions | undefined)();
  if (!resolved) throw new Error('the redline() integration has not been set up yet');
  return resolved;
}

export const REDLINE_OPTIONS_HOOK = OPTIONS_HOOK;
