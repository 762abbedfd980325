/**
 * Diffs and redlines, computed once per pair of revision bodies and kept on
 * disk, so that a rebuild after adding one revision costs little more than
 * that revision's diffs.
 *
 * An entry's key is the SHA-256 of the engine and renderer versions and of
 * both bodies' analysis keys (src/node/artifacts.ts: the body and the
 * pipeline that parsed it): a changed text, a new parser or a new engine is
 * a new key; an old entry is simply never read again. Entries are gzipped
 * JSON, written to a temporary file and renamed into place, so a crashed or
 * concurrent build never leaves a half-written entry. An unreadable entry is
 * recomputed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeCacheEntry } from './disk-cache.ts';
import { sha256 } from '../core/hash.ts';
import { ENGINE_VERSION, diffBlocks, rebuild } from '../core/diff/engine.ts';
import { redline, type RedlineItem, type RedlineOptions } from '../core/diff/render.ts';
import { revisionDoc } from '../core/markdown/analyze.ts';
import type { MarkdownDiff, Op, OpKind, RevisionDoc, Unit } from '../core/diff/types.ts';
import type { Artifacts } from './artifacts.ts';
import type { TextRef } from './prepare.ts';

/**
 * Bump when the redline's HTML changes for the same diff (5: its labels and notes in the page's language;
 * 6: folds name passages and leave out blocks a reader cannot see, in every language).
 */
export const RENDER_VERSION = 6;

/** A body with its analysis key, as the cache takes it. */
export interface KeyedDoc {
  key: string;
  /** The body. */
  text: string;
  /** The body's analysis, as the engine and the renderer take it (read only when a diff or a redline is not in the cache). */
  readonly doc: RevisionDoc;
}

/** A revision's body and analysis, from the artifacts the loader kept: the analysis is read from disk when first asked for. */
export function docOf(artifacts: Artifacts, r: TextRef): KeyedDoc {
  const full = artifacts.text(r.sha256);
  const missing = () => new Error(`the text or analysis of a revision (${r.sha256.slice(0, 12)}…) is missing from Redline's cache`);
  if (full === undefined || !artifacts.hasAnalysis(r.analysis)) throw missing();
  const text = full.slice(r.bodyStart);
  let doc: RevisionDoc | undefined;
  return {
    key: r.analysis,
    text,
    get doc() {
      if (!doc) {
        const parts = artifacts.readPart(r.analysis, 'doc');
        const tree = artifacts.readPart(r.analysis, 'tree');
        if (!parts || !tree) throw missing();
        doc = revisionDoc(text, { ...parts, ...tree } as Parameters<typeof revisionDoc>[1]);
      }
      return doc;
    },
  };
}

export interface DiffCacheStats {
  hits: number;
  misses: number;
}

export class DiffCache {
  readonly dir: string | undefined;
  readonly stats: DiffCacheStats = { hits: 0, misses: 0 };

  /** `dir` undefined: nothing is kept on disk. */
  constructor(dir: string | undefined) {
    this.dir = dir;
  }

  private key(kind: string, a: { key: string }, b: { key: string }): string {
    return sha256(`${kind}\0${ENGINE_VERSION}\0${RENDER_VERSION}\0${a.key}\0${b.key}`);
  }

  /** The cache kind of a redline with these options. */
  private static redlineKind(options: RedlineOptions): string {
    return `redline:${options.cues ? 'c' : ''}${options.noIds ? 'n' : ''}${options.changedOnly ? 'o' : ''}${options.lang && options.lang !== 'en' ? `:${options.lang}` : ''}`;
  }

  /** Whether the diff of two bodies (by their analysis keys) and their redlines with each of `options` are on disk. */
  has(a: string, b: string, options: RedlineOptions[]): boolean {
    if (!this.dir) return false;
    const keys = [this.key('diff', { key: a }, { key: b }), ...options.map((o) => this.key(DiffCache.redlineKind(o), { key: a }, { key: b }))];
    return keys.every((k) => existsSync(join(this.dir!, k.slice(0, 2), `${k}.json.gz`)));
  }

