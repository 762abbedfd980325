import type { Block, BlockDoc, ChangedSection, DiffStats, MarkdownDiff, Op, OpKind, Span, Unit } from './types.ts';
import { Interner, tokenize, isWordToken, countWords, countChars } from './tokens.ts';
import { Budget, boundedDiff } from './myers.ts';
import { diffWords, type Segment } from './words.ts';

/**
 * Bump when the engine's output changes for the same input: cached diffs of
 * another version are never used.
 */
export const ENGINE_VERSION = 6;

/** Work allowed for one whole diff (see myers.ts); beyond it, changed blocks are marked replaced. */
const TOTAL_BUDGET = 12_000_000;
/** Comparisons allowed for pairing the blocks of one stretch by similarity. */
const PAIRING_WORK = 150_000;
/** Paired blocks must share this share of their words (Dice coefficient). */
const PAIR_SIMILARITY = 0.5;
/** A block found elsewhere with this similarity is a moved block. */
const MOVE_SIMILARITY = 0.8;
/** Near-moves are searched only when there are at most this many deleted × inserted candidates. */
const MOVE_SEARCH_LIMIT = 40_000;

interface Side {
  doc: BlockDoc;
  keys: number[];
  sigs: (Int32Array | undefined)[];
  /** Words in each block (-1: not counted yet). */
  words: Int32Array;
}

function blockWords(s: Side, i: number): number {
  let n = s.words[i]!;
  if (n < 0) {
    const blk = s.doc.blocks[i]!;
    n = s.words[i] = countWords(s.doc.text.slice(blk.start, blk.end));
  }
  return n;
}

/**
 * Diffs two parsed bodies: aligns their blocks (equal, changed, inserted,
 * deleted, moved), then diffs words inside each changed pair. Everything is
 * bounded: the result comes in time linear in the input for any input.
 */
