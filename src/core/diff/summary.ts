/**
 * The words that summarise a diff's stats, shared by the changes pages and
 * `redline diff`.
 */
import type { DiffStats, MarkdownDiff, Unit } from './types.ts';
import { redlineStringsFor } from '../i18n/redline-strings.ts';

/** "1 word", "1,204 words"; `many` for irregular plurals. */
export function count(x: number, one: string, many = `${one}s`): string {
  return `${x.toLocaleString('en')} ${x === 1 ? one : many}`;
}

/** How the changed blocks changed: ["3 changed", "1 added", "2 moved"] (kinds with none left out). */
export function blockKinds(s: DiffStats, lang = 'en'): string[] {
  const k = redlineStringsFor(lang).kinds;
  const kinds: [number, (n: number) => string][] = [
    [s.blocksModified, k.changed],
    [s.blocksInserted, k.added],
    [s.blocksDeleted, k.removed],
    [s.blocksMoved, k.moved],
  ];
  return kinds.filter(([x]) => x > 0).map(([x, word]) => word(x));
}

/** A block moved, as programs read it (changes.json, `redline diff --format json`). */
export interface MoveRecord {
  /** The same number as the page's #rl-move-<id> (where it is) and #rl-moved-<id> (where it was). */
  id: number;
  /** Block type: paragraph, listItem, tableRow, heading… */
  type: string;
  /** Where the block was in the old body and is in the new one: [start, end) in UTF-16 code units, as JavaScript's String.slice counts. */
  old: [number, number];
  new: [number, number];
  /** Edited on the way: the words changed inside it (they are in the word counts; the move itself counts none). */
  edited: boolean;
  wordsInserted: number;
  wordsDeleted: number;
}

/** Changes in the Markdown source that show nothing to a reader (an HTML comment, a link definition). */
export interface InvisibleRecord {
  side: 'old' | 'new' | 'both';
  type: string;
  old?: [number, number];
  new?: [number, number];
}

/** Every move of a diff, ordered by where the block is now. */
export function movesOf(diff: MarkdownDiff): MoveRecord[] {
  const from = new Map<number, Unit>();
  for (const u of diff.units) if (u.move !== undefined && u.kind === 'deleted') from.set(u.move, u);
  const out: MoveRecord[] = [];
  for (const u of diff.units) {
    if (u.move === undefined || u.kind !== 'inserted') continue;
    const was = from.get(u.move);
    if (!was) continue;
    out.push({
      id: u.move,
      type: u.type,
      old: [was.old!.start, was.old!.end],
      new: [u.new!.start, u.new!.end],
      edited: u.wordsInserted + u.wordsDeleted > 0 || (u.moveSegments ?? []).some(([k]) => k !== '='),
      wordsInserted: u.wordsInserted,
      wordsDeleted: u.wordsDeleted,
    });
  }
  return out;
}

/** Every change a reader cannot see. */
export function invisibleOf(diff: MarkdownDiff): InvisibleRecord[] {
  return diff.units
    .filter((u) => u.invisible)
    .map((u) => ({
      side: u.old && u.new ? 'both' : u.old ? 'old' : 'new',
      type: u.type,
      ...(u.old ? { old: [u.old.start, u.old.end] as [number, number] } : {}),
      ...(u.new ? { new: [u.new.start, u.new.end] as [number, number] } : {}),
    }));
}
