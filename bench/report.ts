// The benchmark's results, as a Markdown table (README "Performance") and JSON.
import type { DiffTimings } from './diffs.ts';

export interface BuildFigures {
  ok: boolean;
  code: number;
  wallS: number;
  perRevisionMs: number;
  peakRssMB: number | null;
  cpuS: number | null;
  outputMB: number;
  outputFiles: number;
  /** Peak RSS of each kind of process (node, pagefind_extended…), MB. */
  peakByCommandMB?: Record<string, number>;
  /** `redline build`'s own steps (REDLINE_TIMINGS): seconds each. */
  steps?: Record<string, number>;
  /** The last lines of the build's output when it failed. */
  error?: string;
}

export interface Incremental {
  /** Rebuild with the caches warm and nothing changed. */
  unchangedS: number;
  /** Rebuild after adding one revision. */
  addedS: number;
  /** What the added revision cost on top of an unchanged rebuild. */
  extraS: number;
  /** A cold build's time per revision, for comparison. */
  coldPerRevisionS: number;
  added: string;
}

export interface CaseResult {
  name: string;
  source: 'synthetic' | 'corpus';
  dir: string;
  policies: number;
  revisions: number;
  meanWords: number;
  markdownMB: number;
  now: string;
  redline: BuildFigures;
  plain: BuildFigures | null;
  ratio: { time: number; memory: number | null } | null;
  runs: { redline: BuildFigures[]; plain: BuildFigures[] };
  incremental: Incremental | null;
  diff: DiffTimings | null;
}

function fmt(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function buildCells(f: BuildFigures | null): string[] {
  if (!f) return ['–', '–', '–', '–'];
  if (!f.ok) return [`failed (exit ${f.code})`, '–', f.peakRssMB ? `${fmt(f.peakRssMB, 0)} MB` : '–', '–'];
  return [`${fmt(f.wallS)} s`, `${fmt(f.perRevisionMs, 0)} ms`, `${fmt(f.peakRssMB, 0)} MB`, `${fmt(f.outputMB)} MB`];
}

export function report(results: CaseResult[], machine: Record<string, string>): string {
  const lines: string[] = [];
  lines.push(`Machine: ${Object.entries(machine).map(([k, v]) => `${k} ${v}`).join(' · ')}`, '');
  lines.push('| corpus | revisions | words/rev | Redline build | per revision | peak RSS | output | plain Astro build | per revision | peak RSS | output | time ratio | memory ratio |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.revisions.toLocaleString('en-US')} | ${r.meanWords.toLocaleString('en-US')} | ${buildCells(r.redline).join(' | ')} | ${buildCells(r.plain).join(' | ')} | ${r.ratio ? `${fmt(r.ratio.time, 2)}×` : '–'} | ${r.ratio?.memory ? `${fmt(r.ratio.memory, 2)}×` : '–'} |`,
    );
  }
  if (results.some((r) => r.diff)) {
    lines.push('', '| corpus | pairs timed | words per pair (old + new) | diff, as in a build: median | p95 | max | from scratch: median | p95 | max | largest pair | its words | as in a build | from scratch |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
    for (const r of results) {
      const d = r.diff;
      if (!d) continue;
      const ms = (x: number) => `${fmt(x)} ms`;
      lines.push(
        `| ${r.name} | ${d.timed} of ${d.pairs} | ${d.meanWords.toLocaleString('en-US')} | ${ms(d.build.medianMs)} | ${ms(d.build.p95Ms)} | ${ms(d.build.maxMs)} | ${ms(d.scratch.medianMs)} | ${ms(d.scratch.p95Ms)} | ${ms(d.scratch.maxMs)} | ${d.largest.pair} | ${d.largest.words.toLocaleString('en-US')} | ${ms(d.largest.buildMs)} | ${ms(d.largest.scratchMs)} |`,
      );
    }
  }
  if (results.some((r) => r.incremental)) {
    lines.push('', '| corpus | cold build | rebuild, nothing changed | rebuild, one revision added | cost of that revision | cold build per revision |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) {
      const i = r.incremental;
      if (!i) continue;
      lines.push(`| ${r.name} | ${fmt(r.redline.wallS)} s | ${fmt(i.unchangedS)} s | ${fmt(i.addedS)} s | ${fmt(i.extraS, 2)} s | ${fmt(i.coldPerRevisionS, 2)} s |`);
    }
  }
  return lines.join('\n');
}

