/**
 * The words that summarise a diff's stats, shared by the changes pages and
 * `redline diff`.
 */
import type { DiffStats } from './types.ts';

/** "1 word", "1,204 words"; `many` for irregular plurals. */
export function count(x: number, one: string, many = `${one}s`): string {
  return `${x.toLocaleString('en')} ${x === 1 ? one : many}`;
}

/** How the changed blocks changed: ["3 changed", "1 added", "2 moved"] (kinds with none left out). */
export function blockKinds(s: DiffStats): string[] {
  const kinds: [number, string][] = [
    [s.blocksModified, 'changed'],
    [s.blocksInserted, 'added'],
    [s.blocksDeleted, 'removed'],
    [s.blocksMoved, 'moved'],
  ];
  return kinds.filter(([x]) => x > 0).map(([x, word]) => `${x.toLocaleString('en')} ${word}`);
}
