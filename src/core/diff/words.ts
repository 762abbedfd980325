import type { OpKind } from './types.ts';
import { tokenize, isWordToken, type Interner } from './tokens.ts';
import { boundedDiff, type Budget } from './myers.ts';

export type Segment = [OpKind, string];

/**
 * Word-level diff of two texts (the Markdown source of two paired blocks).
 * Returns segments whose `=`/`-` texts join to `a` and `=`/`+` texts to `b`,
 * or undefined when the texts are too different to diff within the budget.
 */
export function diffWords(a: string, b: string, interner: Interner, budget: Budget): Segment[] | undefined {
  if (a === b) return a ? [['=', a]] : [];
  const ta = tokenize(a);
  const tb = tokenize(b);
  const runs = boundedDiff(interner.all(ta), interner.all(tb), budget);
  if (!runs) return undefined;
  const parts: Part[] = [];
  let i = 0;
  let j = 0;
  for (const [kind, n] of runs) {
    if (kind === '=') {
      parts.push({ eq: ta.slice(i, i + n) });
      i += n;
      j += n;
    } else if (kind === '-') {
      addChange(parts, ta.slice(i, i + n), []);
      i += n;
    } else {
      addChange(parts, [], tb.slice(j, j + n));
      j += n;
    }
  }
  cleanup(parts);
  const out: Segment[] = [];
  for (const p of parts) {
    if ('eq' in p) {
      if (p.eq.length) out.push(['=', p.eq.join('')]);
    } else {
      if (p.del.length) out.push(['-', p.del.join('')]);
      if (p.ins.length) out.push(['+', p.ins.join('')]);
    }
  }
  return out;
}

type Part = { eq: string[] } | { del: string[]; ins: string[] };

function addChange(parts: Part[], del: string[], ins: string[]): void {
  const last = parts[parts.length - 1];
  if (last && 'del' in last) {
    pushAll(last.del, del);
    pushAll(last.ins, ins);
  } else {
    parts.push({ del, ins });
  }
}

function pushAll(to: string[], from: readonly string[]): void {
  for (const t of from) to.push(t);
}

const len = (tokens: string[]) => tokens.reduce((n, t) => n + t.length, 0);

/**
 * Readability: a short run of spaces or punctuation between two changes is
 * folded into them ("the quick brown" → "a slow red" reads as one change,
 * not three), when it is no longer than the changes on either side. A run
 * holding a word always stays unchanged: a redline never marks a word that
 * did not change. Nor is a run folded between two pure insertions (or two
 * pure deletions), which would mark it deleted and inserted again.
 */
function cleanup(parts: Part[]): void {
  for (let k = 1; k < parts.length - 1; k++) {
    const e = parts[k]!;
    const c1 = parts[k - 1]!;
    const c2 = parts[k + 1]!;
    if (!('eq' in e) || 'eq' in c1 || 'eq' in c2) continue;
    if (e.eq.some(isWordToken) || e.eq.some((t) => t.includes('\n'))) continue;
    if ((c1.del.length === 0 && c2.del.length === 0) || (c1.ins.length === 0 && c2.ins.length === 0)) continue;
    const n = len(e.eq);
    if (n > Math.max(len(c1.del), len(c1.ins)) || n > Math.max(len(c2.del), len(c2.ins))) continue;
    pushAll(c1.del, e.eq);
    pushAll(c1.del, c2.del);
    pushAll(c1.ins, e.eq);
    pushAll(c1.ins, c2.ins);
    parts.splice(k, 2);
    // c1 grew: the run before it may now be folded too.
    k = Math.max(0, k - 3);
  }
}
