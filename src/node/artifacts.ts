/**
 * What a build derives from each revision, kept on disk by content so that
 * every later step reads it instead of the file or a new parse:
 *
 * - `texts/`: each revision file's text, under the SHA-256 of its bytes
 *   (content-addressed: what the loader validated is exactly what the pages,
 *   redlines, feeds and the raw `.md` address show, even if the file changes
 *   during the build);
 * - `analyses/`: each body's analysis (src/core/markdown/analyze.ts: lint
 *   problems, HTML, headings, blocks, character classes), under a key of the
 *   body and of the pipeline that analysed it (its source and package
 *   versions), so that a rebuild analyses only new text.
 *
 * Entries are written to a temporary file and renamed into place (a
 * concurrent build never reads half an entry); an unreadable entry is
 * computed again. Recent entries are also kept in memory, within bounds.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyzeBody, ANALYSIS_VERSION, type Analysis } from '../core/markdown/analyze.ts';
import { sha256 } from '../core/hash.ts';
import { packageVersions, writeCacheEntry } from './disk-cache.ts';

/** The packages whose output the analysis holds. */
const PACKAGES = ['unified', 'remark-parse', 'remark-gfm', 'micromark', 'mdast-util-from-markdown', 'mdast-util-to-hast', 'hast-util-raw', 'hast-util-to-html', 'parse5', 'github-slugger'];

/**
 * The source of the code that analyses a body (src/core/markdown/ and the
 * parts of src/core/diff/ it uses): any change to it gives new keys, so a
 * rule or renderer changed during development never reads a stale result.
 */
function sourceFingerprint(): string {
  const parts: string[] = [];
  try {
    const dirs = [new URL('../core/markdown/', import.meta.url), new URL('../core/markdown/lint/', import.meta.url)];
    for (const d of dirs) {
      const path = fileURLToPath(d);
      for (const name of readdirSync(path).sort()) if (name.endsWith('.ts')) parts.push(name, readFileSync(join(path, name), 'utf8'));
    }
    for (const f of ['../core/diff/parse.ts', '../core/diff/classes.ts']) parts.push(f, readFileSync(fileURLToPath(new URL(f, import.meta.url)), 'utf8'));
  } catch {
    return 'unreadable';
  }
  return sha256(parts.join('\0'));
}

let pipelineId: string | undefined;

/** What an analysis depends on besides the body. */
export function analysisPipeline(): string {
  pipelineId ??= `redline-analysis/${ANALYSIS_VERSION} ${sourceFingerprint()} ${packageVersions(PACKAGES)}`;
  return pipelineId;
}

/** The parts an analysis is kept in. */
type Part = 'page' | 'doc' | 'tree';
type PartOf<P extends Part> = P extends 'page' ? Pick<Analysis, 'html' | 'headings'> : P extends 'doc' ? Pick<Analysis, 'blocks' | 'roots' | 'rootTypes' | 'cls' | 'spans' | 'definitions'> : Pick<Analysis, 'hast'>;

class Recent<V> {
  private readonly map = new Map<string, V>();
  private readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

export { Recent };

export class Artifacts {
  /** Undefined: nothing on disk (memory only). */
  readonly dir: string | undefined;
  private readonly analyses = new Recent<Analysis>(64);
  private readonly texts = new Recent<string>(64);
  /** Without a folder, everything stays in memory (unbounded: for `check` runs and tests of a few revisions). */
  private readonly memory = new Map<string, string | Analysis>();

  constructor(dir: string | undefined) {
    this.dir = dir;
  }

  private path(kind: string, key: string, ext: string): string {
    return join(this.dir!, kind, key.slice(0, 2), `${key}${ext}`);
  }

  /** The key of a body's analysis. */
  analysisKey(body: string): string {
    return sha256(`${analysisPipeline()}\0${body}`);
  }

  /** A body's analysis, computed once per distinct body and pipeline. */
  analysis(body: string): { key: string; analysis: Analysis } {
    const key = this.analysisKey(body);
    const found = this.readAnalysis(key);
    if (found) return { key, analysis: found };
    return { key, analysis: this.compute(key, body) };
  }

