// Properties of moves, invisible changes and list numbers (fast-check): a redline never claims a
// change that is not there (a permutation of blocks, an edit inside a comment count no words), never
// hides one (the operations still rebuild both bodies), and every numbered item shows the number it
// has in its own version.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';
import { diffMarkdown, documentOf, rebuild } from '../../src/core/diff/index.ts';
import { redline } from '../../src/core/diff/render.ts';
import { countWords } from '../../src/core/diff/tokens.ts';

const runs = (n: number) => n * Math.max(1, Number(process.env.REDLINE_FC_SCALE) || 1);

const word = fc.constantFrom('data', 'personal', 'information', 'we', 'you', 'may', 'share', 'the', 'of', 'cookies', 'account', 'privacy', 'rights', 'délai', '個人情報', '**law**', '`code`', '[link](https://example.com/)');
const sentence = fc.array(word, { minLength: 2, maxLength: 10 }).map((ws) => `${ws.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const heading = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => `## ${ws.join(' ')}`);
const bullets = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((items) => items.map((s) => `- ${s}`).join('\n'));
const block = fc.oneof({ weight: 5, arbitrary: paragraph }, { weight: 1, arbitrary: heading }, { weight: 1, arbitrary: bullets });
/** Top-level blocks, each shown (two words or more), no two alike: a permutation of them is a pure move. */
const distinctBlocks = fc.uniqueArray(block, { minLength: 2, maxLength: 10, selector: (b) => b.replace(/\W+/g, ' ').trim() }).filter((bs) => bs.every((b) => countWords(b) >= 2));

function lossless(a: string, b: string) {
  const d = diffMarkdown(a, b);
  expect(rebuild(d.ops, 'old')).toBe(a);
  expect(rebuild(d.ops, 'new')).toBe(b);
  return d;
}

describe('moves and invisible changes (fast-check)', () => {
  it('a permutation of the blocks counts no words, and the operations still rebuild both bodies', () => {
    fc.assert(
      fc.property(distinctBlocks, fc.infiniteStream(fc.nat()), (blocks, rnd) => {
        const order = blocks.map((b, i) => [b, rnd.next().value as number, i] as const).sort((x, y) => x[1] - y[1] || x[2] - y[2]);
        const a = `${blocks.join('\n\n')}\n`;
        const b = `${order.map(([x]) => x).join('\n\n')}\n`;
        const d = lossless(a, b);
        expect({ ins: d.stats.wordsInserted, del: d.stats.wordsDeleted }).toEqual({ ins: 0, del: 0 });
        expect(d.stats.blocksInserted + d.stats.blocksDeleted + d.stats.blocksModified).toBe(0);
        // Every unit that is not in place is half of a move.
        for (const u of d.units) if (u.kind === 'inserted' || u.kind === 'deleted') expect(u.move).toBeDefined();
        // The redline shows each moved block once as moved and once as a marker where it was.
        const items = redline(d, { old: documentOf(a), new: documentOf(b) });
        const html = items.map((i) => i.inline).join('\n');
        expect(html).not.toMatch(/<(ins|del)>/);
        expect((html.match(/class="rl-moved-away"/g) ?? []).length).toBe(d.stats.blocksMoved);
      }),
      { numRuns: runs(400) },
    );
  });

  it('an edit inside an HTML comment, or a comment added or removed, counts no words and shows no mark', () => {
    const comment = fc.array(word, { minLength: 0, maxLength: 4 }).map((ws) => `<!-- ${ws.join(' ')} -->`);
    fc.assert(
      fc.property(distinctBlocks, fc.array(fc.tuple(fc.nat(), comment), { minLength: 1, maxLength: 3 }), fc.boolean(), (blocks, notes, remove) => {
        const withNotes = [...blocks];
        for (const [at, c] of notes) withNotes.splice(at % (withNotes.length + 1), 0, c);
        const a = `${(remove ? withNotes : blocks).join('\n\n')}\n`;
        const b = `${(remove ? blocks : withNotes.map((x) => (x.startsWith('<!--') ? x.replace('-->', 'edited -->') : x))).join('\n\n')}\n`;
        const d = lossless(a, b);
        expect({ ins: d.stats.wordsInserted, del: d.stats.wordsDeleted, changed: d.stats.blocksChanged }).toEqual({ ins: 0, del: 0, changed: 0 });
        expect(d.stats.blocksInvisible).toBeGreaterThan(0);
        const html = redline(d, { old: documentOf(a), new: documentOf(b) }).map((i) => i.inline).join('\n');
        expect(html).not.toMatch(/<(ins|del)>|<!--/);
      }),
      { numRuns: runs(400) },
    );
  });
});

/** Each <li> of each <ol> in some HTML: the number a reader sees (its value, else one more than the item before, else the list's start) and its text. */
function numberedItems(html: string): Array<{ number: number; text: string; deletedText: string; movedAway: string | undefined }> {
  const out: Array<{ number: number; text: string; deletedText: string; movedAway: string | undefined }> = [];
  const hrefIn = (n: Nodes): string | undefined => (n.type === 'element' && n.tagName === 'a' ? String(n.properties.href) : 'children' in n ? n.children.map((c) => hrefIn(c as Nodes)).find(Boolean) : undefined);
  const text = (n: Nodes, keepDel: boolean): string =>
    n.type === 'text' ? n.value : n.type === 'element' && (n.tagName === 'del') !== keepDel && !keepDel ? '' : 'children' in n ? n.children.map((c) => text(c as Nodes, keepDel)).join('') : '';
  const delText = (n: Nodes, inDel: boolean): string =>
    n.type === 'text' ? (inDel ? n.value : '') : 'children' in n ? n.children.map((c) => delText(c as Nodes, inDel || (n.type === 'element' && n.tagName === 'del'))).join('') : '';
  const walk = (n: Nodes) => {
    if (n.type === 'element' && n.tagName === 'ol') {
      let next = Number(n.properties.start ?? 1);
      for (const li of n.children) {
        if (li.type !== 'element' || li.tagName !== 'li') continue;
        const number = li.properties.value !== undefined ? Number(li.properties.value) : next;
        next = number + 1;
        const classes = (li.properties.className as string[] | undefined) ?? [];
        out.push({ number, text: text(li as Element, false).trim(), deletedText: delText(li as Element, false).trim(), movedAway: classes.includes('rl-moved-away') ? hrefIn(li as Element) : undefined });
      }
    }
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(fromHtml(html, { fragment: true }));
  return out;
}

describe('numbered items (fast-check)', () => {
  const LABELS = ['Alpha clause', 'Bravo clause', 'Charlie clause', 'Delta clause', 'Echo clause', 'Foxtrot clause', 'Golf clause', 'Hotel clause'];
  const items = fc.uniqueArray(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 7 });
  it('every item of a numbered list shows the number it has in its own version: kept and added ones the new one, removed ones the old one', () => {
    fc.assert(
      fc.property(items, items, fc.boolean(), (xs, ys, reword) => {
        const list = (ls: readonly string[], edit: boolean) => `Intro.\n\n${ls.map((l, i) => `${i + 1}. ${l}${edit && i === 0 ? ' now reworded' : ''} applies here.`).join('\n')}\n`;
        const a = list(xs, false);
        const b = list(ys, reword);
        const d = lossless(a, b);
        const html = redline(d, { old: documentOf(a), new: documentOf(b) }).map((i) => i.inline).join('\n');
        const label = (t: string) => LABELS.find((l) => t.includes(l));
        for (const it of numberedItems(html)) {
          if (it.movedAway) {
            // Where a moved item was: its old number (the marker links to the item where it is now).
            const id = it.movedAway.slice(1);
            const at = html.indexOf(`id="${id}"`);
            expect(at, html).toBeGreaterThan(0);
            const moved = label(html.slice(at, html.indexOf('</li>', at)));
            expect(moved, html).toBeDefined();
            expect(it.number, `${moved} (moved away) in ${html}`).toBe(xs.indexOf(moved!) + 1);
            continue;
          }
          const shown = label(it.text);
          if (shown !== undefined && ys.includes(shown)) expect(it.number, `${shown} in ${html}`).toBe(ys.indexOf(shown) + 1);
          else {
            const gone = label(it.deletedText);
            expect(gone, html).toBeDefined();
            expect(it.number, `${gone} (removed) in ${html}`).toBe(xs.indexOf(gone!) + 1);
          }
        }
      }),
      { numRuns: runs(500) },
    );
  });
});
