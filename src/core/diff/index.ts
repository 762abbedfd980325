/**
 * Redline's diff engine: a lossless, word-level, Markdown-aware diff between
 * two revision bodies. Plain TypeScript, no Astro.
 *
 *   const diff = diffMarkdown(oldBody, newBody);
 *   diff.ops       // [['=', '…'], ['-', 'data'], ['+', 'information'], …]
 *   diff.stats     // words inserted/deleted, blocks changed…
 *   diff.sections  // the headings whose sections hold changes, with their anchors
 */
import { parseBlocks } from './parse.ts';
import { diffBlocks } from './engine.ts';
import type { MarkdownDiff } from './types.ts';

export type { Op, OpKind, MarkdownDiff, DiffStats, ChangedSection, Unit, UnitKind, Span, Block, BlockDoc } from './types.ts';
export { ENGINE_VERSION, diffBlocks, rebuild } from './engine.ts';
export { parseBlocks, blocksOf } from './parse.ts';
export { redline, renderChangedBlocksHtml, redlineId, FEED_REDLINE, type RedlineItem, type RedlineOptions } from './render.ts';
export { documentOf, revisionDoc, analyzeBody } from '../markdown/analyze.ts';

/** Diffs two Markdown bodies (the text after the front matter). Synchronous and bounded. */
export function diffMarkdown(oldBody: string, newBody: string): MarkdownDiff {
  return diffBlocks(parseBlocks(oldBody), parseBlocks(newBody));
}

