// Seeded generators of Markdown for tests and measurements.

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCAB = (
  'the of and to in a is that for it as with was on be by this are or at from but not have an they which one you were all we when there can more if out so what up about into than them only other new some could time these two may then do first any like now my such make over our even most after also made many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'
).split(' ');

/** Markdown prose of about `words` words: headings, paragraphs, lists and the odd table, from its own vocabulary. */
export function prose(words: number, seed: number, vocab: readonly string[] = VOCAB): string {
  const r = rng(seed);
  const word = () => vocab[Math.floor(r() * vocab.length)]!;
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, word);
    w[0] = w[0]![0]!.toUpperCase() + w[0]!.slice(1);
    return w.join(' ') + (r() < 0.1 ? ';' : '.');
  };
  const out: string[] = [];
  let n = 0;
  let h = 0;
  while (n < words) {
    const x = r();
    if (x < 0.08) {
      out.push(`## ${++h}. ${sentence(3).slice(0, -1)}`);
      n += 4;
    } else if (x < 0.2) {
      const items = 2 + Math.floor(r() * 4);
      const list: string[] = [];
      for (let i = 0; i < items; i++) {
        const len = 6 + Math.floor(r() * 20);
        list.push(`- ${sentence(len)}`);
        n += len;
      }
      out.push(list.join('\n'));
    } else if (x < 0.22) {
      const rows = ['| Item | Detail |', '| --- | --- |'];
      for (let i = 0; i < 3; i++) {
        rows.push(`| ${word()} ${word()} | ${sentence(6)} |`);
        n += 8;
      }
      out.push(rows.join('\n'));
    } else {
      const len = 30 + Math.floor(r() * 90);
      const parts: string[] = [];
      let m = 0;
      while (m < len) {
        const s = 5 + Math.floor(r() * 20);
        parts.push(sentence(s));
        m += s;
      }
      out.push(parts.join(' '));
      n += m;
    }
  }
  return out.join('\n\n') + '\n';
}

/** Two unrelated texts of about `words` words each: different seeds and different vocabularies. */
export function unrelatedPair(words: number): [string, string] {
  const r = rng(7);
  const made = new Set<string>();
  const vocab = (n: number) => {
    const v: string[] = [];
    while (v.length < n) {
      const len = 2 + Math.floor(r() * 9);
      let w = '';
      for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(r() * 26));
      if (!made.has(w)) {
        made.add(w);
        v.push(w);
      }
    }
    return v;
  };
  return [prose(words, 1, vocab(3000)), prose(words, 2, vocab(3000))];
}

/**
 * The next revision of a policy: a few realistic edits (words changed,
 * a paragraph inserted or deleted, a list item added, a section moved).
 */
export function evolve(text: string, seed: number): string {
  const r = rng(seed);
  const blocks = text.trimEnd().split('\n\n');
  const edits = 1 + Math.floor(r() * 5);
  for (let e = 0; e < edits; e++) {
    const x = r();
    const k = Math.floor(r() * blocks.length);
    if (x < 0.5) {
      const words = blocks[k]!.split(' ');
      const w = Math.floor(r() * words.length);
      words[w] = r() < 0.5 ? 'amended' : `${words[w]} and related`;
      blocks[k] = words.join(' ');
    } else if (x < 0.65) {
      blocks.splice(k, 0, prose(40 + Math.floor(r() * 60), seed * 7 + e).trimEnd().split('\n\n').find((b) => !b.startsWith('#') && !b.startsWith('|') && !b.startsWith('-')) ?? 'A new paragraph.');
    } else if (x < 0.75 && blocks.length > 5) {
      blocks.splice(k, 1);
    } else if (x < 0.9) {
      if (blocks[k]!.startsWith('- ')) blocks[k] += `\n- An item added in revision ${seed}.`;
    } else if (blocks.length > 10) {
      const [moved] = blocks.splice(k, 3);
      blocks.splice(Math.floor(r() * blocks.length), 0, moved!);
    }
  }
  return blocks.join('\n\n') + '\n';
}
