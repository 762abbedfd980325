import { describe, it, expect } from 'vitest';
import { blockKinds, count } from '../src/core/diff/summary.ts';
import { diffMarkdown } from '../src/core/diff/index.ts';

describe('diff summary wording', () => {
  it('counts with singular, plural and thousands separators', () => {
    expect(count(1, 'word')).toBe('1 word');
    expect(count(0, 'word')).toBe('0 words');
    expect(count(1204, 'word')).toBe('1,204 words');
    expect(count(2, 'paragraph or item', 'paragraphs or items')).toBe('2 paragraphs or items');
  });

  it('names each kind of block change that happened, in a fixed order, and leaves out the others', () => {
    const d = diffMarkdown('# A\n\nOne two three.\n\nGone paragraph here.\n', '# A\n\nOne two four.\n\nA new paragraph.\n\nAnd another new one.\n');
    expect(blockKinds(d.stats)).toEqual(['1 changed', '2 added', '1 removed']);
    const moved = diffMarkdown('# A\n\nAlpha.\n\n# B\n\nBeta.\n\n# C\n\nGamma one two three four five six.\n', '# A\n\nAlpha.\n\n# C\n\nGamma one two three four five six.\n\n# B\n\nBeta.\n');
    expect(blockKinds(moved.stats)).toEqual(['1 added', '1 removed', '1 moved']);
    expect(blockKinds({ ...moved.stats, blocksModified: 1200 })[0]).toBe('1,200 changed');
    expect(blockKinds(diffMarkdown('Same.\n', 'Same.\n').stats)).toEqual([]);
  });
});
