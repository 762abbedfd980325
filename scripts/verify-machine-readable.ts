// Verifies what a built site publishes for programs (docs/reference/versions-api.md), over a real corpus:
// - /policies.json and every /<policy>/versions.json validate against docs/schemas/ (ajv), each
//   revision's sha256 is its served Markdown's, its addresses exist, and the consent block is the latest
//   material revision in force with the material ones to come;
// - every TimeMap lists exactly the revisions in force or superseded, at midnight of their effective date
//   in the site's time zone, and picks each of them at its own first moment;
// - every page's JSON-LD parses and uses schema.org terms only (the schema-dts vocabulary); every revision
//   page links its original and TimeMap;
// - _headers holds at most 100 rules, and names the versions it leaves out;
// - every Open Terms Archive declaration validates, and robots.txt and the sitemap name every revision
//   and its Markdown.
//
//   npm run verify:machine -- [POLICIES_DIR] [--site BUILT_DIR] [--now YYYY-MM-DD]
//
// POLICIES_DIR defaults to ../shared/corpus/github, built as of --now (default 2026-12-01) into a
// temporary folder unless --site names a built site. Exit code 1 if any check fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorsOf, foreignTerms, headLinks, jsonLdOf, schemas } from '../test/helpers/machine-readable.ts';
import { listFiles } from '../test/helpers/cli.ts';
import { MAX_HEADER_RULES, mementoDatetime, parseHeaderRules, parseHttpDate, parseLinks, selectMemento } from '../src/core/memento.ts';
import { startOfDay } from '../src/core/dates.ts';
import type { PoliciesDocument, VersionsDocument } from '../src/core/versions.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { site: { type: 'string' }, now: { type: 'string' } } });
const corpus = resolve(positionals[0] ?? '../shared/corpus/github');
const now = values.now ?? '2026-12-01';

