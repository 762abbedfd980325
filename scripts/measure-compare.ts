// Measures what prebuilding every pair of revisions would cost, to decide
// how the compare page serves pairs that are not prebuilt (see README,
// "Comparing any two versions").
//   npm run measure:compare -- [DIR]        a folder of revisions (default ../shared/corpus/github/terms)
//   npm run measure:compare -- --synthetic N  N synthetic revisions of about 3,000 words
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { diffBlocks, documentOf } from '../src/core/diff/index.ts';
import { redline } from '../src/core/diff/render.ts';
import { splitFrontMatter } from '../src/core/frontmatter.ts';
import { prose, evolve, rng } from '../test/helpers/markdown-gen.ts';

const args = process.argv.slice(2);
let bodies: string[];
let label: string;
if (args[0] === '--synthetic') {
  const n = Number(args[1] ?? 100);
  bodies = [prose(3000, 42)];
  for (let i = 1; i < n; i++) bodies.push(evolve(bodies[i - 1]!, i));
  label = `${n} synthetic revisions of about 3,000 words`;
} else {
  const dir = args[0] ?? '../shared/corpus/github/terms';
  const files = readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}\.md$/.test(f)).sort();
  bodies = files.map((f) => splitFrontMatter(readFileSync(join(dir, f), 'utf8'), f).body);
  label = `${dir}: ${files.length} revisions`;
}
const n = bodies.length;
// As in a build: each revision is analysed once (src/core/markdown/analyze.ts), whatever pairs it is in.
const analyseStart = performance.now();
const docs = bodies.map(documentOf);
const analyseMs = (performance.now() - analyseStart) / n;
const pairs: Array<[number, number]> = [];
for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
const prebuilt = n - 1 + (n - 1); // consecutive changes pages + each against the newest
// Measure a fixed sample of pairs and extrapolate.
const r = rng(1);
const sample = pairs.length <= 200 ? pairs : Array.from({ length: 200 }, () => pairs[Math.floor(r() * pairs.length)]!);
let ms = 0;
let html = 0;
let gz = 0;
for (const [i, j] of sample) {
  const t = performance.now();
  const d = diffBlocks(docs[i]!, docs[j]!);
  const items = redline(d, { old: docs[i]!, new: docs[j]! });
  ms += performance.now() - t;
  // A compare page holds the redline twice: the inline view and the side-by-side view.
  const page = items.map((x) => x.inline + x.old + x.new).join('\n');
  html += page.length;
  gz += gzipSync(page).length;
}
const per = (x: number) => x / sample.length;
const mb = (x: number) => `${(x / 1e6).toFixed(1)} MB`;
const bodyBytes = bodies.reduce((s, b) => s + b.length, 0) / n;
process.stdout.write(
  [
    label,
    `all pairs: ${pairs.length.toLocaleString('en')} (prebuilt anyway: ${prebuilt})`,
    `per revision: ${analyseMs.toFixed(1)} ms to analyse (once, whatever pairs it is in; not counted below)`,
    `per pair: ${per(ms).toFixed(1)} ms to diff and render, ${(per(html) / 1024).toFixed(0)} KB of redline HTML (${(per(gz) / 1024).toFixed(1)} KB gzip)`,
    `prebuilding every pair: about ${((per(ms) * pairs.length) / 1000).toFixed(0)} s of build time (before Astro's own page cost) and ${mb(per(html) * pairs.length)} of HTML`,
    `computing in the browser instead: each revision's data once (${(bodyBytes / 1024).toFixed(0)} KB of Markdown a revision), ${mb(bodyBytes * n)} in all, and one script`,
  ].join('\n') + '\n',
);
