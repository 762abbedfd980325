/**
 * The network side of `redline notify` (src/cli/commands/notify.ts): reading
 * a deployed site's feeds, and telling a WebSub hub of the changed ones, with
 * retries. What to tell is decided in src/core/websub.ts.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from '../core/hash.ts';
import { RedlineError } from '../core/errors.ts';
import { feedsOf, publishBody, retryable, type NotifyState } from '../core/websub.ts';

/** How long one request may take. */
const TIMEOUT_MS = 15_000;

/** The wait before the second try; it doubles before each later one. REDLINE_NOTIFY_RETRY_MS sets it (the tests make it short). */
function retryDelay(): number {
  const ms = Number(process.env.REDLINE_NOTIFY_RETRY_MS);
  return Number.isFinite(ms) && ms >= 0 && process.env.REDLINE_NOTIFY_RETRY_MS !== '' ? ms : 1000;
}

interface PoliciesJson {
  url: string;
  urls: { feeds: Record<'rss' | 'atom' | 'json', string> };
  policies: Array<{ urls: { feeds: Record<'rss' | 'atom' | 'json', string> } }>;
}

/** Where the feeds are read from: a built site's folder, or the deployed site at an address. */
export type FeedSource = { dir: string } | { url: string };

/**
 * The site's address and the SHA-256 of each of its feeds (by public
 * address), read from `/policies.json` and the feeds it lists. From a
 * folder, a feed's file is its address under the site's; from an address,
 * a feed is fetched from the same place under that address, so that a site
 * can be read where it is served even if that is not its public address.
 */
export async function readFeeds(source: FeedSource): Promise<{ site: string; feeds: Map<string, string> }> {
  const where = 'dir' in source ? source.dir : source.url;
  const base = 'dir' in source ? '' : source.url.endsWith('/') ? source.url : `${source.url}/`;
  const get = async (path: string): Promise<Uint8Array> => {
    if ('dir' in source) {
      const file = join(source.dir, ...path.split('/'));
      if (!existsSync(file)) throw new RedlineError({ file: join(where, path), message: 'is missing', hint: 'give --out the folder of a site built by this version of Redline' });
      return readFileSync(file);
    }
    const url = new URL(path, base).href;
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
    } catch (e) {
      throw new RedlineError({ message: `could not read ${url}: ${cause(e)}`, hint: 'check the address (--site) and that the site is deployed' });
    }
    if (!res.ok) throw new RedlineError({ message: `could not read ${url}: HTTP ${res.status} ${res.statusText}`.trim(), hint: 'check the address (--site) and that the site is deployed with this version of Redline' });
    return new Uint8Array(await res.arrayBuffer());
  };
  let doc: PoliciesJson;
  try {
    doc = JSON.parse(new TextDecoder().decode(await get('policies.json'))) as PoliciesJson;
  } catch (e) {
    if (e instanceof RedlineError) throw e;
    throw new RedlineError({ file: 'policies.json', message: 'is not JSON', hint: 'give the folder or address of a site built by Redline' });
  }
  if (typeof doc?.url !== 'string' || !doc.urls?.feeds || !Array.isArray(doc.policies)) {
    throw new RedlineError({ file: 'policies.json', message: 'is not a Redline policies.json', hint: 'give the folder or address of a site built by Redline' });
  }
  const feeds = new Map<string, string>();
  for (const url of feedsOf(doc)) {
    if (!url.startsWith(doc.url)) throw new RedlineError({ file: 'policies.json', message: `names a feed outside the site: ${url}` });
    feeds.set(url, sha256(await get(url.slice(doc.url.length))));
  }
  return { site: doc.url, feeds };
}

function cause(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

/** The outcome of telling the hub of one feed. */
export interface Ping {
  feed: string;
  ok: boolean;
  tries: number;
  /** Why it failed, in a few words: "HTTP 500 Internal Server Error", "ECONNREFUSED". */
  error?: string;
  /** It failed because the hub could not be reached or kept failing (not because it refused this feed). */
  unavailable?: boolean;
}

/**
 * Tells the hub that a feed changed (`hub.mode=publish`), trying again
 * (up to `tries` in all, waiting 1 s, then 2 s, …) while the hub cannot be
 * reached or answers that it is busy or failing (408, 425, 429, 5xx). A 2xx
 * answer is success; any other is a refusal, not tried again.
 */
export async function publish(hub: string, feed: string, tries = 3): Promise<Ping> {
  let error = '';
  for (let n = 1; n <= tries; n++) {
    if (n > 1) await new Promise((r) => setTimeout(r, retryDelay() * 2 ** (n - 2)));
    try {
      const res = await fetch(hub, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: publishBody(feed),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'follow',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { feed, ok: true, tries: n };
      error = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      if (!retryable(res.status)) return { feed, ok: false, tries: n, error };
    } catch (e) {
      error = cause(e);
    }
  }
  return { feed, ok: false, tries, error, unavailable: true };
}

export function readState(file: string): NotifyState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as NotifyState;
    return s && s.version === 1 && typeof s.feeds === 'object' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the state through a temporary file, so that a stopped run never leaves half a file. */
export function writeState(file: string, state: NotifyState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}
