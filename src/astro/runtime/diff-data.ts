// The bridge between pages and the diff engine: one diff (and one redline)
// per pair of revisions per build, kept on disk between builds by content
// hash (src/lib/diff/cache.ts). Changes pages, compare pages, the history's
// word counts and the feeds all read through here.
import { resolve, join } from 'node:path';
import { siteData } from './site-data.ts';
import { splitFrontMatter } from '../../core/frontmatter.ts';
import type { CalendarDate } from '../../core/dates.ts';
import type { Revision } from '../../core/revisions.ts';
import { DiffCache } from '../../node/diff-cache.ts';
import { FEED_REDLINE, renderChangedBlocksHtml, type ChangedBlocksHtml, type ChangedBlocksOptions, type RedlineItem } from '../../core/diff/render.ts';
import type { MarkdownDiff } from '../../core/diff/types.ts';

/**
 * node_modules/.cache/redline/diffs under the project (`redline build` sets
 * REDLINE_CACHE_DIR to its node_modules/.cache/redline). REDLINE_DIFF_CACHE=off
 * keeps nothing on disk.
 */
function cacheDir(): string | undefined {
  if (process.env.REDLINE_DIFF_CACHE === 'off') return undefined;
  return join(process.env.REDLINE_CACHE_DIR || resolve('node_modules', '.cache', 'redline'), 'diffs');
}

let cache: DiffCache | undefined;

/**
 * Recently used results, in memory (each page of a pair, its feed entry and
 * the history ask for the same pair); older ones are read back from the disk
 * cache. Bounded, so that a site of thousands of revisions does not hold
 * every diff and redline of the build in memory.
 */
class Recent<V> {
  private readonly map = new Map<string, V>();
  private readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

const diffs = new Recent<MarkdownDiff>(256);
const redlines = new Recent<RedlineItem[]>(64);
const bodies = new Recent<string>(256);

function store(): DiffCache {
  cache ??= new DiffCache(cacheDir());
  return cache;
}

/** A revision's Markdown body, byte for byte as in its file. */
export function revisionBody(rev: Revision): string {
  let body = bodies.get(rev.sha256);
  if (body === undefined) {
    body = splitFrontMatter(rev.raw, rev.file).body;
    bodies.set(rev.sha256, body);
  }
  return body;
}

async function pair(policy: string, from: CalendarDate, to: CalendarDate): Promise<[Revision, Revision]> {
  const { model } = await siteData();
  const p = model.policies.find((x) => x.id === policy);
  const a = p?.revisions.find((r) => r.revision.effective === from)?.revision;
  const b = p?.revisions.find((r) => r.revision.effective === to)?.revision;
  if (!a || !b) throw new Error(`no revisions ${policy}/${from} and ${policy}/${to} to compare`);
  return [a, b];
}

/** The diff from revision `from` to revision `to` of a policy. */
export async function revisionDiff(policy: string, from: CalendarDate, to: CalendarDate): Promise<MarkdownDiff> {
  const [a, b] = await pair(policy, from, to);
  const key = `${a.sha256}:${b.sha256}`;
  let d = diffs.get(key);
  if (!d) {
    d = store().diff(revisionBody(a), revisionBody(b));
    diffs.set(key, d);
  }
  return d;
}

/** The redline from revision `from` to revision `to`, for the changes and compare pages. */
export async function revisionRedline(policy: string, from: CalendarDate, to: CalendarDate): Promise<RedlineItem[]> {
  const [a, b] = await pair(policy, from, to);
  const key = `${a.sha256}:${b.sha256}`;
  let items = redlines.get(key);
  if (!items) {
    const d = await revisionDiff(policy, from, to);
    items = store().redline(revisionBody(a), revisionBody(b), {}, d);
    redlines.set(key, items);
  }
  return items;
}

/**
 * The redline of just the changed blocks, as self-contained HTML for feed
 * entries (see renderChangedBlocksHtml), capped at `maxChars`.
 */
export async function changedBlocksHtml(policy: string, from: CalendarDate, to: CalendarDate, options: Omit<ChangedBlocksOptions, 'items'> = {}): Promise<ChangedBlocksHtml> {
  const [a, b] = await pair(policy, from, to);
  const d = await revisionDiff(policy, from, to);
  const items = d.stats.identical ? [] : store().redline(revisionBody(a), revisionBody(b), FEED_REDLINE, d);
  return renderChangedBlocksHtml(d, { ...options, items });
}

/** Anything computed from one revision's body, kept on disk by its content (see DiffCache.derived). */
export function revisionDerived<T>(rev: Revision, kind: string, compute: (body: string) => T): T {
  const body = revisionBody(rev);
  return store().derived(kind, body, () => compute(body));
}

/** Cache hits and misses so far in this build. */
export function diffCacheStats(): { hits: number; misses: number } {
  return { ...store().stats };
}