export function diffBlocks(oldDoc: BlockDoc, newDoc: BlockDoc): MarkdownDiff {
  const interner = new Interner();
  const budget = new Budget(TOTAL_BUDGET);
  const keyIds = new Map<string, number>();
  const keysOf = (doc: BlockDoc) =>
    doc.blocks.map((b) => {
      const k = `${b.type}\u0000${doc.text.slice(b.start, b.end)}`;
      let id = keyIds.get(k);
      if (id === undefined) keyIds.set(k, (id = keyIds.size));
      return id;
    });
  const a: Side = { doc: oldDoc, keys: keysOf(oldDoc), sigs: [], words: new Int32Array(oldDoc.blocks.length).fill(-1) };
  const b: Side = { doc: newDoc, keys: keysOf(newDoc), sigs: [], words: new Int32Array(newDoc.blocks.length).fill(-1) };

  const sig = (s: Side, i: number): Int32Array => {
    let v = s.sigs[i];
    if (!v) {
      const blk = s.doc.blocks[i]!;
      const ids = tokenize(s.doc.text.slice(blk.start, blk.end)).filter(isWordToken).map((t) => interner.id(t));
      v = Int32Array.from(ids).sort();
      s.sigs[i] = v;
    }
    return v;
  };
  const similarity = (i: number, j: number) => dice(sig(a, i), sig(b, j));

  // 1. Blocks equal on both sides, in order.
  const exact = alignExact(a.keys, b.keys, budget);
  // 2. Between those, pair blocks of the same kind with similar words; but a block found word for word
  // among the other side's blocks left over is kept for step 3: it moved, it was not reworded.
  const leftA = new Set<number>();
  const leftB = new Set<number>();
  const inExactA = new Set(exact.map(([i]) => i));
  const inExactB = new Set(exact.map(([, j]) => j));
  for (let i = 0; i < a.keys.length; i++) if (!inExactA.has(i)) leftA.add(a.keys[i]!);
  for (let j = 0; j < b.keys.length; j++) if (!inExactB.has(j)) leftB.add(b.keys[j]!);
  // Nearly the same (80% of their words) but between other anchors: moved and edited, kept for step 3 too.
  const nearA = new Set<number>();
  const nearB = new Set<number>();
  {
    // Which stretch between equal blocks a block is in: the number of equal blocks before it.
    const regionOf = (anchors: number[]) => {
      return (k: number) => {
        let lo = 0;
        let hi = anchors.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (anchors[mid]! < k) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
    };
    const regionA = regionOf(exact.map(([i]) => i));
    const regionB = regionOf(exact.map(([, j]) => j));
    const restA = range(0, a.keys.length).filter((i) => !inExactA.has(i) && !leftB.has(a.keys[i]!) && blockWords(a, i) >= 8);
    const restB = range(0, b.keys.length).filter((j) => !inExactB.has(j) && !leftA.has(b.keys[j]!) && blockWords(b, j) >= 8);
    if (restA.length * restB.length <= MOVE_SEARCH_LIMIT) {
      for (const i of restA) {
        let best = -1;
        let bestSim = MOVE_SIMILARITY;
        for (const j of restB) {
          if (nearB.has(j) || a.doc.blocks[i]!.type !== b.doc.blocks[j]!.type) continue;
          const x = similarity(i, j);
          if (x >= bestSim) {
            best = j;
            bestSim = x;
          }
        }
        if (best >= 0 && regionA(i) !== regionB(best)) {
          nearA.add(i);
          nearB.add(best);
        }
      }
    }
  }
  const keptA = (i: number) => !(leftB.has(a.keys[i]!) && movable(a, i)) && !nearA.has(i);
  const keptB = (j: number) => !(leftA.has(b.keys[j]!) && movable(b, j)) && !nearB.has(j);
  const pairs: Pair[] = [];
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...exact, [a.keys.length, b.keys.length] as [number, number]]) {
    const region = pairRegion(range(pi, i).filter(keptA), range(pj, j).filter(keptB), a, b, similarity, budget);
    pairs.push(...region);
    if (i < a.keys.length) pairs.push({ i, j, equal: true });
    pi = i + 1;
    pj = j + 1;
  }
  // 3. Blocks left over on both sides that are the same (or nearly): moves.
  const moves = findMoves(pairs, a, b, similarity);
  // 4. In a list or a table, items left over in equal numbers between two pairs are the same items
  // reworded: item 5 stays item 5, shown changed, not deleted and added again.
  pairs.push(...pairInPlace(pairs, moves, a, b));
  pairs.sort((p, q) => p.i - q.i);

  // 4. Units in order, with their operations.
  const ops = new OpList();
  const units: Unit[] = [];
  const push = (kind: OpKind, text: string) => ops.push(kind, text);
  const spanOf = (s: Side, i: number): Span => {
    const blk = s.doc.blocks[i]!;
    return { gap: blk.gap, start: blk.start, end: blk.end, block: i, root: blk.root };
  };
  // Words are counted in blocks, not in the list markers and spacing between them.
  const emitSegments = (segs: Segment[], u: Unit, count: boolean) => {
    for (const [k, t] of segs) {
      push(k, t);
      (u.segments ??= []).push([k, t]);
      if (!count) continue;
      if (k === '+') u.wordsInserted += countWords(t);
      else if (k === '-') u.wordsDeleted += countWords(t);
    }
  };
  const gapSegments = (ga: string, gb: string): Segment[] => diffWords(ga, gb, interner, budget) ?? replaceSegments(ga, gb);

  // A block moved counts no words where it was; where it is, only the words edited on the way.
  const moveFrom = new Map<number, number>();
  for (const [i, m] of moves.old) moveFrom.set(m, i);
  const shows = (s: Side, i: number) => s.doc.blocks[i]!.sig !== '';
  const deleted = (i: number) => {
    const span = spanOf(a, i);
    const text = oldDoc.text.slice(span.gap, span.end);
    const m = moves.old.get(i);
    const u: Unit = { kind: 'deleted', type: oldDoc.blocks[i]!.type, old: span, section: -1, wordsInserted: 0, wordsDeleted: m === undefined && shows(a, i) ? blockWords(a, i) : 0 };
    if (m !== undefined) u.move = m;
    else if (!shows(a, i)) u.invisible = true;
    push('-', text);
    units.push(u);
  };
  const inserted = (j: number) => {
    const span = spanOf(b, j);
    const text = newDoc.text.slice(span.gap, span.end);
    const m = moves.new.get(j);
    const u: Unit = { kind: 'inserted', type: newDoc.blocks[j]!.type, new: span, section: -1, wordsInserted: m === undefined && shows(b, j) ? blockWords(b, j) : 0, wordsDeleted: 0 };
    if (m !== undefined) {
      u.move = m;
      const from = oldDoc.blocks[moveFrom.get(m)!]!;
      const ta = oldDoc.text.slice(from.start, from.end);
      const tb = newDoc.text.slice(span.start, span.end);
      if (ta !== tb) {
        const segs = diffWords(ta, tb, interner, budget) ?? replaceSegments(ta, tb);
        u.moveSegments = segs;
        for (const [k, t] of segs) {
          if (k === '+') u.wordsInserted += countWords(t);
          else if (k === '-') u.wordsDeleted += countWords(t);
        }
      }
    } else if (!shows(b, j)) u.invisible = true;
    push('+', text);
    units.push(u);
  };
  const paired = (p: Pair) => {
    const so = spanOf(a, p.i);
    const sn = spanOf(b, p.j);
    const u: Unit = { kind: p.equal ? 'equal' : 'changed', type: newDoc.blocks[p.j]!.type, old: so, new: sn, section: -1, wordsInserted: 0, wordsDeleted: 0 };
    const ga = oldDoc.text.slice(so.gap, so.start);
    const gb = newDoc.text.slice(sn.gap, sn.start);
    if (ga !== gb) {
      emitSegments(gapSegments(ga, gb), u, false);
      if (p.equal) u.minor = true;
    } else {
      push('=', ga);
      if (!p.equal && ga) (u.segments ??= []).push(['=', ga]);
    }
    const ta = oldDoc.text.slice(so.start, so.end);
    const tb = newDoc.text.slice(sn.start, sn.end);
    if (p.equal) {
      push('=', tb);
      if (u.minor && tb) u.segments!.push(['=', tb]);
    } else {
      let segs = diffWords(ta, tb, interner, budget);
      if (!segs) {
        segs = replaceSegments(ta, tb);
        u.replaced = true;
      }
      emitSegments(segs, u, true);
      if (!u.replaced && u.segments!.every(([k, t]) => k === '=' || !/\S/.test(t))) {
        // Only spacing changed (a trailing space, a line break): nothing a reader sees.
        u.kind = 'equal';
        u.minor = true;
      } else if (oldDoc.blocks[p.i]!.sig !== undefined && oldDoc.blocks[p.i]!.sig === newDoc.blocks[p.j]!.sig) {
        // Changed in the source only (an HTML comment, spacing the page ignores): it counts no words.
        u.invisible = true;
        u.wordsInserted = 0;
        u.wordsDeleted = 0;
      }
    }
    units.push(u);
  };

  let ci = 0;
  let cj = 0;
  for (const p of pairs) {
    while (ci < p.i) deleted(ci++);
    while (cj < p.j) inserted(cj++);
    paired(p);
    ci = p.i + 1;
    cj = p.j + 1;
  }
  while (ci < a.keys.length) deleted(ci++);
  while (cj < b.keys.length) inserted(cj++);
  // The text after the last block (usually a final newline).
  const endA = oldDoc.blocks.at(-1)?.end ?? 0;
  const endB = newDoc.blocks.at(-1)?.end ?? 0;
  const tail: Unit = {
    kind: 'equal',
    type: 'end',
    old: { gap: endA, start: oldDoc.text.length, end: oldDoc.text.length, block: -1, root: -1 },
    new: { gap: endB, start: newDoc.text.length, end: newDoc.text.length, block: -1, root: -1 },
    section: -1,
    wordsInserted: 0,
    wordsDeleted: 0,
  };
  const ta = oldDoc.text.slice(endA);
  const tb = newDoc.text.slice(endB);
  if (ta !== tb) {
    emitSegments(gapSegments(ta, tb), tail, false);
    tail.minor = true;
  } else {
    push('=', ta);
  }
  units.push(tail);

  const sections = assignSections(units, oldDoc, newDoc);
  const list = ops.done();
  return { engine: ENGINE_VERSION, ops: list, stats: statsOf(list, units, sections, oldDoc.text === newDoc.text, moves.count), sections, units };
}

