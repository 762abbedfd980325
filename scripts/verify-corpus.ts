// Verifies the redlines of a corpus of policies, as built into a site:
// for every consecutive pair of revisions of every policy,
// - the changes page and changes.json exist;
// - the operations in changes.json rebuild both revisions' bodies byte for byte;
// - the characters marked inserted or deleted, summed over the corpus, are at
//   most 1.2 × what `git diff --no-index --word-diff` marks for the same pairs;
// and over the site: every link in the feeds' entries absolute, no HTML comment in
// them, the pages once found wrong (a comment-only edit, a moved definition) right, and
// every address of the corpus's build before this round still answering (corpus-addresses.txt).
//
//   npm run verify:corpus -- [CORPUS_DIR] [--site BUILT_DIR]
//
// CORPUS_DIR defaults to ../shared/corpus/github. Without --site, the corpus
// is first built into a temporary folder. Exit code 1 if any check fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { splitFrontMatter } from '../src/core/frontmatter.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { site: { type: 'string' } } });
const corpus = resolve(positionals[0] ?? '../shared/corpus/github');
const LIMIT = 1.2;
if (!existsSync(corpus)) {
  process.stderr.write(`${corpus}: not found — give the folder of policies (default ../shared/corpus/github)\n`);
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'redline-verify-'));
let site = values.site ? resolve(values.site) : '';
if (!site) {
  site = join(tmp, 'site');
  process.stdout.write(`Building ${corpus} into ${site} …\n`);
  const r = spawnSync(process.execPath, [resolve(import.meta.dirname, '../src/cli/redline.ts'), 'build', '--policies', corpus, '--out', site, '--now', '2100-01-01'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
}

const chars = (s: string) => [...s].length;
const nonSpace = (s: string) => [...s].filter((c) => !/\s/.test(c)).length;

/** Characters `git diff --no-index --word-diff=porcelain` marks - and + between two texts. */
function gitMarked(a: string, b: string): { all: number; nonSpace: number } {
  const fa = join(tmp, 'old.md');
  const fb = join(tmp, 'new.md');
  writeFileSync(fa, a);
  writeFileSync(fb, b);
  const r = spawnSync('git', ['diff', '--no-index', '--no-color', '--word-diff=porcelain', fa, fb], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git diff failed: ${r.stderr}`);
  let all = 0;
  let ns = 0;
  let hunk = false;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('@@')) hunk = true;
    else if (hunk && (line[0] === '-' || line[0] === '+')) {
      all += chars(line.slice(1));
      ns += nonSpace(line.slice(1));
    }
  }
  return { all, nonSpace: ns };
}

const failures: string[] = [];
let pairs = 0;
let ours = 0;
let oursNonSpace = 0;
let git = 0;
let gitNonSpace = 0;
const rows: string[] = [];
for (const policy of readdirSync(corpus).sort()) {
  const dir = join(corpus, policy);
  if (!statSync(dir).isDirectory()) continue;
  const files = readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}\.md$/.test(f)).sort();
  let pOurs = 0;
  let pGit = 0;
  for (let k = 1; k < files.length; k++) {
    pairs++;
    const date = files[k]!.slice(0, 10);
    const where = `${policy}/${date}`;
    const oldBody = splitFrontMatter(readFileSync(join(dir, files[k - 1]!), 'utf8'), files[k - 1]!).body;
    const newBody = splitFrontMatter(readFileSync(join(dir, files[k]!), 'utf8'), files[k]!).body;
    const page = join(site, policy, date, 'changes', 'index.html');
    const json = join(site, policy, date, 'changes.json');
    if (!existsSync(page)) failures.push(`${where}: no changes page`);
    if (!existsSync(json)) {
      failures.push(`${where}: no changes.json`);
      continue;
    }
    const { ops } = JSON.parse(readFileSync(json, 'utf8')) as { ops: Array<['=' | '-' | '+', string]> };
    const rebuilt = (skip: string) => ops.filter(([kind]) => kind !== skip).map(([, t]) => t).join('');
    if (rebuilt('+') !== oldBody) failures.push(`${where}: the operations do not rebuild the old revision`);
    if (rebuilt('-') !== newBody) failures.push(`${where}: the operations do not rebuild the new revision`);
    let o = 0;
    let ons = 0;
    for (const [kind, t] of ops) {
      if (kind === '=') continue;
      o += chars(t);
      ons += nonSpace(t);
    }
    const g = gitMarked(oldBody, newBody);
    ours += o;
    oursNonSpace += ons;
    git += g.all;
    gitNonSpace += g.nonSpace;
    pOurs += o;
    pGit += g.all;
  }
  rows.push(`  ${policy.padEnd(16)} ${String(files.length - 1).padStart(3)} pairs  redline ${String(pOurs).padStart(7)}  git ${String(pGit).padStart(7)}  ratio ${(pOurs / Math.max(1, pGit)).toFixed(3)}`);
}
// Feeds: every link absolute (fragments too), no HTML comment.
let feedLinks = 0;
const feedFiles: string[] = [];
const walk = (d: string) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/^(feed\.xml|atom\.xml|feed\.json)$/.test(name)) feedFiles.push(p);
  }
};
walk(site);
for (const f of feedFiles) {
  const text = readFileSync(f, 'utf8').replace(/\\"/g, '"').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const hrefs = [...text.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => m[1]!);
  feedLinks += hrefs.length;
  const relative = hrefs.filter((h) => !/^(?:https?:\/\/|mailto:|tel:)/.test(h));
  if (relative.length) failures.push(`${f.slice(site.length + 1)}: ${relative.length} relative links in entries (${relative.slice(0, 3).join(', ')})`);
  if (/<!--/.test(text)) failures.push(`${f.slice(site.length + 1)}: an HTML comment in an entry`);
}

// Every address a build of the corpus had before this round still answers (scripts/corpus-addresses.txt).
const addressList = join(import.meta.dirname, 'corpus-addresses.txt');
let addresses = 0;
if (/github\/?$/.test(corpus) && existsSync(addressList)) {
  for (const line of readFileSync(addressList, 'utf8').split('\n')) {
    if (!line.startsWith('/')) continue;
    addresses++;
    const file = join(site, line.endsWith('/') ? `${line}index.html` : line);
    if (!existsSync(file)) failures.push(`${line}: answered before, not now`);
  }
}

// The pages a reader found wrong before moves and invisible changes were shown (docs/explanation/redlines.md).
const page = (p: string) => (existsSync(join(site, p)) ? readFileSync(join(site, p), 'utf8') : undefined);
const named: Array<[string, (html: string) => string | undefined]> = [
  ['acceptable-use/2026-03-11/changes/index.html', (h) => (/No visible change/.test(h) && !/\d+ words? added/.test(h.slice(h.indexOf('rl-summary'), h.indexOf('rl-changes'))) ? undefined : 'an edit inside an HTML comment is not "no visible change"')],
  ['terms/2019-11-13/changes/index.html', (h) => (/class="rl-moved-away"[^>]*>[^]{0,200}Moved to item \d+/.test(h) && /Moved here from item \d+/.test(h) ? undefined : 'the moved "Website" definition is not shown as moved')],
];
for (const [p, check] of named) {
  const html = page(p);
  if (html === undefined) continue;
  const problem = check(html);
  if (problem) failures.push(`${p}: ${problem}`);
}

rmSync(tmp, { recursive: true, force: true });

const ratio = ours / Math.max(1, git);
process.stdout.write(
  [
    `Corpus ${corpus}: ${pairs} consecutive pairs, site ${values.site ? site : '(built for this check)'}`,
    ...rows,
    `Characters marked inserted or deleted: redline ${ours}, git --word-diff ${git}, ratio ${ratio.toFixed(3)} (limit ${LIMIT})`,
    `Not counting whitespace:               redline ${oursNonSpace}, git --word-diff ${gitNonSpace}, ratio ${(oursNonSpace / Math.max(1, gitNonSpace)).toFixed(3)}`,
    `Changes pages and changes.json present, operations rebuild both revisions, feeds' ${feedLinks} links absolute and without comments, ${addresses} former addresses answering: ${failures.length ? `${failures.length} failures` : `yes, all ${pairs} pairs`}`,
  ].join('\n') + '\n',
);
for (const f of failures) process.stderr.write(`${f}\n`);
if (ratio > LIMIT) process.stderr.write(`the redline marks ${ratio.toFixed(3)} × what git marks, more than ${LIMIT} ×\n`);
process.exit(failures.length || ratio > LIMIT ? 1 : 0);
