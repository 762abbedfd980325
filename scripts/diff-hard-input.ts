// Measures the diff engine on hard input: two unrelated Markdown texts of
// 200,000 words each (seeded, so every run diffs the same texts).
//   npm run bench:diff-hard
import { diffMarkdown, rebuild } from '../src/core/diff/index.ts';
import { unrelatedPair } from '../test/helpers/markdown-gen.ts';

const words = Number(process.argv[2] ?? 200_000);
const [a, b] = unrelatedPair(words);
const runs: number[] = [];
for (let i = 0; i < 3; i++) {
  // Fresh strings each run, so that no parse is remembered from the run before.
  const x = a + ' '.repeat(i);
  const y = b + ' '.repeat(i);
  const start = performance.now();
  const d = diffMarkdown(x, y);
  runs.push(performance.now() - start);
  if (rebuild(d.ops, 'old') !== x || rebuild(d.ops, 'new') !== y) throw new Error('operations do not rebuild the texts');
  if (i === 0) process.stdout.write(`${words.toLocaleString('en')} words per side, ${(x.length / 1e6).toFixed(2)} MB + ${(y.length / 1e6).toFixed(2)} MB; ${d.stats.blocksChanged} blocks changed, ${d.stats.blocksReplaced} replaced\n`);
}
process.stdout.write(`diffMarkdown: ${runs.map((t) => `${t.toFixed(0)} ms`).join(', ')} (first run includes warm-up)\n`);
