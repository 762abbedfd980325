/**
 * The words that summarise a diff's stats, shared by the changes pages and
 * `redline diff`.
 */
import type { DiffStats } from './types.ts';
import { stringsFor } from '../i18n/strings.ts';

/** "1 word", "1,204 words"; `many` for irregular plurals. */
export function count(x: number, one: string, many = `${one}s`): string {
  return `${x.toLocaleString('en')} ${x === 1 ? one : many}`;
}

/** How the changed blocks changed: ["3 changed", "1 added", "2 moved"] (kinds with none left out). */
export function blockKinds(s: DiffStats, lang = 'en'): string[] {
  const k = stringsFor(lang).redline.kinds;
  const kinds: [number, (n: number) => string][] = [
    [s.blocksModified, k.changed],
    [s.blocksInserted, k.added],
    [s.blocksDeleted, k.removed],
    [s.blocksMoved, k.moved],
  ];
  return kinds.filter(([x]) => x > 0).map(([x, word]) => word(x));
}
