import { describe, expect, it } from 'vitest';
import { diffMarkdown, rebuild, type MarkdownDiff, type Op } from '../src/core/diff/index.ts';
import { parseBlocks } from '../src/core/diff/parse.ts';
import { analyzeBody } from '../src/core/markdown/analyze.ts';
import { diffBlocks } from '../src/core/diff/engine.ts';
import { tokenize, countWords } from '../src/core/diff/tokens.ts';
import { unrelatedPair, prose } from './helpers/markdown-gen.ts';

function lossless(a: string, b: string, d: MarkdownDiff) {
  expect(rebuild(d.ops, 'old')).toBe(a);
  expect(rebuild(d.ops, 'new')).toBe(b);
}

/** The changes only, as "-text" / "+text". */
function changes(ops: Op[]): string[] {
  return ops.filter(([k]) => k !== '=').map(([k, t]) => k + t);
}

describe('tokenize', () => {
  it('splits words, spaces and punctuation, and joins back byte for byte', () => {
    const t = 'Personal data, e.g. "names" — see https://example.com/a_b(c). 個人情報';
    expect(tokenize(t).join('')).toBe(t);
    expect(tokenize('data, and')).toEqual(['data', ',', ' ', 'and']);
    expect(tokenize('see https://example.com/privacy.')).toEqual(['see', ' ', 'https://example.com/privacy', '.']);
    expect(tokenize('個人情報')).toEqual(['個人', '情報']);
    expect(tokenize('「利用目的」を変更します。')).toEqual(['「', '利用', '目的', '」', 'を', '変更', 'し', 'ます', '。']);
  });

  it('counts words as people do', () => {
    expect(countWords("We don't sell e-mail addresses.")).toBe(5);
    expect(countWords('**Bold** [link](https://example.com/x)')).toBe(3);
    expect(countWords('  — ')).toBe(0);
    // Japanese: words, not characters (個人|情報|を|第三|者|に|提供|し|ませ|ん).
    expect(countWords('個人情報を第三者に提供しません。')).toBe(10);
    expect(countWords('利用目的')).toBe(2);
  });
});

describe('Japanese, word by word', () => {
  it('marks the one word that changed in a Japanese sentence, whole, and nothing else', () => {
    const d = diffMarkdown('お客様の個人情報の利用目的を変更する場合は、あらかじめ通知します。\n', 'お客様の個人情報の使用目的を変更する場合は、あらかじめ通知します。\n');
    expect(changes(d.ops)).toEqual(['-利用', '+使用']);
    expect(d.stats).toMatchObject({ wordsInserted: 1, wordsDeleted: 1, charsInserted: 2, charsDeleted: 2 });
  });

  it('keeps a word the segmenter splits differently beside a change out of the marks', () => {
    // 「同意の委託先」 is read 同|意|の|委託|先, 「同意の個人情報」 同意|の|個人|情報: 同意 did not change.
    const d = diffMarkdown('個人情報は、同意の委託先を提供します。\n', '個人情報は、同意の個人情報を提供します。\n');
    expect(changes(d.ops)).toEqual(['-委託先', '+個人情報']);
  });
});

describe('diffMarkdown: word level', () => {
  it('marks one word when one word changes', () => {
    const a = 'We may share your personal data with partners.\n';
    const b = 'We may share your personal information with partners.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(changes(d.ops)).toEqual(['-data', '+information']);
    expect(d.stats).toMatchObject({ wordsInserted: 1, wordsDeleted: 1, blocksModified: 1, blocksChanged: 1, identical: false });
  });

  it('leaves punctuation next to a changed word unmarked', () => {
    const a = 'Contact us by mail, phone, or fax.\n';
    const b = 'Contact us by e-mail, phone, or chat.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(changes(d.ops)).toEqual(['+e-', '-fax', '+chat']);
  });

  it('reads a run of replaced words as one change, but never marks an unchanged word', () => {
    const a = 'the quick brown fox jumps\n';
    const b = 'a slow red fox leaps\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(changes(d.ops)).toEqual(['-the quick brown', '+a slow red', '-jumps', '+leaps']);
  });

  it('marks an inserted word with one of its spaces', () => {
    const a = 'We share data with partners.\n';
    const b = 'We share data with trusted partners.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(changes(d.ops).map((c) => c.trim())).toEqual(['+trusted']);
    expect(d.stats.wordsInserted).toBe(1);
  });

  it('finds nothing between identical bodies', () => {
    const a = '# Policy\n\nText.\n';
    const d = diffMarkdown(a, a);
    expect(d.ops).toEqual([['=', a]]);
    expect(d.stats).toMatchObject({ identical: true, wordsInserted: 0, wordsDeleted: 0, blocksChanged: 0, sectionsChanged: 0 });
    expect(d.sections).toEqual([]);
  });

  it('handles empty bodies on either side', () => {
    for (const [a, b] of [['', 'New text.\n'], ['Old text.\n', ''], ['', ''], ['\n\n', 'x']]) {
      lossless(a!, b!, diffMarkdown(a!, b!));
    }
  });
});