interface Pair {
  i: number;
  j: number;
  equal: boolean;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

/** Dice coefficient of two sorted multisets. */
function dice(x: Int32Array, y: Int32Array): number {
  if (x.length === 0 && y.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      common++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return (2 * common) / (x.length + y.length);
}

/**
 * Pairs of equal blocks, in order on both sides: a bounded Myers diff of the
 * blocks' texts; when that is too costly, blocks that occur once on each side
 * anchor the alignment (as in patience diff), and the stretches between them
 * are aligned the same way.
 */
export function alignExact(x: readonly number[], y: readonly number[], budget: Budget): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const rec = (x0: number, x1: number, y0: number, y1: number, depth: number) => {
    while (x0 < x1 && y0 < y1 && x[x0] === y[y0]) out.push([x0++, y0++]);
    const tail: Array<[number, number]> = [];
    while (x0 < x1 && y0 < y1 && x[x1 - 1] === y[y1 - 1]) tail.push([--x1, --y1]);
    if (x0 < x1 && y0 < y1) {
      const runs = boundedDiff(x.slice(x0, x1), y.slice(y0, y1), budget);
      if (runs) {
        let i = x0;
        let j = y0;
        for (const [kind, n] of runs) {
          if (kind === '=') for (let k = 0; k < n; k++) out.push([i++, j++]);
          else if (kind === '-') i += n;
          else j += n;
        }
      } else if (depth < 64) {
        const anchors = uniqueAnchors(x, y, x0, x1, y0, y1);
        let px = x0;
        let py = y0;
        for (const [ax, ay] of anchors) {
          rec(px, ax, py, ay, depth + 1);
          out.push([ax, ay]);
          px = ax + 1;
          py = ay + 1;
        }
        if (anchors.length) rec(px, x1, py, y1, depth + 1);
      }
    }
    for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k]!);
  };
  rec(0, x.length, 0, y.length, 0);
  return out;
}