const tmp = mkdtempSync(join(tmpdir(), 'redline-verify-machine-'));
let site = values.site ? resolve(values.site) : '';
if (!site) {
  if (!existsSync(corpus)) {
    process.stderr.write(`${corpus}: not found — give the folder of policies (default ../shared/corpus/github), or --site BUILT_DIR\n`);
    process.exit(1);
  }
  site = join(tmp, 'site');
  process.stdout.write(`Building ${corpus} as of ${now} into ${site} …\n`);
  const r = spawnSync(process.execPath, [resolve(import.meta.dirname, '../src/cli/redline.ts'), 'build', '--policies', corpus, '--out', site, '--now', now], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
}

const failures: string[] = [];
const fail = (what: string) => failures.push(what);
const read = (path: string) => readFileSync(join(site, path));
const text = (path: string) => read(path).toString('utf8');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const v = schemas();

const policies = JSON.parse(text('policies.json')) as PoliciesDocument;
const base = policies.url;
const local = (url: string) => {
  const path = url.slice(base.length);
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
};
for (const e of errorsOf(v.policies, policies)) fail(`policies.json: ${e}`);
let revisions = 0;
let mementoCount = 0;
for (const entry of policies.policies) {
  const id = entry.policy;
  const doc = JSON.parse(text(`${id}/versions.json`)) as VersionsDocument;
  for (const e of errorsOf(v.versions, doc)) fail(`${id}/versions.json: ${e}`);
  const { $schema: _s, schemaVersion: _v, ...own } = doc;
  if (JSON.stringify(own) !== JSON.stringify(entry)) fail(`${id}: policies.json does not hold its versions.json`);
  const tz = doc.timeZone;
  for (const r of doc.revisions) {
    revisions++;
    if (sha(read(local(r.urls.markdown))) !== r.sha256) fail(`${id}/${r.id}: sha256 is not its Markdown's`);
    for (const u of [r.urls.page, r.urls.changes, r.urls.changesJson]) if (u && !existsSync(join(site, local(u)))) fail(`${id}/${r.id}: ${u} is missing`);
    if (r.effectiveAt !== `${r.effective}T00:00:00${/[+-]\d{2}:\d{2}$|Z$/.exec(r.effectiveAt)?.[0]}` || Date.parse(r.effectiveAt) !== startOfDay(r.effective, tz).getTime()) fail(`${id}/${r.id}: effectiveAt ${r.effectiveAt}`);
  }
  // Consent: the latest material (or first) revision not upcoming; the material ones to come.
  const oldestFirst = [...doc.revisions].reverse();
  const material = oldestFirst.filter((r, i) => i === 0 || r.change === 'material');
  const accepted = material.filter((r) => r.state !== 'upcoming').at(-1);
  if ((accepted?.id ?? null) !== doc.consent.version) fail(`${id}: consent.version ${doc.consent.version}, expected ${accepted?.id}`);
  const coming = material.filter((r) => r.state === 'upcoming').map((r) => r.id);
  if (JSON.stringify(doc.consent.upcoming.map((c) => c.version)) !== JSON.stringify(coming)) fail(`${id}: consent.upcoming`);

  // The TimeMap.
  const links = parseLinks(text(`${id}/timemap`));
  const mementos = links.filter((l) => l.rel.includes('memento'));
  const expected = oldestFirst.filter((r) => r.state !== 'upcoming');
  mementoCount += mementos.length;
  if (JSON.stringify(mementos.map((m) => m.href)) !== JSON.stringify(expected.map((r) => r.urls.page))) fail(`${id}/timemap: does not list the revisions in force or superseded`);
  for (const r of expected) {
    const m = mementos.find((l) => l.href === r.urls.page);
    if (m?.params.datetime !== mementoDatetime(r.effective, tz)) fail(`${id}/timemap: ${r.id} has datetime ${m?.params.datetime}`);
    const at = parseHttpDate(mementoDatetime(r.effective, tz))!;
    if (selectMemento(links, at)?.href !== r.urls.page) fail(`${id}/timemap: its first moment does not pick ${r.id}`);
    if (selectMemento(links, at - 1000)?.href === r.urls.page && r !== expected[0]) fail(`${id}/timemap: a second before ${r.id} picks it`);
  }
  if (entry.urls.otaDeclaration) for (const e of errorsOf(v.ota, JSON.parse(text(`${id}/ota-declaration.json`)))) fail(`${id}/ota-declaration.json: ${e}`);
}

// JSON-LD and head links on every page.
let pages = 0;
let withLd = 0;
for (const page of listFiles(site).filter((f) => f.endsWith('.html'))) {
  pages++;
  const html = text(page);
  let blocks: unknown[];
  try {
    blocks = jsonLdOf(html);
  } catch (e) {
    fail(`${page}: JSON-LD does not parse: ${(e as Error).message}`);
    continue;
  }
  for (const b of blocks) {
    withLd++;
    for (const t of foreignTerms(b)) fail(`${page}: ${t}`);
  }
  const m = /^([a-z0-9-]+)\/\d{4}-\d{2}-\d{2}\/index\.html$/.exec(page);
  if (m) {
    const rels = headLinks(html).map((l) => `${l.rel} ${l.href}`);
    if (!rels.includes(`original ${base}${m[1]}/`) || !rels.includes(`timemap ${base}${m[1]}/timemap`)) fail(`${page}: no original or timemap link`);
    if (blocks.length !== 1) fail(`${page}: ${blocks.length} JSON-LD blocks`);
  }
}

// _headers, robots.txt, the sitemap.
if (existsSync(join(site, '_headers'))) {
  const headers = text('_headers');
  const rules = parseHeaderRules(headers);
  if (rules.length > MAX_HEADER_RULES) fail(`_headers: ${rules.length} rules`);
  const dated = rules.filter((r) => r.headers.some(([k]) => k === 'Memento-Datetime')).length;
  const left = [...headers.matchAll(/^# {3}\//gm)].length;
  if (dated + left !== mementoCount) fail(`_headers: ${dated} versions with headers and ${left} left out, of ${mementoCount}`);
}
const robots = existsSync(join(site, 'robots.txt')) ? text('robots.txt') : undefined;
const sitemap = text('sitemap.xml');
for (const entry of policies.policies) {
  for (const r of entry.revisions) {
    if (!sitemap.includes(`<loc>${r.urls.markdown}</loc>`) || !sitemap.includes(`<loc>${r.urls.page}</loc>`)) fail(`sitemap.xml: misses ${r.urls.page} or its Markdown`);
    if (robots !== undefined && !robots.includes(`Allow: ${new URL(r.urls.markdown).pathname}\n`)) fail(`robots.txt: misses ${r.urls.markdown}`);
  }
}

process.stdout.write(`${policies.policies.length} policies, ${revisions} revisions, ${mementoCount} mementos; ${withLd} JSON-LD blocks on ${pages} pages.\n`);
if (!values.site) rmSync(tmp, { recursive: true, force: true });
if (failures.length > 0) {
  for (const f of failures.slice(0, 50)) process.stderr.write(`${f}\n`);
  if (failures.length > 50) process.stderr.write(`… and ${failures.length - 50} more\n`);
  process.stderr.write(`${failures.length} failed.\n`);
  process.exit(1);
}
process.stdout.write('All checks passed.\n');
