// What the pages show of each revision and each pair of revisions, from the
// disk cache the loader filled (src/node/artifacts.ts, src/node/diff-cache.ts):
// the text, its analysis (HTML, headings, blocks), diffs and redlines. Each
// pair's diff and redline are computed once per build, kept on disk between builds.
import { join } from 'node:path';
import config from 'virtual:redline/config';
import { siteData } from './site-data.ts';
import type { CalendarDate } from '../../core/dates.ts';
import type { Revision } from '../../core/revisions.ts';
import type { Analysis } from '../../core/markdown/analyze.ts';
import { ENGINE_VERSION } from '../../core/diff/engine.ts';
import { FEED_REDLINE, renderChangedBlocksHtml, type ChangedBlocksHtml, type ChangedBlocksOptions, type RedlineItem } from '../../core/diff/render.ts';
import type { MarkdownDiff } from '../../core/diff/types.ts';
import type { RevisionData } from '../../client/compare-here.ts';
import { Artifacts, Recent } from '../../node/artifacts.ts';
import { DiffCache, docOf, type KeyedDoc } from '../../node/diff-cache.ts';

const artifacts = new Artifacts(join(config.cacheDir, 'artifacts'));
const cache = new DiffCache(join(config.cacheDir, 'diffs'));

// Recently used results, in memory (each page of a pair, its feed entry and the history ask for the same
// pair); older ones are read back from disk. Bounded, so that thousands of revisions are not all in memory.
const diffs = new Recent<MarkdownDiff>(256);
const redlines = new Recent<RedlineItem[]>(64);
const docs = new Recent<KeyedDoc>(32);

/** A revision file's text, byte for byte as the loader read it. */
export function revisionText(rev: Revision): string {
  const text = artifacts.text(rev.sha256);
  if (text === undefined) throw new Error(`${rev.file}: its text is missing from Redline's cache (${config.cacheDir}); build again`);
  return text;
}

/** A revision page's HTML and headings, from the body's analysis. */
export function revisionAnalysis(rev: Revision): Pick<Analysis, 'html' | 'headings'> {
  const a = artifacts.readPart(rev.analysis, 'page');
  if (!a) throw new Error(`${rev.file}: its analysis is missing from Redline's cache (${config.cacheDir}); build again`);
  return a;
}

function doc(rev: Revision): KeyedDoc {
  let d = docs.get(rev.analysis);
  if (!d) {
    d = docOf(artifacts, rev);
    docs.set(rev.analysis, d);
  }
  return d;
}

/** The two texts compared: the revisions, or (`lang` another language than the policy's controlling one) their translations. */
async function pair(policy: string, from: CalendarDate, to: CalendarDate, lang?: string): Promise<[Revision, Revision]> {
  const { model, languages } = await siteData();
  const p = model.policies.find((x) => x.id === policy);
  let a = p?.revisions.find((r) => r.revision.effective === from)?.revision;
  let b = p?.revisions.find((r) => r.revision.effective === to)?.revision;
  if (a && b && lang !== undefined) {
    a = languages.text(policy, a, lang)?.rev;
    b = languages.text(policy, b, lang)?.rev;
  }
  if (!a || !b) throw new Error(`no revisions ${policy}/${from} and ${policy}/${to} to compare${lang ? ` in ${lang}` : ''}`);
  return [a, b];
}

/** The diff from revision `from` to revision `to` of a policy (in `lang`: their texts in that language). */
export async function revisionDiff(policy: string, from: CalendarDate, to: CalendarDate, lang?: string): Promise<MarkdownDiff> {
  const [a, b] = await pair(policy, from, to, lang);
  const key = `${a.analysis}:${b.analysis}`;
  let d = diffs.get(key);
  if (!d) {
    d = cache.diff(doc(a), doc(b));
    diffs.set(key, d);
  }
  return d;
}

/** The redline from revision `from` to revision `to`, for the changes and compare pages. */
export async function revisionRedline(policy: string, from: CalendarDate, to: CalendarDate, lang?: string): Promise<RedlineItem[]> {
  const [a, b] = await pair(policy, from, to, lang);
  // The notes and labels in the page's language (English by default).
  const options = lang && lang !== 'en' ? { lang } : {};
  const key = `${a.analysis}:${b.analysis}:${lang && lang !== 'en' ? lang : ''}`;
  let items = redlines.get(key);
  if (!items) {
    items = cache.redline(doc(a), doc(b), options, await revisionDiff(policy, from, to, lang));
    redlines.set(key, items);
  }
  return items;
}

/**
 * The redline of just the changed blocks, as self-contained HTML for feed
 * entries (see renderChangedBlocksHtml), capped at `maxChars`.
 */
export async function changedBlocksHtml(policy: string, from: CalendarDate, to: CalendarDate, options: Omit<ChangedBlocksOptions, 'items'> = {}, lang?: string): Promise<ChangedBlocksHtml> {
  const [a, b] = await pair(policy, from, to, lang);
  const d = await revisionDiff(policy, from, to, lang);
  const items = d.stats.identical ? [] : cache.redline(doc(a), doc(b), lang && lang !== 'en' ? { ...FEED_REDLINE, lang } : FEED_REDLINE, d);
  return renderChangedBlocksHtml(d, { ...options, items, ...(lang && lang !== 'en' ? { lang } : {}) });
}

/**
 * For the compare page's script (/<policy>/compare/data/<date>.json): the
 * blocks the build found in a revision's body, what each character is (text
 * or syntax), its tree, and where the body starts in the `.md` file.
 */
export function compareDataJson(rev: Revision): string {
  const a = artifacts.readPart(rev.analysis, 'doc');
  const tree = artifacts.readPart(rev.analysis, 'tree');
  if (!a || !tree) throw new Error(`${rev.file}: its analysis is missing from Redline's cache (${config.cacheDir}); build again`);
  const length = revisionText(rev).length - rev.bodyStart;
  const data: RevisionData = { bodyStart: rev.bodyStart, engine: ENGINE_VERSION, length, blocks: a.blocks, roots: a.roots, rootTypes: a.rootTypes, cls: a.cls, spans: a.spans, definitions: a.definitions, hast: tree.hast };
  return JSON.stringify(data);
}
