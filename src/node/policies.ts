/**
 * Reads the policies folder: every revision file once, checked by the rules
 * in src/core/revisions.ts, its body analysed once (src/node/artifacts.ts).
 * `check`, `build` (through the content loader) and every other command read
 * the policies through here, so what one accepts, the others accept.
 */
import { readdirSync, statSync, existsSync } from 'node:fs';
import { readRegularFile } from './files.ts';
import { join, relative, isAbsolute } from 'node:path';
import { RedlineError } from '../core/errors.ts';
import { checkPolicy, datedNames, policyIdProblem, readRevision, MAX_REVISION_BYTES, type Policy, type Revision } from '../core/revisions.ts';
import { sha256 as sha256Of } from '../core/hash.ts';
import type { Artifacts } from './artifacts.ts';
import type { PreparePool, PrepareTask } from './prepare.ts';
import { isTranslationFile, readTranslations } from './translations.ts';

/** A body for the worker threads to analyse ahead: what follows the front matter's closing line, if the file has one (readRevision decides what the file is). */
function bodyOf(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  const m = /^---[ \t]*\n(?:.*\n)*?---[ \t]*(?:\n|$)/.exec(text);
  return m ? text.slice(m[0].length) : undefined;
}

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = relative(cwd, p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

export interface LoadResult {
  policies: Policy[];
  /** Every problem found, errors and warnings, in file order. */
  problems: RedlineError[];
  /** The SHA-256 of every revision file read (by path inside the folder, `privacy/2024-04-01.md`), errors or not: the lock checks them. */
  hashes: Map<string, string>;
}

/**
 * Reads `policies/<policy>/<YYYY-MM-DD>.md`, validates every file, and returns
 * the policies (revisions sorted by effective date, oldest first) together
 * with every problem found. Nothing is thrown for bad content: callers decide.
 * Each file's text is kept in `artifacts` (by the SHA-256 of its bytes) for
 * the steps after.
 */
export async function loadPolicies(dir: string, artifacts: Artifacts, options: LoadOptions = {}): Promise<LoadResult> {
  const problems: RedlineError[] = [];
  const hashes = new Map<string, string>();
  const shown = displayPath(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RedlineError({ file: shown, message: 'policies folder not found', hint: 'create it, or point to it with --policies DIR' });
  }
  const policies: Policy[] = [];
  for (const name of readdirSync(dir).sort()) {
    // The lock is read (and a lock that is not a file reported) by src/node/lock-file.ts.
    if (name.startsWith('.') || name === 'redline.lock') continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (!st.isDirectory()) {
      if (/^readme(\.md)?$/i.test(name)) continue;
      problems.push(new RedlineError({ file: displayPath(full), message: 'is not a policy folder', hint: 'keep each policy in its own folder: policies/<policy>/<YYYY-MM-DD>.md' }));
      continue;
    }
    const bad = policyIdProblem(name, displayPath(full));
    if (bad) {
      problems.push(bad);
      continue;
    }
    const policy = await loadPolicy(full, name, artifacts, problems, hashes, options);
    if (policy) policies.push(policy);
  }
  problems.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '', 'en') || (a.line ?? 0) - (b.line ?? 0));
  return { policies, problems, hashes };
}

export interface LoadOptions {
  /** Worker threads that analyse the bodies not analysed yet (src/node/prepare.ts); without, they are analysed here. */
  pool?: PreparePool;
  onRevision?: (rev: Revision) => void;
}

async function loadPolicy(folder: string, id: string, artifacts: Artifacts, problems: RedlineError[], hashes: Map<string, string>, options: LoadOptions): Promise<Policy | undefined> {
  const revisions: Revision[] = [];
  const names: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(folder, name);
    if (statSync(full).isDirectory()) {
      problems.push(new RedlineError({ file: displayPath(full), message: 'is a folder inside a policy', hint: 'a policy folder holds only its revisions, named YYYY-MM-DD.md' }));
      continue;
    }
    names.push(name);
  }
  // Translations (<date>.<lang>.md) are read once the revisions are (src/node/translations.ts).
  const translated = names.filter(isTranslationFile);
  const dated = datedNames(names.filter((n) => !isTranslationFile(n)), (n) => displayPath(join(folder, n)), problems);
  // Each file is read once; the bodies not analysed yet go to the worker threads, if there are any.
  const files: Array<{ name: string; date: string; path: string; file: string; bytes: Buffer }> = [];
  const tasks: PrepareTask[] = [];
  for (const { name, date } of dated) {
    const path = join(folder, name);
    const file = displayPath(path);
    // Opened without blocking and checked on the descriptor: a FIFO, socket or device is refused, never read.
    const read = readRegularFile(path, MAX_REVISION_BYTES);
    if (read.kind === 'too-large') {
      problems.push(new RedlineError({ file, message: `is ${(read.size / 1048576).toFixed(1)} MB, more than the ${MAX_REVISION_BYTES / 1048576} MB a revision may hold`, hint: 'check that this is the policy text; split very long policies into several policies' }));
      continue;
    }
    if (read.kind !== 'file') {
      problems.push(new RedlineError({ file, message: read.kind === 'missing' ? 'disappeared while it was being read' : read.kind === 'folder' ? 'is a folder inside a policy' : 'is not a regular file (a pipe, socket or device)', hint: read.kind === 'missing' ? 'run the command again' : 'a revision is a Markdown file: replace it with the file itself' }));
      continue;
    }
    const bytes = read.bytes;
    files.push({ name, date, path, file, bytes });
    if (options.pool) {
      const body = bodyOf(bytes);
      if (body !== undefined && !artifacts.hasAnalysis(artifacts.analysisKey(body))) tasks.push({ kind: 'analyze', body });
    }
  }
  if (options.pool && tasks.length > 0) await options.pool.run(tasks);
  for (const { name, date, path, file, bytes } of files) {
    const read = readRevision({ bytes, policy: id, effective: date, file, path }, (body) => artifacts.problems(body), problems);
    hashes.set(`${id}/${name}`, read?.revision.sha256 ?? sha256Of(bytes));
    if (!read) continue;
    artifacts.putText(read.revision.sha256, read.text);
    revisions.push(read.revision);
    options.onRevision?.(read.revision);
  }
  const policy = checkPolicy(id, displayPath(folder), revisions, dated.length, problems);
  if (policy && translated.length > 0) policy.translations = readTranslations(folder, id, translated, policy.revisions, artifacts, problems, hashes);
  return policy;
}

/** A revision file's text, as read when the policies were loaded. */
export function revisionText(artifacts: Artifacts, rev: Revision): string {
  const kept = artifacts.text(rev.sha256);
  if (kept !== undefined) return kept;
  throw new RedlineError({ file: rev.file, message: 'changed while the site was being built', hint: 'build again' });
}

/** A revision's Markdown body: its text after the front matter, byte for byte. */
export function revisionBody(artifacts: Artifacts, rev: Revision): string {
  return revisionText(artifacts, rev).slice(rev.bodyStart);
}