  private compute(key: string, body: string): Analysis {
    const analysis = analyzeBody(body);
    this.analyses.set(key, analysis);
    if (this.dir) {
      // In parts, each read by what needs it: a revision page its HTML, a diff the blocks and the tree.
      const { version, problems, visible, html, headings, hast, ...doc } = analysis;
      const parts: Record<Part, unknown> = { page: { html, headings }, doc, tree: { hast } };
      for (const [part, value] of Object.entries(parts)) writeCacheEntry(this.path('analyses', key, `.${part}.json.gz`), gzipSync(JSON.stringify({ version, ...(value as object) }), { level: 1 }));
      // What reading a revision needs (its lint problems), last: its presence says the analysis is whole.
      writeCacheEntry(this.path('lint', key, '.json'), JSON.stringify({ version, problems, visible }));
    } else this.memory.set(`a:${key}`, analysis);
    return analysis;
  }

  /** One part of an analysis, by its key, if kept. */
  readPart<P extends Part>(key: string, part: P): PartOf<P> | undefined {
    const hit = this.analyses.get(key) ?? (this.memory.get(`a:${key}`) as Analysis | undefined);
    if (hit) return hit as unknown as PartOf<P>;
    if (!this.dir) return undefined;
    try {
      const v = JSON.parse(gunzipSync(readFileSync(this.path('analyses', key, `.${part}.json.gz`))).toString('utf8')) as PartOf<P> & { version: number };
      return v.version === ANALYSIS_VERSION ? v : undefined;
    } catch {
      return undefined;
    }
  }

  /** A body's lint problems (what `check` and the loader need of its analysis), analysing it if it was not. */
  problems(body: string): { key: string; problems: Analysis['problems']; visible: string } {
    const key = this.analysisKey(body);
    const hit = this.analyses.get(key) ?? (this.memory.get(`a:${key}`) as Analysis | undefined);
    if (hit) return { key, problems: hit.problems, visible: hit.visible };
    if (this.dir) {
      try {
        const l = JSON.parse(readFileSync(this.path('lint', key, '.json'), 'utf8')) as { version: number; problems: Analysis['problems']; visible: string };
        if (l.version === ANALYSIS_VERSION) return { key, problems: l.problems, visible: l.visible };
      } catch {
        // not analysed yet
      }
    }
    const a = this.compute(key, body);
    return { key, problems: a.problems, visible: a.visible };
  }

  /** Whether a body's analysis is on disk (or in memory) already. */
  hasAnalysis(key: string): boolean {
    return this.analyses.get(key) !== undefined || this.memory.has(`a:${key}`) || (this.dir !== undefined && existsSync(this.path('lint', key, '.json')));
  }

  /** A whole analysis by its key, if kept. */
  readAnalysis(key: string): Analysis | undefined {
    const hit = this.analyses.get(key) ?? (this.memory.get(`a:${key}`) as Analysis | undefined);
    if (hit) return hit;
    const page = this.readPart(key, 'page');
    const doc = this.readPart(key, 'doc');
    const tree = this.readPart(key, 'tree');
    let lint: { problems: Analysis['problems'] } | undefined;
    try {
      lint = JSON.parse(readFileSync(this.path('lint', key, '.json'), 'utf8')) as { problems: Analysis['problems'] };
    } catch {
      return undefined;
    }
    if (!page || !doc || !tree) return undefined;
    const a = { ...doc, ...page, ...tree, problems: lint.problems, version: ANALYSIS_VERSION } as Analysis;
    this.analyses.set(key, a);
    return a;
  }

  /** Keeps a revision file's text under the SHA-256 of its bytes. */
  putText(hash: string, text: string): void {
    this.texts.set(hash, text);
    if (!this.dir) {
      this.memory.set(`t:${hash}`, text);
      return;
    }
    const path = this.path('texts', hash, '.md');
    if (!existsSync(path)) writeCacheEntry(path, text);
  }

  /** A revision file's text by the SHA-256 of its bytes; undefined if it is not kept (or no longer matches its hash). */
  text(hash: string): string | undefined {
    const hit = this.texts.get(hash) ?? (this.memory.get(`t:${hash}`) as string | undefined);
    if (hit !== undefined) return hit;
    if (!this.dir) return undefined;
    try {
      const bytes = readFileSync(this.path('texts', hash, '.md'));
      if (sha256(bytes) !== hash) return undefined;
      const text = bytes.toString('utf8');
      this.texts.set(hash, text);
      return text;
    } catch {
      return undefined;
    }
  }
}
