// Shared by the server's renderer (render.ts) and the browser's (browser.ts).
import type { Unit } from './types.ts';
import { redlineStringsFor } from '../i18n/redline-strings.ts';

/**
 * Groups units into rows, one per top-level block (a paragraph, a list, a
 * table…): a unit joins the row before it when it sits in the same
 * top-level block of either revision.
 */
export function groupRows(units: readonly Unit[]): Unit[][] {
  const groups: Unit[][] = [];
  let lastOld: number | undefined;
  let lastNew: number | undefined;
  for (const u of units) {
    if (u.type === 'end') continue;
    const o = u.old?.root;
    const n = u.new?.root;
    const joins = groups.length > 0 && ((n !== undefined && n === lastNew) || (o !== undefined && o === lastOld));
    if (!joins) {
      groups.push([]);
      lastOld = undefined;
      lastNew = undefined;
    }
    groups[groups.length - 1]!.push(u);
    if (o !== undefined) lastOld = o;
    if (n !== undefined) lastNew = n;
  }
  return groups;
}

export const BLOCK_NAMES: Record<string, string> = {
  paragraph: 'paragraph',
  heading: 'heading',
  list: 'list',
  table: 'table',
  blockquote: 'quotation',
  code: 'code block',
  html: 'passage',
  thematicBreak: 'rule',
  definition: 'link definition',
  footnoteDefinition: 'footnote',
};

/** A block that shows nothing on the page (an HTML comment, a link definition): folds do not count it. */
export const HIDDEN_BLOCK = 'hidden';

/**
 * "4 unchanged paragraphs"; "6 unchanged blocks: 3 paragraphs, 2 headings and 1 list" (in the page's language;
 * blocks a reader cannot see left out, and only notes in the Markdown source said as such).
 */
export function unchangedSummary(blocks: readonly string[], lang = 'en'): string {
  const counts = new Map<string, number>();
  for (const b of blocks) if (b !== HIDDEN_BLOCK) counts.set(b, (counts.get(b) ?? 0) + 1);
  const shown = [...counts.values()].reduce((a, b) => a + b, 0);
  return redlineStringsFor(lang).unchanged(counts, shown);
}
