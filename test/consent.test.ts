// The example of docs/how-to/consent.md ("Asking users to accept a new version"), run as written on the
// page against the versions.json of test/fixtures/lifecycle built as of 2025-02-10 (Asia/Tokyo): a material
// revision announced for 1 March 2025, an editorial one for 20 February; and the table the page shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildFixture, root, tempDir } from './helpers/cli.ts';

const SITE = 'https://example.org/legal/';
type ConsentFor = (policyUrl: string, accepted: string | null, now?: Date) => Promise<{ required: string | null; mustAsk: boolean; next: { version: string } | null }>;

let consentFor: ConsentFor;
let out: string;
const fetched: string[] = [];

beforeAll(async () => {
  out = await buildFixture('lifecycle', ['--now', '2025-02-10', '--site', SITE]);
  const page = readFileSync(join(root, 'docs/how-to/consent.md'), 'utf8');
  const code = [...page.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  expect(code).toHaveLength(1);
  // About 20 lines, as the page promises.
  expect(code[0]!.trim().split('\n').length).toBeLessThanOrEqual(22);
  // The page's code, with `fetch` reading the built site instead of the network.
  const file = join(tempDir('redline-consent-'), 'consent.mjs');
  writeFileSync(file, `const fetch = globalThis.__redlineFetch;\n${code[0]}`);
  (globalThis as Record<string, unknown>).__redlineFetch = async (url: URL | string) => {
    const href = String(url);
    fetched.push(href);
    if (!href.startsWith(SITE)) return new Response('not found', { status: 404 });
    return new Response(readFileSync(join(out, href.slice(SITE.length))), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  ({ consentFor } = (await import(pathToFileURL(file).href)) as { consentFor: ConsentFor });
});

describe('the consent example of docs/how-to/consent.md', () => {
  it('reads versions.json next to the policy page', async () => {
    await consentFor(`${SITE}terms/`, '2024-07-01', new Date('2025-02-25T00:00:00Z'));
    expect(fetched.at(-1)).toBe(`${SITE}terms/versions.json`);
  });

  it('decides as the table on the page says', async () => {
    const rows: Array<[string, string | null, string, boolean]> = [
      ['2025-02-25T00:00:00Z', '2024-07-01', '2024-07-01', false], // the editorial revision of 20 February asks nothing
      ['2025-02-28T14:59:59Z', '2024-07-01', '2024-07-01', false], // 23:59:59 on 28 February in Tokyo
      ['2025-02-28T15:00:00Z', '2024-07-01', '2025-03-01', true], // midnight on 1 March in Tokyo, before any rebuild
      ['2025-02-28T15:00:00Z', '2025-03-01', '2025-03-01', false], // accepted ahead of time
      ['2025-02-28T15:00:00Z', null, '2025-03-01', true], // never accepted
    ];
    for (const [now, accepted, required, mustAsk] of rows) {
      const r = await consentFor(`${SITE}terms/`, accepted, new Date(now));
      expect({ now, accepted, required: r.required, mustAsk: r.mustAsk }).toEqual({ now, accepted, required, mustAsk });
    }
    expect((await consentFor(`${SITE}terms/`, '2024-07-01', new Date('2025-02-25T00:00:00Z'))).next?.version).toBe('2025-03-01');
    expect((await consentFor(`${SITE}terms/`, '2024-07-01', new Date('2025-03-02T00:00:00Z'))).next).toBeNull();
  });

  it('never asks again for an editorial revision (notes: the editorial 2025-02-12 is announced)', async () => {
    const r = await consentFor(`${SITE}notes/`, '2024-05-01', new Date('2025-03-01T00:00:00Z'));
    expect(r).toEqual({ required: '2024-05-01', mustAsk: false, next: null });
  });

  it('says so in one line when the file is missing', async () => {
    await expect(consentFor('https://elsewhere.example/privacy/', null)).rejects.toThrow(/HTTP 404$/);
  });
});