describe('diffMarkdown: blocks', () => {
  it('marks an inserted paragraph whole, and only it', () => {
    const a = 'First.\n\nThird.\n';
    const b = 'First.\n\nSecond paragraph.\n\nThird.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    // A block carries the text before it: the blank line that separates it from the block above.
    expect(changes(d.ops)).toEqual(['+\n\nSecond paragraph.']);
    expect(d.stats).toMatchObject({ blocksInserted: 1, blocksChanged: 1, wordsInserted: 2 });
  });

  it('finds inserted and deleted list items without touching their neighbours', () => {
    const a = '- apples\n- pears\n- plums\n';
    const b = '- apples\n- plums\n- cherries\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(changes(d.ops)).toEqual(['-\n- pears', '+\n- cherries']);
    expect(d.stats).toMatchObject({ blocksInserted: 1, blocksDeleted: 1 });
  });

  it('diffs a table row cell by cell', () => {
    const a = '| Data | Kept for |\n| --- | --- |\n| Logs | 90 days |\n| Backups | 1 year |\n';
    const b = '| Data | Kept for |\n| --- | --- |\n| Logs | 30 days |\n| Backups | 1 year |\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(changes(d.ops)).toEqual(['-90', '+30']);
  });

  it('pairs changed blocks among several, in order', () => {
    const a = 'We collect your name and address.\n\nWe keep it for one year.\n\nWe never sell it.\n';
    const b = 'We collect your name, address and phone number.\n\nWe keep it for two years.\n\nWe never sell it.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(d.stats.blocksModified).toBe(2);
    expect(d.stats.blocksInserted + d.stats.blocksDeleted).toBe(0);
    expect(changes(d.ops)).toContain('-one year');
    expect(changes(d.ops)).toContain('+two years');
  });

  it('finds a moved section', () => {
    const a = '## Cookies\n\nWe use two cookies to remember your language.\n\n## Contact\n\nWrite to us at the address below.\n';
    const b = '## Contact\n\nWrite to us at the address below.\n\n## Cookies\n\nWe use two cookies to remember your language.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(d.stats.blocksMoved).toBe(2);
    expect(d.stats.blocksInserted + d.stats.blocksDeleted).toBe(0);
    const moved = d.units.filter((u) => u.move !== undefined);
    expect(moved.map((u) => [u.kind, u.type, u.move])).toEqual([
      ['deleted', 'heading', 0],
      ['deleted', 'paragraph', 1],
      ['inserted', 'heading', 0],
      ['inserted', 'paragraph', 1],
    ]);
  });

  it('does not count renumbered list markers as changed blocks', () => {
    const a = '1. One.\n2. Two.\n3. Three.\n';
    const b = '1. One.\n2. Two and a half.\n3. Three.\n';
    const c = '1. One.\n2. Inserted.\n3. Two.\n4. Three.\n';
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(d.stats.blocksChanged).toBe(1);
    const e = diffMarkdown(a, c);
    lossless(a, c, e);
    expect(e.stats).toMatchObject({ blocksInserted: 1, blocksChanged: 1, wordsInserted: 1 });
  });
});

