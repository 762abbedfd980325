// Builds the sites the end-to-end tests read (with `redline build`, as a user would) and serves
// each with the project's own static server on an ephemeral port of 127.0.0.1.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../src/node/static-server.ts';
import { fixtures, redline, root, tempDir } from '../helpers/cli.ts';
import type { ServedSite } from './support.ts';

function build(policies: string, now: string, site: string, cwd?: string): string {
  const out = join(tempDir('redline-e2e-'), 'dist');
  const r = redline(['build', '--policies', policies, '--out', out, '--now', now, '--site', site], cwd ? { cwd } : {});
  if (r.code !== 0) throw new Error(`redline build of ${policies} failed (${r.code}):\n${r.stderr}`);
  return out;
}

function serve(dir: string, site: string): Promise<{ server: Server; served: ServedSite }> {
  const base = new URL(site).pathname.replace(/\/$/, '');
  const server = serveStatic(dir, base);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, served: { url: `http://127.0.0.1:${port}${base}/`, dir, site } });
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mainDir = build(join(root, 'policies'), '2025-06-01', 'https://policies.illustrious.example/');
  const fixtureDir = build(join(fixtures, 'site', 'policies'), '2024-12-20', 'https://example.org/legal/');
  // test/fixtures/languages, with its own settings (English and Japanese; translations current, outdated and missing).
  const languagesDir = build(join(fixtures, 'languages', 'policies'), '2025-03-01', 'https://example.jp/', join(fixtures, 'languages'));
  const readingDir = build(join(fixtures, 'reading', 'policies'), '2024-06-01', 'https://handbook.example/');
  const main = await serve(mainDir, 'https://policies.illustrious.example/');
  const fixture = await serve(fixtureDir, 'https://example.org/legal/');
  const languages = await serve(languagesDir, 'https://example.jp/');
  const reading = await serve(readingDir, 'https://handbook.example/');
  // A corpus of real histories (REDLINE_E2E_CORPUS, a folder of policies; .ci/run gives ../shared/corpus/github when it is there).
  const corpusPolicies = process.env.REDLINE_E2E_CORPUS;
  const corpusDir = corpusPolicies ? build(corpusPolicies, '2026-12-01', 'https://corpus.example/') : undefined;
  const corpus = corpusDir ? await serve(corpusDir, 'https://corpus.example/') : undefined;
  project.provide('sites', { main: main.served, fixture: fixture.served, languages: languages.served, reading: reading.served, ...(corpus ? { corpus: corpus.served } : {}) });
  return async () => {
    await Promise.all([main, fixture, languages, reading, ...(corpus ? [corpus] : [])].map(({ server }) => new Promise<void>((r) => server.close(() => r()))));
    for (const d of [mainDir, fixtureDir, languagesDir, readingDir, ...(corpusDir ? [corpusDir] : [])]) rmSync(dirname(d), { recursive: true, force: true });
  };
}
