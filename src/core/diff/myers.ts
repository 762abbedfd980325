import { diffArrays } from 'diff';

/**
 * jsdiff's Myers diff costs O((N+M)·D): it hangs on long, dissimilar
 * sequences. Every call here is bounded by an edit length derived from a
 * work budget, so a call costs at most about `budget` steps and gives up
 * (returns undefined) instead. The bound is an edit length, not a timeout,
 * so the result never depends on the machine's speed: builds stay
 * reproducible.
 */

/** A run of the edit script: `=` common, `-` only in a, `+` only in b; `n` items. */
export type Run = ['=' | '-' | '+', number];

/** A shared allowance of work for one diffMarkdown call. */
export class Budget {
  remaining: number;
  constructor(total: number) {
    this.remaining = total;
  }
}

/** Work allowed for one call, whatever the shared budget. */
export const CALL_BUDGET = 2_500_000;
const FLOOR = 16;

/** Largest edit length D with D² + (n+m)·D within `work`. */
export function maxEditFor(n: number, work: number): number {
  if (work <= 0) return 0;
  // D² + n·D - work = 0
  return Math.floor((-n + Math.sqrt(n * n + 4 * work)) / 2);
}

/**
 * Diffs two sequences of integers (or anything compared with `eq`).
 * Common prefix and suffix are taken off first, so that only the changed
 * middle counts against the budget. Returns undefined when the diff would
 * exceed the budget.
 */
export function boundedDiff<T>(a: readonly T[], b: readonly T[], budget: Budget, eq?: (x: T, y: T) => boolean, maxWork?: number): Run[] | undefined {
  const same = eq ?? ((x: T, y: T) => x === y);
  let pre = 0;
  const min = Math.min(a.length, b.length);
  while (pre < min && same(a[pre]!, b[pre]!)) pre++;
  let suf = 0;
  while (suf < min - pre && same(a[a.length - 1 - suf]!, b[b.length - 1 - suf]!)) suf++;
  const runs: Run[] = [];
  if (pre) runs.push(['=', pre]);
  const ma = a.length - pre - suf;
  const mb = b.length - pre - suf;
  if (ma === 0 && mb > 0) runs.push(['+', mb]);
  else if (mb === 0 && ma > 0) runs.push(['-', ma]);
  else if (ma > 0 && mb > 0) {
    const n = ma + mb;
    const cap = Math.min(CALL_BUDGET, budget.remaining, maxWork ?? Infinity);
    // A small floor keeps short edits exact even when the shared budget is
    // spent; it costs at most FLOOR steps per item, so the total stays linear.
    const limit = Math.min(n, Math.max(FLOOR, maxEditFor(n, cap)));
    if (!eq && n - 2 * commonCount(a, b, pre, ma, mb) > limit) {
      // Fewer items in common than an edit script within the limit needs: no need to try.
      return undefined;
    }
    const changes = diffArrays(a.slice(pre, pre + ma) as T[], b.slice(pre, pre + mb) as T[], eq ? { maxEditLength: limit, comparator: eq } : { maxEditLength: limit });
    if (!changes) {
      budget.remaining -= limit * limit + n * limit;
      return undefined;
    }
    let d = 0;
    for (const c of changes) {
      const kind = c.added ? '+' : c.removed ? '-' : '=';
      if (kind !== '=') d += c.count;
      const last = runs[runs.length - 1];
      if (last && last[0] === kind) last[1] += c.count;
      else runs.push([kind, c.count]);
    }
    budget.remaining -= d * d + n * d;
  }
  if (suf) {
    const last = runs[runs.length - 1];
    if (last && last[0] === '=') last[1] += suf;
    else runs.push(['=', suf]);
  }
  return runs;
}

/**
 * How many items the middle parts of a and b have in common, as multisets:
 * no edit script is shorter than (length of a + length of b − 2 × this).
 */
function commonCount<T>(a: readonly T[], b: readonly T[], from: number, ma: number, mb: number): number {
  const counts = new Map<T, number>();
  for (let i = from; i < from + ma; i++) counts.set(a[i]!, (counts.get(a[i]!) ?? 0) + 1);
  let common = 0;
  for (let j = from; j < from + mb; j++) {
    const c = counts.get(b[j]!);
    if (c) {
      common++;
      counts.set(b[j]!, c - 1);
    }
  }
  return common;
}
