import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings, today, policiesDir, artifacts } from '../context.ts';
import { RedlineError, RedlineProblems } from '../../core/errors.ts';
import { compareWithSite, LOCK_NAME, parseLock, sortProblems, type Lock } from '../../core/lock.ts';
import { displayPath } from '../../node/policies.ts';
import { inspectPolicies } from '../../node/inspect.ts';
import { fileStates, MAX_LOCK_BYTES, readLock } from '../../node/lock-file.ts';
import { readRegularFile } from '../../node/files.ts';

/** How long verify waits for the site. */
const TIMEOUT_MS = 30_000;

/** The site's lock: its text, or `undefined` when the site publishes none yet (a first deploy). Throws when the site cannot be read. */
type SiteLock = { text: string; source: string } | { text: undefined; source: string; why: string };

/**
 * `redline verify --against URL|DIR`: the deployed site as witness. The
 * repository alone cannot tell a published revision re-dated and rewritten,
 * or deleted with its lock line, from an honest local edit; the site can:
 * it publishes the lock of what it announced (/redline.lock). verify reads
 * it and fails, naming each entry, if anything published there is missing
 * here, changed, re-dated, or corrected without a valid correction block
 * (every rule of `check` applies too). Run it before every deploy.
 */
export const verify: Command = {
  usage: 'verify --against URL|DIR [--policies DIR] [--now YYYY-MM-DD]',
  summary: 'Checks the policies and policies/redline.lock against the lock the deployed site publishes (its /redline.lock, or a previous build folder): nothing published there may be missing, changed or re-dated here.',
  async run(argv) {
    const { values } = parse('verify', argv, { against: { type: 'string' }, policies: { type: 'string' }, now: { type: 'string' } });
    const against = values.against?.trim();
    if (!against) {
      throw new RedlineError({ message: 'verify: --against is missing', hint: 'name the deployed site, such as --against https://policies.example.com/, or a folder a previous build wrote, such as --against dist' });
    }
    const settings = await loadSettings();
    const day = today(settings, values.now);
    const dir = policiesDir(values.policies);
    const site = await readSiteLock(against);

    // Every rule check applies (the lock's corrections included), on this copy of the policies.
    const store = artifacts();
    const inspection = await inspectPolicies(dir, { artifacts: store, today: day, realToday: today(settings), parallel: true, settings });
    const problems: RedlineError[] = [...inspection.errors];
    let published: Lock | undefined;
    if (site.text !== undefined) {
      const parsed = parseLock(site.text, site.source);
      if (parsed.problems.length > 0) {
        const first = parsed.problems[0]!;
        throw new RedlineError({ file: site.source, line: first.line, message: `is not a Redline lock: ${first.message}`, hint: 'name the address of the site Redline built (its /redline.lock is read), or the folder of a build' });
      }
      published = parsed.lock;
      const local = readLock(dir);
      const display = (path: string) => displayPath(join(dir, path));
      problems.push(...compareWithSite(published, local.lock, fileStates(dir, inspection.hashes), display, local.file, site.source));
    }
    if (problems.length > 0) throw new RedlineProblems(sortProblems(problems));
    const lockFile = displayPath(join(dir, LOCK_NAME));
    if (!published) {
      process.stdout.write(`Note: ${site.source} ${'why' in site ? site.why : ''}: nothing published to compare with yet (a first deploy publishes it). ${lockFile} and the policies pass every check.\n`);
      return 0;
    }
    const corrections = [...published.values()].reduce((n, e) => n + e.corrections.length, 0);
    const more = (inspection.lock?.size ?? 0) - [...published.keys()].filter((k) => inspection.lock?.has(k)).length;
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    process.stdout.write(
      `${lockFile} agrees with ${site.source}: ${count(published.size, 'published revision')}${corrections ? ` (${count(corrections, 'correction')})` : ''} recorded here as published there${more > 0 ? `; ${more} more recorded here, not published there yet` : ''}.\n`,
    );
    return 0;
  },
};

/** The lock the site publishes, from its address (over HTTP(S)) or from a folder a build wrote (or the lock file itself). */
async function readSiteLock(against: string): Promise<SiteLock> {
  if (/^https?:\/\//i.test(against)) return fetchSiteLock(against);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(against)) {
    throw new RedlineError({ message: `--against "${against}" is neither an http(s) address nor a folder`, hint: 'name the deployed site, such as https://policies.example.com/, or a build folder, such as dist' });
  }
  const path = resolve(against);
  const shown = displayPath(path);
  if (!existsSync(path)) throw new RedlineError({ file: shown, message: 'not found', hint: 'name the folder a previous build wrote (such as dist), or the deployed site\'s address' });
  const file = statSync(path).isDirectory() ? join(path, LOCK_NAME) : path;
  const read = readRegularFile(file, MAX_LOCK_BYTES);
  if (read.kind === 'missing') return { text: undefined, source: displayPath(file), why: 'does not exist' };
  if (read.kind !== 'file') throw new RedlineError({ file: displayPath(file), message: read.kind === 'too-large' ? 'is larger than a lock Redline writes' : `is ${read.kind === 'folder' ? 'a folder' : 'not a regular file'}`, hint: 'name the folder a previous build wrote, or its redline.lock' });
  return { text: read.bytes.toString('utf8'), source: displayPath(file) };
}

async function fetchSiteLock(against: string): Promise<SiteLock> {
  let url: URL;
  try {
    url = new URL(against);
    if (!url.pathname.endsWith(`/${LOCK_NAME}`)) url = new URL(LOCK_NAME, url.href.endsWith('/') ? url.href : `${url.href}/`);
  } catch {
    throw new RedlineError({ message: `--against "${against}" is not a valid address`, hint: 'give the full address of the deployed site, such as https://policies.example.com/' });
  }
  url.search = '';
  url.hash = '';
  const source = url.href;
  const unreachable = (why: string) =>
    new RedlineError({ file: source, message: `cannot be read (${why})`, hint: 'check the address and that the site is up; verify fails rather than deploy without its witness (a site that publishes no lock yet answers 404, which passes)' });
  let res: Response;
  try {
    res = await fetch(source, { redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'text/plain' } });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    throw unreachable(err.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message));
  }
  if (res.status === 404 || res.status === 410) {
    await res.body?.cancel();
    return { text: undefined, source, why: `answers ${res.status}: the site publishes no lock yet` };
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw unreachable(`HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_LOCK_BYTES) {
    await res.body?.cancel();
    throw unreachable(`it is ${declared} bytes, more than a lock`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > MAX_LOCK_BYTES) throw unreachable('it is larger than a lock');
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof RedlineError) throw e;
    throw unreachable((e as Error).message);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), source };
}