describe('diffMarkdown: sections', () => {
  it('names each changed section by its heading and the anchor the site gives it', () => {
    const a = '# Privacy Policy\n\nIntro.\n\n## What we collect\n\nYour name.\n\n## Sharing\n\nNever.\n\n## Contact\n\nMail us.\n';
    const b = '# Privacy Policy\n\nIntro.\n\n## What we collect\n\nYour name and e-mail.\n\n## Sharing\n\nNever.\n\n## Contact us\n\nMail us.\n';
    const d = diffMarkdown(a, b);
    expect(d.sections.map((s) => [s.anchor, s.title, s.depth, s.heading, s.side])).toEqual([
      ['what-we-collect', 'What we collect', 2, 'same', 'new'],
      ['contact-us', 'Contact us', 2, 'changed', 'new'],
    ]);
    expect(d.sections[0]).toMatchObject({ wordsInserted: 2, wordsDeleted: 0 });
  });

  it('puts deleted text under a deleted heading in that (old) section', () => {
    const a = '## Keep\n\nKept.\n\n## Gone\n\nThis whole section goes away.\n';
    const b = '## Keep\n\nKept.\n';
    const d = diffMarkdown(a, b);
    expect(d.sections).toEqual([
      { anchor: 'gone', title: 'Gone', depth: 2, side: 'old', heading: 'deleted', wordsInserted: 0, wordsDeleted: 6, blocksChanged: 2, blocksMoved: 0 },
    ]);
  });

  it('reports changes before the first heading with no anchor', () => {
    const d = diffMarkdown('Hello.\n\n## A\n\nText.\n', 'Hello there.\n\n## A\n\nText.\n');
    expect(d.sections).toEqual([{ anchor: null, title: '', depth: 0, side: 'new', heading: 'none', wordsInserted: 1, wordsDeleted: 0, blocksChanged: 1, blocksMoved: 0 }]);
  });

  it('numbers repeated headings as the site does', () => {
    const text = '## FAQ\n\n## FAQ\n\n## `code` and *emphasis* {x}\n';
    const doc = parseBlocks(text);
    expect(doc.blocks.map((b) => b.anchor)).toEqual(['faq', 'faq-1', 'code-and-emphasis-x']);
    expect(analyzeBody(text).headings.map((h) => h.slug)).toEqual(['faq', 'faq-1', 'code-and-emphasis-x']);
  });
});

describe('diffMarkdown: hard input', () => {
  it('diffs two unrelated texts of 200,000 words each, losslessly, marking them replaced (list items keep their place)', () => {
    const [a, b] = unrelatedPair(200_000);
    expect(countWords(a)).toBeGreaterThan(195_000);
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    const doc = parseBlocks(a);
    const inListOrTable = (u: (typeof d.units)[number]) => ['list', 'table'].includes(doc.rootTypes[u.old!.root]!);
    // Nothing is paired but items of a list or rows of a table, in place; every other old block is deleted whole.
    const changed = d.units.filter((u) => u.kind === 'changed');
    expect(changed.every(inListOrTable)).toBe(true);
    const deleted = d.units.filter((u) => u.kind === 'deleted');
    expect(deleted.length + changed.length).toBe(doc.blocks.length);
    // A block moved elsewhere counts no words where it was.
    const counted = deleted.filter((u) => u.move === undefined);
    expect(d.stats.wordsDeleted).toBe(counted.reduce((n, u) => n + countWords(a.slice(u.old!.start, u.old!.end)), 0) + changed.reduce((n, u) => n + u.wordsDeleted, 0));
    // Tables that share only their header row share no moved row.
    expect(d.units.filter((u) => u.move !== undefined && u.type === 'tableRow')).toEqual([]);
    expect(d.stats.blocksInserted).toBeGreaterThan(3000);
  });

  it('gives the headings of a long body the anchors and titles the page gives them', () => {
    const text = prose(10_000, 11);
    const blocks = parseBlocks(text).blocks.filter((b) => b.type === 'heading');
    const page = analyzeBody(text).headings;
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.map((b) => [b.anchor, b.title, b.depth])).toEqual(page.map((h) => [h.slug, h.text, h.depth]));
    for (const b of blocks) expect(text.slice(b.start, b.end)).toBe(`## ${b.title}`);
  });

  it('still diffs word by word in a long body with small edits', () => {
    // A long body (about 300,000 characters), parsed whole like any other.
    const a = prose(60_000, 5);
    expect(a.length).toBeGreaterThan(256 * 1024);
    const b = a.replace('. ', '. Inserted words here. ').replace(/\n\n## 7\. [^\n]*/, '');
    const d = diffMarkdown(a, b);
    lossless(a, b, d);
    expect(d.stats.wordsInserted).toBe(3);
    expect(d.stats.blocksDeleted).toBe(1);
  });

  it('marks a paired block replaced when it is too different to diff within bounds', () => {
    const [x, y] = unrelatedPair(30_000);
    // One giant paragraph each, paired because they are the only blocks.
    const a = x.replace(/\n+[#|-]*/g, ' ');
    const b = y.replace(/\n+[#|-]*/g, ' ');
    const d = diffBlocks(parseBlocks(a), parseBlocks(b));
    lossless(a, b, d);
    expect(d.stats.blocksReplaced).toBe(1);
  });
});
