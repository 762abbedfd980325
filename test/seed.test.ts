import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { root } from './helpers/cli.ts';
import { splitFrontMatter } from '../src/core/frontmatter.ts';

// The seed lives beside the checkout (../shared/seed); test/fixtures/seed holds a byte-identical
// copy, pinned by its hash, so that the test runs anywhere.
const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('the first privacy policy revision', () => {
  const file = join(root, 'policies/privacy/2024-04-01.md');
  const { body } = splitFrontMatter(readFileSync(file, 'utf8'), file);
  const seed = readFileSync(join(root, 'test/fixtures/seed/illustrious-privacy-policy.txt'), 'utf8');

  it('keeps every word of the seed policy, in order, with nothing added', async () => {
    expect(words(body)).toEqual(words(seed));
    expect(words(seed).length).toBeGreaterThan(900);
  });
  it('compares against an unaltered copy of the seed (SHA-256 of ../shared/seed/illustrious-privacy-policy.txt)', async () => {
    expect(createHash('sha256').update(seed).digest('hex')).toBe('d9cbd4186f4e9d8bc9731864b66a9aa11e9f50a6100cd5e68705ce6ab96a6afb');
  });
  it('turns the seed’s section titles into headings', async () => {
    const headings = body.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(headings[0]).toBe('Definition of personal information etc. in this policy');
    expect(headings.at(-1)).toBe('Application and revision of this policy');
    expect(headings).toHaveLength(13);
  });
});
