import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DiffCache, docOf, type KeyedDoc } from '../src/node/diff-cache.ts';
import { Artifacts } from '../src/node/artifacts.ts';
import { diffMarkdown, documentOf } from '../src/core/diff/index.ts';
import { redline } from '../src/core/diff/render.ts';
import { revisionDoc } from '../src/core/markdown/analyze.ts';
import { sha256 } from '../src/core/hash.ts';
import { tempDir, listFiles } from './helpers/cli.ts';

const artifacts = new Artifacts(undefined);
/** A body as the cache takes it: with its analysis key (src/node/artifacts.ts). */
function keyed(text: string): KeyedDoc {
  const { key, analysis } = artifacts.analysis(text);
  return { key, text, doc: revisionDoc(text, analysis) };
}

const textA = '## Sharing\n\nWe share your personal data.\n\n- one\n- two\n';
const textB = '## Sharing\n\nWe share your personal information.\n\n- one\n- three\n';
const a = keyed(textA);
const b = keyed(textB);

describe('the diff cache', () => {
  it('computes a pair once, then reads it back equal from disk, in a new cache (a new build)', () => {
    const dir = tempDir('redline-cache-');
    const first = new DiffCache(dir);
    const d1 = first.diff(a, b);
    expect(first.stats).toEqual({ hits: 0, misses: 1 });
    expect(listFiles(dir)).toHaveLength(1);
    const second = new DiffCache(dir);
    const d2 = second.diff(a, b);
    expect(second.stats).toEqual({ hits: 1, misses: 0 });
    expect(d2).toEqual(d1);
    expect(d2).toEqual(diffMarkdown(textA, textB));
  });

  it('keeps the redline too, and gives back the same items', () => {
    const dir = tempDir('redline-cache-');
    const items = new DiffCache(dir).redline(a, b);
    const again = new DiffCache(dir);
    expect(again.redline(a, b)).toEqual(items);
    expect(again.stats.hits).toBe(1);
    expect(items).toEqual(redline(diffMarkdown(textA, textB), { old: documentOf(textA), new: documentOf(textB) }));
  });

  it('keys entries by content: another text is another entry', () => {
    const dir = tempDir('redline-cache-');
    const c = new DiffCache(dir);
    c.diff(a, b);
    c.diff(a, keyed(`${textB}\nMore.\n`));
    c.diff(b, a);
    expect(c.stats.misses).toBe(3);
    expect(listFiles(dir)).toHaveLength(3);
  });

  it('stores lengths, not the texts', () => {
    const dir = tempDir('redline-cache-');
    new DiffCache(dir).diff(a, b);
    const [file] = listFiles(dir);
    const stored = readFileSync(join(dir, file!));
    expect(stored.toString('latin1')).not.toContain('personal');
  });

  it('recomputes an entry it cannot read, and one that does not fit the texts', () => {
    const dir = tempDir('redline-cache-');
    new DiffCache(dir).diff(a, b);
    const [file] = listFiles(dir);
    writeFileSync(join(dir, file!), 'not gzip');
    const c = new DiffCache(dir);
    expect(c.diff(a, b)).toEqual(diffMarkdown(textA, textB));
    expect(c.stats.misses).toBe(1);
    writeFileSync(join(dir, file!), gzipSync(JSON.stringify({ engine: diffMarkdown(textA, textB).engine, ops: [['=', 3]], stats: {}, sections: [], units: [] })));
    const d = new DiffCache(dir);
    expect(d.diff(a, b)).toEqual(diffMarkdown(textA, textB));
    expect(d.stats.misses).toBe(1);
  });

  it('keeps nothing on disk without a folder', () => {
    const c = new DiffCache(undefined);
    expect(c.diff(a, b)).toEqual(diffMarkdown(textA, textB));
    expect(c.diff(a, b)).toEqual(diffMarkdown(textA, textB));
    expect(c.stats).toEqual({ hits: 0, misses: 2 });
  });

  it('leaves no temporary files behind', () => {
    const dir = tempDir('redline-cache-');
    const c = new DiffCache(dir);
    c.diff(a, b);
    c.redline(a, b);
    for (const sub of readdirSync(dir)) for (const f of readdirSync(join(dir, sub))) expect(f).toMatch(/^[0-9a-f]{64}\.json\.gz$/);
  });

  it('keys entries by the analysis keys: the same texts analysed by another pipeline are another entry', () => {
    const dir = tempDir('redline-cache-');
    const c = new DiffCache(dir);
    c.diff(a, b);
    c.diff({ key: `${a.key}-other-pipeline`, text: a.text, doc: a.doc }, b);
    expect(c.stats).toEqual({ hits: 0, misses: 2 });
    expect(listFiles(dir)).toHaveLength(2);
  });

  it('keeps a redline per set of options, each equal to the redline of the diff', () => {
    const dir = tempDir('redline-cache-');
    const c = new DiffCache(dir);
    const diff = c.diff(a, b);
    const page = c.redline(a, b, {}, diff);
    const feed = c.redline(a, b, { cues: true, noIds: true, changedOnly: true }, diff);
    expect(c.stats).toEqual({ hits: 0, misses: 3 });
    expect(feed).not.toEqual(page);
    const docs = { old: documentOf(textA), new: documentOf(textB) };
    expect(feed).toEqual(redline(diffMarkdown(textA, textB), docs, { cues: true, noIds: true, changedOnly: true }));
    expect(listFiles(dir)).toHaveLength(3);
    const again = new DiffCache(dir);
    expect(again.redline(a, b, { cues: true, noIds: true, changedOnly: true })).toEqual(feed);
    expect(again.redline(a, b)).toEqual(page);
    expect(again.stats).toEqual({ hits: 2, misses: 0 });
  });

  it('reads a revision back from the artifacts the loader kept (docOf), and says so when they are missing', () => {
    const dir = tempDir('redline-artifacts-');
    const file = `---\ntitle: Privacy\n---\n${textA}`;
    const bodyStart = file.length - textA.length;
    const hash = sha256(file);
    const kept = new Artifacts(dir);
    kept.putText(hash, file);
    const { key } = kept.analysis(textA);
    // a new build: read from disk, not from memory
    const doc = docOf(new Artifacts(dir), { sha256: hash, analysis: key, bodyStart });
    expect(doc.key).toBe(key);
    expect(doc.doc).toEqual(documentOf(textA));
    expect(new DiffCache(undefined).diff(doc, b)).toEqual(diffMarkdown(textA, textB));
    expect(() => docOf(new Artifacts(tempDir('redline-artifacts-')), { sha256: hash, analysis: key, bodyStart })).toThrow(/missing from Redline's cache/);
  });

  it('reads no analysis back for a diff or redline it has kept (a rebuild reads the pairs, not the trees)', () => {
    const dir = tempDir('redline-artifacts-');
    const kept = new Artifacts(join(dir, 'artifacts'));
    const refs = [textA, textB].map((body) => {
      const file = `---\ntitle: Privacy\n---\n${body}`;
      kept.putText(sha256(file), file);
      return { sha256: sha256(file), analysis: kept.analysis(body).key, bodyStart: file.length - body.length };
    });
    const diffs = join(dir, 'diffs');
    const first = new DiffCache(diffs);
    const [x, y] = refs.map((r) => docOf(new Artifacts(join(dir, 'artifacts')), r)) as [KeyedDoc, KeyedDoc];
    const diff = first.diff(x, y);
    const items = first.redline(x, y, {}, diff);
    // A new build, with the analyses' parts gone from disk: what was kept is read without them.
    rmSync(join(dir, 'artifacts', 'analyses'), { recursive: true });
    const again = new DiffCache(diffs);
    const [p, q] = refs.map((r) => docOf(new Artifacts(join(dir, 'artifacts')), r)) as [KeyedDoc, KeyedDoc];
    expect(again.diff(p, q)).toEqual(diff);
    expect(again.redline(p, q)).toEqual(items);
    expect(again.stats).toEqual({ hits: 2, misses: 0 });
    // A redline not kept needs the trees, and says they are missing.
    expect(() => again.redline(p, q, { cues: true })).toThrow(/missing from Redline's cache/);
  });
});
