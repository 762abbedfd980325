// Fixture pairs: test/fixtures/diff/<case>/{old.md,new.md,expected.json}. expected.json holds what a
// careful reader would mark: the changed operations ("-text", "+text"), some stats, and the sections
// as [anchor, what happened to the heading].
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffMarkdown, rebuild } from '../src/core/diff/index.ts';
import { fixtures } from './helpers/cli.ts';

const dir = join(fixtures, 'diff');
const cases = readdirSync(dir).sort();

describe('diff fixtures', () => {
  it('has fixture pairs', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of cases) {
    it(name, () => {
      const a = readFileSync(join(dir, name, 'old.md'), 'utf8');
      const b = readFileSync(join(dir, name, 'new.md'), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as {
        changes?: string[];
        stats?: Record<string, number | boolean>;
        sections?: Array<[string | null, string]>;
      };
      const d = diffMarkdown(a, b);
      expect(rebuild(d.ops, 'old')).toBe(a);
      expect(rebuild(d.ops, 'new')).toBe(b);
      if (expected.changes) expect(d.ops.filter(([k]) => k !== '=').map(([k, t]) => k + t)).toEqual(expected.changes);
      if (expected.stats) expect(d.stats).toMatchObject(expected.stats);
      if (expected.sections) expect(d.sections.map((s) => [s.anchor, s.heading])).toEqual(expected.sections);
    });
  }
});