  private read(key: string): unknown {
    if (!this.dir) return undefined;
    try {
      return JSON.parse(gunzipSync(readFileSync(join(this.dir, key.slice(0, 2), `${key}.json.gz`))).toString('utf8'));
    } catch {
      return undefined;
    }
  }

  private write(key: string, value: unknown): void {
    if (!this.dir) return;
    writeCacheEntry(join(this.dir, key.slice(0, 2), `${key}.json.gz`), gzipSync(JSON.stringify(value), { level: 1 }));
  }

  /** The diff of two bodies. */
  diff(a: KeyedDoc, b: KeyedDoc): MarkdownDiff {
    const key = this.key('diff', a, b);
    const stored = this.read(key);
    if (stored) {
      const diff = unpack(stored as Packed, a.text, b.text);
      if (diff) {
        this.stats.hits++;
        return diff;
      }
    }
    this.stats.misses++;
    const diff = diffBlocks(a.doc, b.doc);
    this.write(key, pack(diff));
    return diff;
  }

  /** The redline of two bodies (src/core/diff/render.ts), computed from their diff. */
  redline(a: KeyedDoc, b: KeyedDoc, options: RedlineOptions = {}, diff?: MarkdownDiff): RedlineItem[] {
    const key = this.key(DiffCache.redlineKind(options), a, b);
    const stored = this.read(key);
    if (Array.isArray(stored)) {
      this.stats.hits++;
      return stored as RedlineItem[];
    }
    this.stats.misses++;
    const items = redline(diff ?? this.diff(a, b), { old: a.doc, new: b.doc }, options);
    this.write(key, items);
    return items;
  }
}

/** A diff on disk: texts are not stored (they are the two bodies), only lengths. */
interface Packed {
  engine: number;
  ops: Array<[OpKind, number]>;
  stats: MarkdownDiff['stats'];
  sections: MarkdownDiff['sections'];
  units: Array<Omit<Unit, 'segments'> & { segments?: Array<[OpKind, number]> }>;
}

function pack(d: MarkdownDiff): Packed {
  const lens = (ops: readonly Op[]) => ops.map(([k, t]) => [k, t.length] as [OpKind, number]);
  return {
    engine: d.engine,
    ops: lens(d.ops),
    stats: d.stats,
    sections: d.sections,
    units: d.units.map((u) => (u.segments ? { ...u, segments: lens(u.segments) } : u)) as Packed['units'],
  };
}

function unpack(p: Packed, oldText: string, newText: string): MarkdownDiff | undefined {
  if (p.engine !== ENGINE_VERSION || !Array.isArray(p.ops)) return undefined;
  const ops: Op[] = [];
  let po = 0;
  let pn = 0;
  for (const [k, n] of p.ops) {
    const t = k === '+' ? newText.slice(pn, pn + n) : oldText.slice(po, po + n);
    if (k !== '+') po += n;
    if (k !== '-') pn += n;
    ops.push([k, t]);
  }
  if (po !== oldText.length || pn !== newText.length) return undefined;
  const units: Unit[] = p.units.map((u) => {
    if (!u.segments) return u as Unit;
    let so = u.old?.gap ?? 0;
    let sn = u.new?.gap ?? 0;
    const segments: Op[] = u.segments.map(([k, n]) => {
      const t = k === '+' ? newText.slice(sn, sn + n) : oldText.slice(so, so + n);
      if (k !== '+') so += n;
      if (k !== '-') sn += n;
      return [k, t];
    });
    return { ...u, segments };
  });
  const diff: MarkdownDiff = { engine: p.engine, ops, stats: p.stats, sections: p.sections, units };
  // The stored lengths must rebuild the very texts they were computed from.
  if (rebuild(ops, 'old') !== oldText || rebuild(ops, 'new') !== newText) return undefined;
  return diff;
}
