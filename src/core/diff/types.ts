/** `=` unchanged, `-` deleted (only in the old body), `+` inserted (only in the new body). */
export type OpKind = '=' | '-' | '+';

/**
 * One operation over the Markdown source. Joining the texts of the `=` and
 * `-` operations gives the old body byte for byte; `=` and `+` the new body.
 */
export type Op = [OpKind, string];

/** A leaf block of a parsed body. */
export interface Block {
  /** mdast node type: paragraph, heading, code, html, thematicBreak, definition, tableRow… */
  type: string;
  /** Where the text between the previous block and this one starts (the previous block's end, or 0). */
  gap: number;
  start: number;
  end: number;
  /** Index of the top-level node that holds the block. */
  root: number;
  /** Headings: level, text, and the id the site gives the heading. */
  depth?: number;
  title?: string;
  anchor?: string;
  /** Headings: github-slugger's slug of the text, before repeated headings are numbered ("faq" for "faq-1"). */
  slug?: string;
  /**
   * What a reader sees of the block (src/core/diff/parse.ts, visibleSignature):
   * the same for two blocks that look the same; '' for one that shows nothing.
   */
  sig?: string;
}

export interface BlockDoc {
  text: string;
  blocks: Block[];
  /** Start offset of each top-level node. */
  roots: number[];
  /** mdast type of each top-level node (paragraph, heading, list, table, blockquote, code…). */
  rootTypes: string[];
}

export type UnitKind = 'equal' | 'changed' | 'inserted' | 'deleted';

/** Source offsets of a unit on one side: its gap starts at `gap`, its block at `start`. */
export interface Span {
  gap: number;
  start: number;
  end: number;
  /** Index of the block in its body (-1 for the text after the last block). */
  block: number;
  root: number;
}

/**
 * One aligned step of the diff: a pair of blocks (equal or changed), an
 * inserted block or a deleted block, each with the text before it. Units
 * cover both bodies in order; the last covers the text after the last block.
 */
export interface Unit {
  kind: UnitKind;
  /** Block type (the new side's when both exist); `end` for the text after the last block. */
  type: string;
  old?: Span;
  new?: Span;
  /** Set on a deleted and an inserted unit that are the same block moved: both carry the same id. */
  move?: number;
  /**
   * On the inserted unit of a block moved and edited: the word-level
   * operations from the block as it was (at its old place) to the block as it
   * is, over the two blocks' source ([start, end) of each).
   */
  moveSegments?: Op[];
  /**
   * The change shows nothing to a reader: the rendered block is the same (an
   * HTML comment, spacing the page ignores, a link definition written
   * differently), or the block shows nothing at all. It counts no words.
   */
  invisible?: boolean;
  /** The paired block differed too much to diff word by word within bounds: marked replaced whole. */
  replaced?: boolean;
  /**
   * Only spacing or list numbering changed: the unit counts as unchanged
   * (its `segments` still hold the change, and so do the operations).
   */
  minor?: boolean;
  /**
   * The unit's own operations (gap and block) when it is a changed pair or a
   * minor change; other units are one operation over their text.
   */
  segments?: Op[];
  /** Index into `sections` of the section the unit's changes belong to, or -1. */
  section: number;
  wordsInserted: number;
  wordsDeleted: number;
}

/** A section (the part of the policy under a heading) that holds changes. */
export interface ChangedSection {
  /**
   * The id the revision's page gives the heading (`side` says which revision:
   * the new one, or the old one for a heading that was deleted). Null for
   * changes before the first heading.
   */
  anchor: string | null;
  title: string;
  depth: number;
  side: 'new' | 'old';
  /** What happened to the heading itself. */
  heading: 'same' | 'changed' | 'inserted' | 'deleted' | 'moved' | 'none';
  /** Nothing a reader sees changed in the section: only its Markdown source. */
  invisible?: boolean;
  wordsInserted: number;
  wordsDeleted: number;
  blocksChanged: number;
  /** Blocks moved here, or away from here, unchanged or nearly (their edits are in the word counts). */
  blocksMoved: number;
}

export interface DiffStats {
  identical: boolean;
  wordsInserted: number;
  wordsDeleted: number;
  /** Characters (code points) marked inserted or deleted. */
  charsInserted: number;
  charsDeleted: number;
  /** Blocks changed in any way: modified + inserted + deleted + moved. */
  blocksChanged: number;
  blocksModified: number;
  blocksInserted: number;
  blocksDeleted: number;
  /** Blocks moved elsewhere (counted once per move, not as inserted and deleted). */
  blocksMoved: number;
  /** Blocks changed in the Markdown source only: nothing a reader sees changed (not counted in blocksChanged). */
  blocksInvisible: number;
  /** Paired blocks that were too different to diff within bounds and are shown replaced. */
  blocksReplaced: number;
  sectionsChanged: number;
}

export interface MarkdownDiff {
  /** Engine version: results of different versions are never mixed (see the cache). */
  engine: number;
  ops: Op[];
  stats: DiffStats;
  sections: ChangedSection[];
  units: Unit[];
}

/**
 * A body as the redline renderer reads it: its blocks, what each character is
 * (src/core/diff/classes.ts), and each top-level block rendered.
 */
export interface RevisionDoc extends BlockDoc {
  cls: Uint8Array;
  /** Code spans: [start, contentStart, contentEnd, end], sorted. */
  spans: Array<[number, number, number, number]>;
  /** Link definitions' source. */
  definitions: string[];
  /** The body as hast, every node with its source range as `data.o` (src/core/markdown/processor.ts). */
  hast: import('hast').Root;
}
