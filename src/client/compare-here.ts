/**
 * The redline of two revisions, computed in the browser with the build's own
 * engine (src/core/diff/engine.ts), renderer (render.ts) and markup
 * (markup.ts): loaded by the compare page only when a reader asks for a pair
 * that no page was built for. It takes each revision's Markdown and what the
 * build's analysis found in it (/<policy>/compare/data/<date>.json: blocks,
 * character classes, the tree), so no Markdown parser is shipped.
 */
import { diffBlocks } from '../core/diff/engine.ts';
import { redline } from '../core/diff/render.ts';
import { changesHtml } from '../core/diff/markup.ts';
export { viewsNavHtml } from '../core/diff/markup.ts';
import { decodeClasses } from '../core/diff/classes.ts';
import { rebaseHtml } from '../core/urls.ts';
import { HAS_CJK } from '../core/diff/tokens.ts';
import { loadJapaneseSegmenter } from '#segment-ja';
import type { RevisionDoc } from '../core/diff/types.ts';
import type { Analysis } from '../core/markdown/analyze.ts';

/** What the build writes for each revision (src/astro/runtime/diff-data.ts, compareDataJson): the parts of its analysis the renderer needs. */
export type RevisionData = Pick<Analysis, 'blocks' | 'roots' | 'rootTypes' | 'cls' | 'spans' | 'definitions' | 'hast'> & {
  engine: number;
  /** Length of the body, and where it starts in the .md file. */
  length: number;
  bodyStart: number;
};

/** A revision's body and its data as the renderer takes them; throws if the two do not belong together. */
export function revisionFromData(raw: string, data: RevisionData): RevisionDoc {
  const text = raw.slice(data.bodyStart);
  if (text.length !== data.length) throw new Error('the revision does not match its data');
  return { text, blocks: data.blocks, roots: data.roots, rootTypes: data.rootTypes, cls: decodeClasses(data.cls, text.length), spans: data.spans, definitions: data.definitions, hast: data.hast };
}

export interface CompareLabels {
  /** "the version effective 1 April 2024" (with " (in force)" for the one in force), as the built pages say it. */
  oldLabel: string;
  newLabel: string;
  /** The site's base path ("/legal/"): links in the policy text are written under it. */
  base: string;
  /** The page's language (its summary, legend and notes are written in it). */
  lang?: string;
}

/**
 * Resolves once the engine can compare these texts: the Japanese segmenter's
 * model is fetched first (in the browser) when one has Japanese or Chinese
 * letters in it.
 */
export async function readyFor(...texts: readonly string[]): Promise<void> {
  if (texts.some((t) => HAS_CJK.test(t))) await loadJapaneseSegmenter();
}

/** The summary and both views of the redline from `a` to `b`: the HTML a changes page built for the pair shows (after readyFor). */
export function compareHtml(a: RevisionDoc, b: RevisionDoc, labels: CompareLabels): string {
  const diff = diffBlocks(a, b);
  const lang = labels.lang ?? 'en';
  const items = redline(diff, { old: a, new: b }, lang === 'en' ? {} : { lang });
  return changesHtml(diff, items, { oldLabel: labels.oldLabel, newLabel: labels.newLabel, rebase: (h) => rebaseHtml(h, labels.base), lang });
}
