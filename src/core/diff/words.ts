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
  realign(parts);
  const out: Segment[] = [];
  for (const p of parts) {
    if ('eq' in p) {
      if (p.eq.length) out.push(['=', p.eq.join('')]);
    } else {
      if (p.del.length) out.push(['-', p.del.join('')]);
      if (p.ins.length) out.push(['+', p.ins.join('')]);
    }
  }
  // Realigning may have left two equal runs side by side: one segment each way.
  return out.reduce<Segment[]>((acc, seg) => {
    const last = acc[acc.length - 1];
    if (last && last[0] === seg[0]) last[1] += seg[1];
    else acc.push(seg);
    return acc;
  }, []);
}

const CJK_TOKEN = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;

/** Offsets at which the tokens end, from the start of their joined text. */
function ends(tokens: readonly string[]): number[] {
  const out: number[] = [];
  let n = 0;
  for (const t of tokens) out.push((n += t.length));
  return out;
}

/**
 * Japanese words are found from the characters around them (segment-ja.ts),
 * so the same words can be split differently next to a change (「同意の委託先」:
 * 同|意; 「同意の個人情報」: 同意): the diff then holds a word that did not
 * change. Text at the start or end of a change that is the same on both
 * sides, and ends (or starts) at a word boundary on both sides, goes back to
 * the unchanged text. Only changes with Japanese or Chinese in them: other
 * words are split the same wherever they are.
 */
function realign(parts: Part[]): void {
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if ('eq' in p || p.del.length === 0 || p.ins.length === 0) continue;
    if (!p.del.some((t) => CJK_TOKEN.test(t)) && !p.ins.some((t) => CJK_TOKEN.test(t))) continue;
    const d = p.del.join('');
    const i = p.ins.join('');
    // The longest common start that ends on a token boundary of both sides.
    let common = 0;
    while (common < d.length && common < i.length && d.charCodeAt(common) === i.charCodeAt(common)) common++;
    const de = ends(p.del);
    const ie = new Set(ends(p.ins));
    const head = de.filter((e) => e <= common && ie.has(e)).pop() ?? 0;
    // The longest common end that starts on a token boundary of both sides (after what the start took).
    let tail = 0;
    while (tail < d.length - head && tail < i.length - head && d.charCodeAt(d.length - 1 - tail) === i.charCodeAt(i.length - 1 - tail)) tail++;
    const ds = new Set([0, ...de].map((e) => d.length - e));
    const is = [0, ...ends(p.ins)].map((e) => i.length - e);
    const back = is.filter((e) => e <= tail && ds.has(e) && d.length - e >= head && i.length - e >= head).reduce((a, b) => Math.max(a, b), 0);
    if (head === 0 && back === 0) continue;
    const take = (tokens: string[], from: number, to: number) => {
      const out: string[] = [];
      let n = 0;
      for (const t of tokens) {
        if (n >= from && n + t.length <= to) out.push(t);
        n += t.length;
      }
      return out;
    };
    const replaced: Part[] = [];
    if (head > 0) replaced.push({ eq: take(p.del, 0, head) });
    const del = take(p.del, head, d.length - back);
    const ins = take(p.ins, head, i.length - back);
    if (del.length || ins.length) replaced.push({ del, ins });
    if (back > 0) replaced.push({ eq: take(p.del, d.length - back, d.length) });
    parts.splice(k, 1, ...replaced);
    k += replaced.length - 1;
  }
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