/** Items that occur exactly once in each range, longest run in the same order on both sides. */
function uniqueAnchors(x: readonly number[], y: readonly number[], x0: number, x1: number, y0: number, y1: number): Array<[number, number]> {
  const count = new Map<number, [number, number, number]>(); // key → [count in x, index in x, count in y / index]
  for (let i = x0; i < x1; i++) {
    const c = count.get(x[i]!);
    if (c) c[0]++;
    else count.set(x[i]!, [1, i, -1]);
  }
  const yIndex = new Map<number, number>();
  const yCount = new Map<number, number>();
  for (let j = y0; j < y1; j++) {
    yCount.set(y[j]!, (yCount.get(y[j]!) ?? 0) + 1);
    yIndex.set(y[j]!, j);
  }
  const cand: Array<[number, number]> = [];
  for (let i = x0; i < x1; i++) {
    const c = count.get(x[i]!)!;
    if (c[0] === 1 && yCount.get(x[i]!) === 1) cand.push([i, yIndex.get(x[i]!)!]);
  }
  // Longest increasing subsequence of y indices (patience sorting).
  const tails: number[] = [];
  const prev = new Array<number>(cand.length).fill(-1);
  for (let k = 0; k < cand.length; k++) {
    const v = cand[k]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cand[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const out: Array<[number, number]> = [];
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = prev[k]!) out.push(cand[k]!);
  return out.reverse();
}

/**
 * Within a stretch of blocks that differ, pairs blocks of the same type with
 * similar words, in order (a Myers diff whose "equal" is "similar"). A lone
 * block replaced by a lone block of the same type is always a pair.
 */
function pairRegion(oi: number[], nj: number[], a: Side, b: Side, similarity: (i: number, j: number) => number, budget: Budget): Pair[] {
  if (oi.length === 0 || nj.length === 0) return [];
  const typeA = (i: number) => a.doc.blocks[i]!.type;
  const typeB = (j: number) => b.doc.blocks[j]!.type;
  if (oi.length === 1 && nj.length === 1) {
    return typeA(oi[0]!) === typeB(nj[0]!) ? [{ i: oi[0]!, j: nj[0]!, equal: false }] : [];
  }
  const seen = new Map<number, boolean>();
  const similar = (i: number, j: number) => {
    const key = i * (b.keys.length + 1) + j;
    let v = seen.get(key);
    if (v === undefined) {
      v = typeA(i) === typeB(j) && similarity(i, j) >= PAIR_SIMILARITY;
      seen.set(key, v);
    }
    return v;
  };
  const runs = boundedDiff(oi, nj, budget, similar, PAIRING_WORK);
  if (!runs) return [];
  const out: Pair[] = [];
  let x = 0;
  let y = 0;
  let gx = 0;
  let gy = 0;
  const lone = () => {
    // A stretch of exactly one block on each side between pairs.
    if (x - gx === 1 && y - gy === 1 && typeA(oi[gx]!) === typeB(nj[gy]!)) out.push({ i: oi[gx]!, j: nj[gy]!, equal: false });
  };
  for (const [kind, n] of runs) {
    if (kind === '=') {
      lone();
      for (let k = 0; k < n; k++) out.push({ i: oi[x++]!, j: nj[y++]!, equal: false });
      gx = x;
      gy = y;
    } else if (kind === '-') x += n;
    else y += n;
  }
  lone();
  out.sort((p, q) => p.i - q.i);
  return out;
}

interface Moves {
  old: Map<number, number>;
  new: Map<number, number>;
  count: number;
}

/** Containers whose items keep their place: list items and table rows. */
const IN_PLACE = new Set(['list', 'table']);

/**
 * Between consecutive pairs, blocks left on both sides (neither paired nor
 * moved) in equal numbers, each of the same type as its counterpart and both
 * in a list or a table: paired in order. Item 5 reworded stays item 5.
 */
function pairInPlace(pairs: readonly Pair[], moves: Moves, a: Side, b: Side): Pair[] {
  const out: Pair[] = [];
  const sorted = [...pairs].sort((p, q) => p.i - q.i);
  let pi = 0;
  let pj = 0;
  const inPlace = (s: Side, k: number) => IN_PLACE.has(s.doc.rootTypes[s.doc.blocks[k]!.root] ?? '');
  for (const p of [...sorted, { i: a.keys.length, j: b.keys.length, equal: true }]) {
    const xs = range(pi, p.i).filter((i) => !moves.old.has(i));
    const ys = range(pj, p.j).filter((j) => !moves.new.has(j));
    if (xs.length > 0 && xs.length === ys.length && xs.every((i, k) => a.doc.blocks[i]!.type === b.doc.blocks[ys[k]!]!.type && inPlace(a, i) && inPlace(b, ys[k]!))) {
      xs.forEach((i, k) => out.push({ i, j: ys[k]!, equal: false }));
    }
    pi = p.i + 1;
    pj = p.j + 1;
  }
  return out;
}

/** A block that can be said to have moved when found word for word elsewhere: a heading (even of one word), or a block of two words or more; never a table's header row. */
function movable(side: Side, i: number): boolean {
  return blockWords(side, i) >= (side.doc.blocks[i]!.type === 'heading' ? 1 : 2) && !isHeaderRow(side, i);
}

/** The first row of a table names its columns: tables often share one, so it never moves on its own. */
function isHeaderRow(side: Side, i: number): boolean {
  const blocks = side.doc.blocks;
  return blocks[i]!.type === 'tableRow' && (i === 0 || blocks[i - 1]!.root !== blocks[i]!.root);
}

function findMoves(pairs: Pair[], a: Side, b: Side, similarity: (i: number, j: number) => number): Moves {
  const moves: Moves = { old: new Map(), new: new Map(), count: 0 };
  const pairedA = new Set(pairs.map((p) => p.i));
  const pairedB = new Set(pairs.map((p) => p.j));
  const freeA = range(0, a.keys.length).filter((i) => !pairedA.has(i));
  const freeB = range(0, b.keys.length).filter((j) => !pairedB.has(j));
  if (!freeA.length || !freeB.length) return moves;
  const words = blockWords;
  const byKey = new Map<number, number[]>();
  for (const j of freeB) {
    const list = byKey.get(b.keys[j]!) ?? [];
    list.push(j);
    byKey.set(b.keys[j]!, list);
  }
  const link = (i: number, j: number) => {
    moves.old.set(i, moves.count);
    moves.new.set(j, moves.count);
    moves.count++;
  };
  for (const i of freeA) {
    const list = byKey.get(a.keys[i]!);
    if (list?.length && movable(a, i)) link(i, list.shift()!);
  }
  const restA = freeA.filter((i) => !moves.old.has(i) && words(a, i) >= 8);
  const restB = freeB.filter((j) => !moves.new.has(j) && words(b, j) >= 8);
  if (restA.length * restB.length <= MOVE_SEARCH_LIMIT) {
    for (const i of restA) {
      let best = -1;
      let bestSim = MOVE_SIMILARITY;
      for (const j of restB) {
        if (moves.new.has(j) || a.doc.blocks[i]!.type !== b.doc.blocks[j]!.type) continue;
        const s = similarity(i, j);
        if (s >= bestSim) {
          best = j;
          bestSim = s;
        }
      }
      if (best >= 0) link(i, best);
    }
  }
  return moves;
}

/** A block marked replaced whole, except for the tokens it begins and ends with. */
function replaceSegments(x: string, y: string): Segment[] {
  const tx = tokenize(x);
  const ty = tokenize(y);
  let pre = 0;
  const min = Math.min(tx.length, ty.length);
  while (pre < min && tx[pre] === ty[pre]) pre++;
  let suf = 0;
  while (suf < min - pre && tx[tx.length - 1 - suf] === ty[ty.length - 1 - suf]) suf++;
  const head = tx.slice(0, pre).join('');
  const tailText = tx.slice(tx.length - suf).join('');
  const out: Segment[] = [];
  if (head) out.push(['=', head]);
  const mx = x.slice(head.length, x.length - tailText.length);
  const my = y.slice(head.length, y.length - tailText.length);
  if (mx) out.push(['-', mx]);
  if (my) out.push(['+', my]);
  if (tailText) out.push(['=', tailText]);
  return out;
}

/**
 * Builds the operation list, keeping it normal: no empty texts, no two
 * operations of the same kind in a row, and in each run of changes the
 * deletion before the insertion. Texts are joined once at the end.
 */
export class OpList {
  private kinds: OpKind[] = [];
  private parts: string[][] = [];
  push(kind: OpKind, text: string): void {
    if (!text) return;
    const n = this.kinds.length;
    const last = this.kinds[n - 1];
    if (last === kind) {
      this.parts[n - 1]!.push(text);
    } else if (kind === '-' && last === '+') {
      if (this.kinds[n - 2] === '-') this.parts[n - 2]!.push(text);
      else {
        this.kinds.splice(n - 1, 0, '-');
        this.parts.splice(n - 1, 0, [text]);
      }
    } else {
      this.kinds.push(kind);
      this.parts.push([text]);
    }
  }
  done(): Op[] {
    return this.kinds.map((k, i) => [k, this.parts[i]!.join('')]);
  }
}

/**
 * The section each change belongs to: the heading above it in the new
 * revision, or for deleted text under a deleted heading, that heading.
 */
function assignSections(units: Unit[], oldDoc: BlockDoc, newDoc: BlockDoc): ChangedSection[] {
  const sections: ChangedSection[] = [];
  const index = new Map<string, number>();
  let currentNew: { key: string; block: Block; status: ChangedSection['heading'] } | undefined;
  let currentAny: { key: string; block: Block; side: 'new' | 'old'; status: ChangedSection['heading'] } | undefined;
  const statusOf = (u: Unit): ChangedSection['heading'] =>
    u.kind === 'equal' ? 'same' : u.kind === 'changed' ? 'changed' : u.move !== undefined ? 'moved' : u.kind === 'inserted' ? 'inserted' : 'deleted';
  const sectionFor = (key: string, block: Block | undefined, side: 'new' | 'old', status: ChangedSection['heading']) => {
    let k = index.get(key);
    if (k === undefined) {
      k = sections.length;
      index.set(key, k);
      sections.push({
        anchor: block?.anchor ?? null,
        title: block?.title ?? '',
        depth: block?.depth ?? 0,
        side,
        heading: block ? status : 'none',
        wordsInserted: 0,
        wordsDeleted: 0,
        blocksChanged: 0,
        blocksMoved: 0,
      });
    }
    return k;
  };
  for (const u of units) {
    if (u.type === 'heading') {
      const status = statusOf(u);
      if (u.new) {
        const block = newDoc.blocks[u.new.block]!;
        currentNew = { key: `new:${u.new.block}`, block, status };
        currentAny = { ...currentNew, side: 'new' };
      } else if (u.old) {
        currentAny = { key: `old:${u.old.block}`, block: oldDoc.blocks[u.old.block]!, side: 'old', status };
      }
    }
    const changed = u.kind !== 'equal';
    if (!changed) continue;
    const here = u.kind === 'deleted' ? currentAny : currentNew ? { ...currentNew, side: 'new' as const } : undefined;
    const k = here ? sectionFor(here.key, here.block, here.side, here.status) : sectionFor('none', undefined, 'new', 'none');
    u.section = k;
    const s = sections[k]!;
    s.wordsInserted += u.wordsInserted;
    s.wordsDeleted += u.wordsDeleted;
    if (u.invisible) {
      // A section whose changes are all in the source only says so.
      if (s.blocksChanged === 0) s.invisible = true;
      continue;
    }
    s.blocksChanged++;
    if (u.move !== undefined) s.blocksMoved++;
    delete s.invisible;
  }
  return sections;
}

function statsOf(ops: Op[], units: Unit[], sections: ChangedSection[], identical: boolean, moves: number): DiffStats {
  let charsInserted = 0;
  let charsDeleted = 0;
  for (const [k, t] of ops) {
    if (k === '+') charsInserted += countChars(t);
    else if (k === '-') charsDeleted += countChars(t);
  }
  const s: DiffStats = {
    identical,
    wordsInserted: 0,
    wordsDeleted: 0,
    charsInserted,
    charsDeleted,
    blocksChanged: 0,
    blocksModified: 0,
    blocksInserted: 0,
    blocksDeleted: 0,
    blocksMoved: moves,
    blocksInvisible: 0,
    blocksReplaced: 0,
    sectionsChanged: sections.length,
  };
  for (const u of units) {
    s.wordsInserted += u.wordsInserted;
    s.wordsDeleted += u.wordsDeleted;
    if (u.invisible) s.blocksInvisible++;
    else if (u.kind === 'changed') s.blocksModified++;
    else if (u.kind === 'inserted' && u.move === undefined) s.blocksInserted++;
    else if (u.kind === 'deleted' && u.move === undefined) s.blocksDeleted++;
    if (u.replaced) s.blocksReplaced++;
  }
  s.blocksChanged = s.blocksModified + s.blocksInserted + s.blocksDeleted + s.blocksMoved;
  return s;
}

/** The old body (`=` and `-`) or the new body (`=` and `+`) rebuilt from the operations. */
export function rebuild(ops: readonly Op[], side: 'old' | 'new'): string {
  const skip = side === 'old' ? '+' : '-';
  const parts: string[] = [];
  for (const [k, t] of ops) if (k !== skip) parts.push(t);
  return parts.join('');
}
