import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, root } from './helpers/cli.ts';
import { splitFrontMatter } from '../src/core/frontmatter.ts';
import { documentOf } from '../src/core/markdown/analyze.ts';
import { diffBlocks } from '../src/core/diff/engine.ts';
import { redline, FEED_REDLINE } from '../src/core/diff/render.ts';
import { redlineMarkdown } from '../src/core/diff/render-markdown.ts';

/**
 * The redline renderer draws changed rows from the trees parsed once (hast
 * with <ins>/<del> put in), no longer by writing marked Markdown and parsing
 * it again. While both renderers exist, they must give the same HTML (blank
 * space between tags aside) over every consecutive pair of the fixtures and
 * of this site's own policies. (The GitHub corpus: scripts/compare-renderers.ts,
 * run by .ci/run, lists the renderings where the former renderer broke a link
 * or a heading and the tree renderer does not.)
 */
const folders = ['site', 'redline-site', 'feeds', 'lifecycle', 'embedded'].map((f) => join(fixtures, f, 'policies')).concat(join(root, 'policies'));
const norm = (h: string) => h.replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();

describe('the tree renderer and the former Markdown renderer', () => {
  for (const dir of folders) {
    it(`give the same redlines for every pair in ${dir.slice(root.length + 1)}`, () => {
      let pairs = 0;
      for (const policy of readdirSync(dir).sort()) {
        if (!statSync(join(dir, policy)).isDirectory()) continue;
        const files = readdirSync(join(dir, policy)).filter((f) => /^\d{4}-\d{2}-\d{2}\.md$/.test(f)).sort();
        const docs = files.map((f) => documentOf(splitFrontMatter(readFileSync(join(dir, policy, f), 'utf8'), f).body));
        for (let i = 1; i < docs.length; i++) {
          const pair = { old: docs[i - 1]!, new: docs[i]! };
          const d = diffBlocks(pair.old, pair.new);
          for (const options of [{}, FEED_REDLINE]) {
            const tree = redline(d, pair, options);
            const markdown = redlineMarkdown(d, pair, options);
            expect(tree.map((x) => ({ ...x, inline: norm(x.inline), old: norm(x.old), new: norm(x.new) }))).toEqual(markdown.map((x) => ({ ...x, inline: norm(x.inline), old: norm(x.old), new: norm(x.new) })));
            pairs++;
          }
        }
      }
      expect(pairs).toBeGreaterThan(0);
    });
  }
});
