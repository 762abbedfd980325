import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { parse as parseHtml, parseFragment } from 'parse5';
import { root, run, tempDir, type Run } from './helpers/cli.ts';
import { project, revision, write } from './helpers/policies.ts';
import { checkFeed, icalendar, parseXml, textOf, unfold } from './helpers/feeds.ts';
import { correctedLines, formatLock, parseLock } from '../src/core/lock.ts';
import { changedWords, correctionFault, undoCorrection } from '../src/core/corrections.ts';
import { rebaseHtml } from '../src/core/urls.ts';
import { serveStatic } from '../src/node/static-server.ts';
import { claimScratch, recoverOutput } from '../src/node/output.ts';

/**
 * The adversarial pass of issue 15 ("Integrity that survives a hand-edited
 * lock, and the bad inputs that still get through"): each break it found is
 * a test here that failed on the code as it was, numbered as in the issue.
 */
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
/** SOURCE_DATE_EPOCH for noon of a day in Tokyo (the site's time zone): the real day. */
const epoch = (day: string) => String(Date.parse(`${day}T12:00:00+09:00`) / 1000);
const REAL = '2026-06-01';
const at = (day = REAL) => ({ SOURCE_DATE_EPOCH: epoch(day) });
const lockPath = (dir: string) => join(dir, 'policies/redline.lock');
const lockText = (dir: string) => readFileSync(lockPath(dir), 'utf8');
/** Nothing that looks like a stack trace, and one line per problem. */
function expectOneLineErrors(r: Run, lines: string[]): void {
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure|RangeError|TypeError/);
  expect(r.stderr.split('\n').filter((l) => l !== '' && !/^\d+ problems? \(/.test(l))).toEqual(lines);
  expect(r.code).toBe(1);
}
/** Check and build both refuse, with the same lines (`build: false`: check alone, where build runs the same code and a test already shows it). */
async function expectRefused(dir: string, lines: string[], { now = '2024-06-01', build = true } = {}): Promise<void> {
  expectOneLineErrors(await run(['check', '--now', now], { cwd: dir, env: at() }), lines);
  if (!build) return;
  const out = join(dir, 'dist');
  expectOneLineErrors(await run(['build', '--now', now, '--out', out], { cwd: dir, env: at() }), lines);
  expect(existsSync(out)).toBe(false);
}

const PUBLISHED = revision({ title: 'Privacy Policy' }, '\n# Privacy Policy\n\nWe collect your name and your e-mail address when you write to us.\n\nWe keep them for one year, then delete them.\n\nWe never sell your data, and we never share it with advertisers.\n');

/** A project with one published revision, locked on the real day. */
async function locked(text = PUBLISHED): Promise<string> {
  const dir = project({ 'privacy/2024-01-01.md': text });
  const r = await run(['lock'], { cwd: dir, env: at() });
  expect(r.code).toBe(0);
  return dir;
}

/** Appends a correction block to the lock by hand, as someone with commit access could. */
function appendCorrection(dir: string, entryPath: string, block: { date: string; was: string; now: string; reason?: string; lines?: string[] }): void {
  const { lock } = parseLock(lockText(dir), 'redline.lock');
  const entry = lock.get(entryPath)!;
  entry.corrections.push({ date: block.date, sha256: sha(block.now), was: block.was, reason: block.reason ?? 'Typo.', lines: [] });
  let text = formatLock(lock);
  if (block.lines) text = text.trimEnd() + '\n' + block.lines.join('\n') + '\n';
  writeFileSync(lockPath(dir), text);
}

describe('1(a): a correction block written by hand is checked like one correct writes', () => {
  const rewritten = PUBLISHED.replace('We never sell your data, and we never share it with advertisers.', 'We sell your data to advertisers.');

  it('a block with no lines, over a text replaced whole: check and build fail, naming the lock line', async () => {
    const dir = await locked();
    write(dir, { 'privacy/2024-01-01.md': rewritten });
    appendCorrection(dir, 'privacy/2024-01-01.md', { date: '2026-06-01', was: sha(PUBLISHED), now: rewritten });
    await expectRefused(dir, [
      `policies/redline.lock:8: the correction of policies/privacy/2024-01-01.md dated 2026-06-01 does not hold the lines it changed: its "-" and "+" lines do not turn the text after it back into the text it replaces (SHA-256 ${sha(PUBLISHED).slice(0, 12)}…) — only "npm run redline -- correct" records a correction: restore the lock and the file as last committed (a change of substance is a new revision)`,
    ]);
  });

  it('a block with the right lines is still held to the word limit, moves counted', async () => {
    const dir = await locked();
    write(dir, { 'privacy/2024-01-01.md': rewritten });
    const lines = correctedLines(PUBLISHED, rewritten).map((l) => `  ${l.sign} ${l.line} ${l.text}`);
    appendCorrection(dir, 'privacy/2024-01-01.md', { date: '2026-06-01', was: sha(PUBLISHED), now: rewritten, lines });
    await expectRefused(dir, [
      'policies/redline.lock:8: the correction of policies/privacy/2024-01-01.md dated 2026-06-01 is more than a correction: it changes 8 words (inserted plus deleted, moved text counted) of 36: more than a correction may (4) — only "npm run redline -- correct" records a correction: restore the lock and the file as last committed (a change of substance is a new revision)',
    ], { build: false });
  });

  it('a new title or kind of change, or a date before the announcement, is refused', async () => {
    const cases: [string, string, string][] = [
      [PUBLISHED.replace('title: Privacy Policy', 'title: Data Policy'), '2026-06-01', 'is more than a correction: it changes the title ("Privacy Policy" → "Data Policy")'],
      [PUBLISHED.replace('title: Privacy Policy', 'title: Privacy Policy\nchange: editorial'), '2026-06-01', 'is more than a correction: it changes the kind of change (material → editorial)'],
      [PUBLISHED.replace('one year', 'one yaer'), '2023-12-31', 'is dated before the revision was announced (2024-01-01)'],
    ];
    for (const [text, date, what] of cases) {
      const dir = await locked();
      write(dir, { 'privacy/2024-01-01.md': text });
      const lines = correctedLines(PUBLISHED, text).map((l) => `  ${l.sign} ${l.line}${l.text ? ` ${l.text}` : ''}`);
      appendCorrection(dir, 'privacy/2024-01-01.md', { date, was: sha(PUBLISHED), now: text, lines });
      const c = await run(['check', '--now', '2024-06-01'], { cwd: dir, env: at() });
      expect(c.stderr.split('\n')[0], what).toContain(`policies/redline.lock:8: the correction of policies/privacy/2024-01-01.md dated ${date} ${what} — `);
      expect(c.code).toBe(1);
    }
  });

  it('a typo fixed by hand with its lines passes: the block proves itself, without git', async () => {
    const dir = await locked();
    const fixed = PUBLISHED.replace('one year', 'one yaer');
    write(dir, { 'privacy/2024-01-01.md': fixed });
    const lines = correctedLines(PUBLISHED, fixed).map((l) => `  ${l.sign} ${l.line} ${l.text}`);
    appendCorrection(dir, 'privacy/2024-01-01.md', { date: '2026-06-01', was: sha(PUBLISHED), now: fixed, lines });
    const c = await run(['check', '--now', '2024-06-01'], { cwd: dir, env: at() });
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
  });

  it('correct counts moved text toward its limit: reordering clauses is not a typo fix', async () => {
    const dir = await locked();
    writeFileSync(join(dir, 'as-published.md'), PUBLISHED);
    const moved = PUBLISHED.replace('We never sell your data, and we never share it with advertisers.', 'We never share your data with advertisers, and we never sell it.');
    write(dir, { 'privacy/2024-01-01.md': moved });
    const r = await run(['correct', 'policies/privacy/2024-01-01.md', '--reason', 'Clearer.', '--was', 'as-published.md'], { cwd: dir, env: at() });
    expect(r.stderr).toBe('policies/privacy/2024-01-01.md: changes 8 words (inserted plus deleted, moved text counted) of 36: more than a correction may (4) — a correction fixes typos; to change the text, restore it as published and add a new revision instead (npm run redline -- new privacy)\n');
    expect(r.code).toBe(1);
    // Words swapped in place count as moved too; the same words in the same order do not, whatever the punctuation.
    expect(changedWords('we never sell it and never share it', 'we never share it and never sell it').count).toBe(4);
    expect(changedWords('We keep it, then delete it.', 'We keep it; then, delete it!').count).toBe(0);
  });

  it('a lock line whose announcement date was edited by hand, the file unchanged, fails check', async () => {
    const dir = await locked(revision({ title: 'Privacy Policy', published: '2023-12-01' }, '\nText.\n'));
    writeFileSync(lockPath(dir), lockText(dir).replace('published 2023-12-01', 'published 2023-12-15'));
    await expectRefused(dir, [
      'policies/redline.lock:7: records privacy/2024-01-01.md as announced on 2023-12-15, but the file, unchanged since, says 2023-12-01: the lock was edited by hand — restore the lock as last committed (git restore policies/redline.lock); an announcement date is changed in the revision, before it is announced',
    ], { build: false });
  });

  it('undoCorrection rebuilds the text before from the text after and the lines, and refuses lines that do not fit', () => {
    const before = 'a\nb\nc\nd\n';
    for (const after of ['a\nB\nc\nd\n', 'a\nc\nd\n', 'a\nb\nb2\nc\nd\nx\n', 'z\n', '', 'a\nb\nc\nd\n\n']) {
      expect(undoCorrection(after, correctedLines(before, after)), JSON.stringify(after)).toBe(before);
    }
    expect(undoCorrection('a\nB\nc\n', [{ sign: '+', line: 2, text: 'X' }])).toBeUndefined();
    expect(undoCorrection('a\n', [{ sign: '-', line: 9, text: 'X' }])).toBeUndefined();
    expect(correctionFault(PUBLISHED, PUBLISHED.replace('one year', 'one yaer'), '2024-01-01')).toBeUndefined();
  });
});

describe('2: dates outside 1900-01-01 to 2999-12-31 are refused in one line naming the file and field', () => {
  const hint = 'Redline handles dates from 1900-01-01 to 2999-12-31; check the year';
  it('0001-01-01.md, 9999-12-31.md and published 0024-04-20', async () => {
    const dir = await locked();
    write(dir, {
      'privacy/0001-01-01.md': revision({ title: 'Privacy Policy' }),
      'privacy/9999-12-31.md': revision({ title: 'Privacy Policy', summary: 'Later.' }),
      'terms/2024-04-20.md': revision({ title: 'Terms', published: '0024-04-20' }),
    });
    await expectRefused(dir, [
      `policies/privacy/0001-01-01.md: effective date 0001-01-01 (the file name) is outside the dates Redline handles — ${hint} (0001 is the year 1: write 2001 if that is what you mean), and rename the file`,
      `policies/privacy/9999-12-31.md: effective date 9999-12-31 (the file name) is outside the dates Redline handles — ${hint}, and rename the file`,
      `policies/terms/2024-04-20.md:3: published 0024-04-20 is outside the dates Redline handles — ${hint} (0024 is the year 24: write 2024 if that is what you mean)`,
    ], { build: false });
  });

  it('--now, lock lines and correction dates outside the range', async () => {
    const dir = await locked();
    expectOneLineErrors(await run(['check', '--now', '0024-01-01'], { cwd: dir }), [`--now 0024-01-01 is outside the dates Redline handles — ${hint} (0024 is the year 24: write 2024 if that is what you mean)`]);
    writeFileSync(lockPath(dir), `${lockText(dir)}privacy/0001-01-01.md published 0001-01-01 sha256 ${'a'.repeat(64)}\n`);
    const c = await run(['check', '--now', '2024-06-01'], { cwd: dir, env: at() });
    expect(c.stderr.split('\n')[0]).toBe('policies/redline.lock:8: privacy/0001-01-01.md published 0001-01-01 is outside the dates Redline handles (1900-01-01 to 2999-12-31) — the lock is written by "npm run redline -- lock"; restore the last committed version of the file and run it again');
  });
});

describe('3 and 5: no stack trace, no hang', () => {
  it('quotes and lists nested thousands deep, and raw HTML elements nested thousands deep: one line naming the file', async () => {
    const bodies = ['> '.repeat(2000) + 'Deep.', '1. '.repeat(1000) + 'Deep.', '<div>'.repeat(3000) + 'Deep.', 'Text.\n\n<section>\n' + '<div>\n'.repeat(150) + '\nMore.'];
    const dir = await locked();
    write(dir, Object.fromEntries(bodies.map((body, i) => [`privacy/2024-05-0${i + 1}.md`, revision({ title: 'Privacy Policy', summary: 'Deep.' }, `\n\n${body}\n`)])));
    const quotes = 'is nested more than 100 levels deep — a policy needs a few levels of quotes and lists, not hundreds: simplify the nesting';
    const html = 'raw HTML nests elements more than 100 levels deep — close the elements you open (</div> for each <div>), or write the text in Markdown';
    await expectRefused(dir, [`policies/privacy/2024-05-01.md:7: ${quotes}`, `policies/privacy/2024-05-02.md:7: ${quotes}`, `policies/privacy/2024-05-03.md:7: ${html}`, `policies/privacy/2024-05-04.md:109: ${html}`]);
  });

  it('a FIFO, a socket-like special file or a device named like a revision is refused, never read', async () => {
    const dir = await locked();
    execFileSync('mkfifo', [join(dir, 'policies/privacy/2024-05-01.md')]);
    await expectRefused(dir, ['policies/privacy/2024-05-01.md: is not a regular file (a pipe, socket or device) — a revision is a Markdown file: replace it with the file itself'], { build: false });
    rmSync(join(dir, 'policies/privacy/2024-05-01.md'));
    execFileSync('mkfifo', [join(dir, 'policies/redline.lock.fifo')]);
    rmSync(lockPath(dir));
    execFileSync('mv', [join(dir, 'policies/redline.lock.fifo'), lockPath(dir)]);
    const c = await run(['check', '--now', '2024-06-01'], { cwd: dir, env: at() });
    expect(c.stderr.split('\n')[0]).toBe('policies/redline.lock: is not a regular file (a pipe, socket or device) — the lock is one text file, written by "npm run redline -- lock": move the file away, then restore the committed lock file (or run lock, if there was none)');
  });

  it('diff refuses /dev/zero, a FIFO and a file over the size limit, at once', async () => {
    const dir = tempDir('redline-diff-');
    writeFileSync(join(dir, 'a.md'), 'Text.\n');
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    writeFileSync(join(dir, 'big.md'), 'word '.repeat(600_000));
    const special = 'is not a regular file (a pipe, socket or device) — diff reads two Markdown files: save the text to a file first';
    // In a process of its own with a deadline: reading /dev/zero or a FIFO never returned.
    const script = `import { runCli } from ${JSON.stringify(join(root, 'src/cli/index.ts'))}; for (const f of ['/dev/zero', 'pipe']) process.stdout.write(String(await runCli(['diff', f, 'a.md'])));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe(`/dev/zero: ${special}\npipe: ${special}\n`);
    expect(r.stdout).toBe('11');
    const big = await run(['diff', 'big.md', 'a.md'], { cwd: dir });
    expect(big.stderr).toBe('big.md: is larger than the 2 MB a revision may hold — diff compares revisions: check that this is the policy text\n');
    expect(big.code).toBe(1);
  });
});

describe('6: a kill between the two renames never loses the site', () => {
  const site = (dir: string, marker: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${marker}</title>`);
  };
  // Above the largest process id Linux hands out (2^22): never a running process.
  const DEAD = 4_194_304 + 12_345;

  it('a real SIGKILL between the renames, then the next build (even one that fails at once) restores the complete new site first', async () => {
    const dir = project({ 'privacy/2024-01-01.md': PUBLISHED });
    const out = join(dir, 'dist');
    site(out, 'old site');
    const building = join(dir, '.dist.building-x');
    site(building, 'new site');
    const marker = join(dir, 'swapping');
    const child = spawn(process.execPath, ['--input-type=module', '-e', `import { swapIn } from ${JSON.stringify(join(root, 'src/node/output.ts'))}; swapIn(${JSON.stringify(building)}, ${JSON.stringify(out)});`], { env: { ...process.env, REDLINE_TEST_HOOK_SWAP: marker }, stdio: 'ignore' });
    const exited = new Promise((ok) => child.once('exit', ok));
    for (let i = 0; i < 200 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(marker)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    // The moment the issue found: no dist, only the two folders beside it.
    expect(existsSync(out)).toBe(false);
    const left = readdirSync(dir).filter((n) => n.startsWith('.dist.')).sort();
    expect(left).toEqual(['.dist.building-x', `.dist.old-${child.pid}`]);
    // The swap renames the building folder of its own process: put it under the killed process's id.
    execFileSync('mv', [building, join(dir, `.dist.building-${child.pid}`)]);

    const b = await run(['build', '--now', '2024-02-30', '--out', 'dist'], { cwd: dir, env: at() });
    expect(b.stderr).toBe(`note: restored dist from a build that was stopped while it swapped the new site in (process ${child.pid})\nnote: removed .dist.old-${child.pid}, left by a build that was stopped\n--now "2024-02-30" is not a calendar date — write it as YYYY-MM-DD, such as --now 2026-01-01\n`);
    expect(b.code).toBe(1);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('new site');
    expect(readdirSync(dir).filter((n) => n.startsWith('.dist.'))).toEqual([]);
  });

  it('with only the old site beside a missing output (killed before the new one was complete), the old one comes back', () => {
    const dir = tempDir('redline-swap-');
    const out = join(dir, 'site');
    site(join(dir, `.site.old-${DEAD}`), 'old site');
    mkdirSync(join(dir, `.site.building-${DEAD}`));
    expect(recoverOutput(out)).toEqual([`restored site from a build that was stopped while it swapped the new site in (process ${DEAD})`, `removed .site.building-${DEAD}, left by a build that was stopped`]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('old site');
  });

  it('cleans what killed builds left beside the output, and leaves a running build\'s folder alone', () => {
    const dir = tempDir('redline-swap-');
    const out = join(dir, 'dist');
    site(out, 'current');
    mkdirSync(join(dir, `.dist.building-${DEAD}`));
    site(join(dir, `.dist.old-${DEAD + 1}`), 'older');
    mkdirSync(join(dir, `.dist.building-${process.ppid}`));
    expect(recoverOutput(out).length).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([`.dist.building-${process.ppid}`, 'dist']);
  });
});

describe('6: what killed builds leave elsewhere', () => {
  const DEAD = 4_194_304 + 54_321;
  it('Astro\'s scratch folder of a build with its output outside the working directory, and run-<pid> folders of older versions, are removed; a running build\'s is not shared', async () => {
    const dir = tempDir('redline-scratch-');
    const cache = join(dir, 'cache');
    mkdirSync(join(cache, `run-${DEAD}`, 'chunks'), { recursive: true });
    mkdirSync(join(dir, '.astro/.prerender/chunks'), { recursive: true });
    writeFileSync(join(dir, `.astro/.redline-build-${DEAD}`), '');
    const claimed = claimScratch(dir, cache, true);
    expect(claimed.removed).toEqual([`removed run-${DEAD} from the cache, left by a build that was stopped`, 'removed .astro/.prerender, left by a build that was stopped']);
    expect(readdirSync(join(dir, '.astro'))).toEqual([`.redline-build-${process.pid}`]);
    claimed.release();
    expect(readdirSync(join(dir, '.astro'))).toEqual([]);
    expect(readdirSync(cache)).toEqual([]);

    // A build running from the same folder: refused at once, in one line.
    const project_ = project({ 'privacy/2024-01-01.md': PUBLISHED });
    mkdirSync(join(project_, '.astro'));
    writeFileSync(join(project_, `.astro/.redline-build-${process.ppid}`), '');
    const busy = await run(['build', '--now', '2024-06-01', '--out', join(dir, 'site')], { cwd: project_, env: at() });
    expect(busy.stderr).toBe(`another build (process ${process.ppid}) is running from this folder with its output outside it, and Astro would share ./.astro/.prerender with it — wait for it to finish, or run the build from a folder that holds --out\n`);
    expect(busy.code).toBe(1);
  });
});

describe('4: no setting goes through a replacement pattern', () => {
  it('rebaseHtml writes $\', $& and $1 in a base as they are, and quotes as character references', () => {
    // Raw HTML the lint accepts (a title holding " onerror=…>"), which `$'` in the base turned into a working handler.
    const crafted = '<p>Or <a href="/form" title=\' onerror=alert(1)>x\'>here</a>.</p>';
    const handlers = (node: unknown): string[] => {
      const n = node as { tagName?: string; attrs?: { name: string }[]; childNodes?: unknown[] };
      return [...(n.attrs ?? []).filter((a) => a.name.startsWith('on')).map((a) => `<${n.tagName} ${a.name}>`), ...(n.childNodes ?? []).flatMap(handlers)];
    };
    for (const base of ["/p$'q", '/p$&q', "/a$'b$&c", "https://x.example/p$'q"]) expect(handlers(parseFragment(rebaseHtml(crafted, base))), base).toEqual([]);
    const html = '<a href="/contact" title="&#x3C;img src=x onerror=alert(1)>">us</a> <img src=\'/i.png\'>';
    expect(rebaseHtml(html, "/p$'q")).toBe('<a href="/p$&#39;q/contact" title="&#x3C;img src=x onerror=alert(1)>">us</a> <img src=\'/p$&#39;q/i.png\'>');
    expect(rebaseHtml('<a href="/x">', '/$&$1$`"')).toBe('<a href="/$&amp;$1$&#96;&quot;/x">');
  });
});

/**
 * One site at both ends of the date range, under a base with a space, a
 * euro sign and `$'`, with a link whose title is crafted to escape its
 * attribute, and a correction: 2, 3 (the site URL), 4, and the witness
 * (1(b), 1(c) through redline verify).
 */
describe('a site at both ends of the date range, under an awkward base, as witness', () => {
  const SITE = "https://x.example/a%20b/€/p$'q/";
  const ENCODED_BASE = "/a%20b/%E2%82%AC/p$'q";
  const typo = revision({ title: 'Privacy Policy' }, '\n# Privacy Policy\n\nWe keep your data saef.\n');
  const first = typo.replace('saef', 'safe');
  // A link title crafted to escape its attribute, in Markdown and in raw HTML (whose quotes a redline keeps as written).
  const later = revision({ title: 'Privacy Policy', summary: 'How to reach us.', published: '2025-01-01' }, '\n# Privacy Policy\n\nWe keep your data safe.\n\nWrite to [us](/contact "><img src=x onerror=alert(1)>").\n\nOr <a href="/form" title=\' onerror=alert(1)>x\'>here</a>.\n');
  const terms = revision({ title: 'Terms of Use', published: '2999-12-31' }, '\n# Terms of Use\n\nBe kind.\n');
  let dir: string;
  let out: string;
  let server: Server;
  let url: string;
  const file = (path: string) => readFileSync(join(out, path), 'utf8');

  beforeAll(async () => {
    dir = project({ 'privacy/1900-01-01.md': typo, 'privacy/2999-12-31.md': later, 'terms/2999-12-31.md': terms });
    expect((await run(['lock'], { cwd: dir, env: at() })).code).toBe(0);
    writeFileSync(join(dir, 'as-published.md'), typo);
    write(dir, { 'privacy/1900-01-01.md': first });
    const c = await run(['correct', 'policies/privacy/1900-01-01.md', '--reason', 'Fixes "saef".', '--was', 'as-published.md'], { cwd: dir, env: at() });
    expect(c.stderr).toBe('');
    out = join(dir, 'dist');
    const b = await run(['build', '--now', '2999-12-31', '--site', SITE, '--out', out], { cwd: dir, env: at() });
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    server = serveStatic(out, ENCODED_BASE);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ENCODED_BASE}/`;
  }, 120_000);
  afterAll(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

  it('2: pages show both ends of the range as written', () => {
    expect(file('privacy/1900-01-01/index.html')).toContain('<time datetime="1900-01-01">1 January 1900</time>');
    expect(file('terms/index.html')).toContain('<time datetime="2999-12-31">31 December 2999</time>');
    expect(file('privacy/index.html')).toContain('<time datetime="2999-12-31">31 December 2999</time>');
    expect(file('privacy/history/index.html')).toMatch(/31 December 2999[\s\S]*1 January 1900/);
  });

  it('2: feeds carry both ends, valid to their specs; the calendar too, as a calendar reader reads it', () => {
    for (const [name, format] of [['feed.xml', 'rss'], ['atom.xml', 'atom'], ['feed.json', 'json']] as const) {
      const report = checkFeed(join(out, name), file(name), `https://x.example/a%20b/%E2%82%AC/p$'q/${name}`);
      expect(report.errors, name).toEqual([]);
      expect(report.format).toBe(format);
    }
    // Announced at midnight in the site's time zone (Tokyo), written in UTC.
    expect(file('atom.xml')).toContain('<published>1899-12-31T15:00:00.000Z</published>');
    expect(file('atom.xml')).toContain('<published>2999-12-30T15:00:00.000Z</published>');
    expect(file('feed.xml')).toContain('<pubDate>Sun, 31 Dec 1899 15:00:00 GMT</pubDate>');
    expect(file('feed.xml')).toContain('<pubDate>Mon, 30 Dec 2999 15:00:00 GMT</pubDate>');
    expect(file('feed.json')).toContain('"date_published": "2999-12-30T15:00:00.000Z"');
    const ics = unfold(file('privacy/calendar.ics'));
    expect(ics).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:19000101', 'DTEND;VALUE=DATE:19000102', 'DTSTART;VALUE=DATE:29991231', 'DTEND;VALUE=DATE:30000101']));
    const parsed = icalendar([join(out, 'privacy/calendar.ics'), join(out, 'terms/calendar.ics')]);
    expect(parsed[join(out, 'privacy/calendar.ics')]!.events.map((e) => [e.start, e.end])).toEqual([['1900-01-01', '1900-01-02'], ['2999-12-31', '3000-01-01']]);
    expect(parsed[join(out, 'terms/calendar.ics')]!.events.map((e) => [e.start, e.end])).toEqual([['2999-12-31', '3000-01-01']]);
  });

  it('2 and the witness: the site publishes its lock, both ends included, with the correction', () => {
    const { lock, problems, format } = parseLock(file('redline.lock'), 'redline.lock');
    expect(problems).toEqual([]);
    expect(format).toBe(2);
    expect([...lock.values()].map((e) => [e.path, e.published, e.sha256, e.corrections.map((c) => [c.date, c.was, c.sha256, c.reason])])).toEqual([
      ['privacy/1900-01-01.md', '1900-01-01', sha(typo), [[REAL, sha(typo), sha(first), 'Fixes "saef".']]],
      ['privacy/2999-12-31.md', '2025-01-01', sha(later), []],
      ['terms/2999-12-31.md', '2999-12-31', sha(terms), []],
    ]);
    // Every feed entry carries the hash as announced (before the correction), as the lock has it.
    const items = (JSON.parse(file('feed.json')) as { items: { id: string; content_html: string }[] }).items;
    expect(items.map((i) => /SHA-256 of the text as announced: <code>([0-9a-f]{64})<\/code>/.exec(i.content_html)?.[1])).toEqual([sha(terms), sha(later), sha(typo)]);
    expect(file('privacy/1900-01-01/index.html')).toContain(sha(first));
  });

  it('3: the base with a space, a euro sign and $\' builds, every link percent-encoded', () => {
    const page = file('privacy/index.html');
    expect(page).toContain(`href="${ENCODED_BASE}/privacy/history/"`);
    expect(page).toMatch(new RegExp(`<link rel="stylesheet" href="${ENCODED_BASE.replace(/\$/g, '\\$')}/_astro/[^"]+\\.css"`));
    expect(page).not.toContain('/a b/');
  });

  it('4: the crafted link title stays text: no element with an event handler on any page or in any feed', () => {
    const handlers = (node: unknown): string[] => {
      const n = node as { tagName?: string; attrs?: { name: string }[]; childNodes?: unknown[]; content?: unknown };
      const own = (n.attrs ?? []).filter((a) => a.name.startsWith('on')).map((a) => `<${n.tagName} ${a.name}>`);
      return [...own, ...(n.childNodes ?? []).flatMap(handlers), ...(n.content ? handlers(n.content) : [])];
    };
    for (const page of ['privacy/index.html', 'privacy/2999-12-31/index.html', 'privacy/2999-12-31/changes/index.html', 'privacy/2999-12-31/changes/side-by-side/index.html']) {
      expect(handlers(parseHtml(file(page))), page).toEqual([]);
    }
    expect(file('privacy/2999-12-31/changes/index.html')).toContain(`href="${ENCODED_BASE.replace("'", '&#39;')}/contact" title="><img src=x onerror=alert(1)>"`);
    const rss = parseXml(file('feed.xml')) as { rss: { channel: { item: { description: unknown }[] } } };
    const atom = parseXml(file('atom.xml')) as { feed: { entry: { content: unknown }[] } };
    const json = JSON.parse(file('feed.json')) as { items: { content_html: string }[] };
    const contents = [...rss.rss.channel.item.map((i) => textOf(i.description)), ...atom.feed.entry.map((e) => textOf(e.content)), ...json.items.map((i) => i.content_html)];
    expect(contents.some((c) => c.includes('onerror'))).toBe(true);
    for (const c of contents) expect(handlers(parseFragment(c))).toEqual([]);
  });

  describe('redline verify --against the site (served on 127.0.0.1) or its folder', () => {
    /** A copy of the policies as they were deployed, to edit as someone with commit access could. */
    const copy = () => {
      const d = tempDir('redline-verify-');
      cpSync(join(dir, 'policies'), join(d, 'policies'), { recursive: true });
      return d;
    };
    const verify = (cwd: string, against = url) => run(['verify', '--against', against], { cwd, env: at() });
    const hintGone = 'published revisions are never removed: restore the file and its line in the lock as version control has them (git log -p -- policies/redline.lock)';

    it('passes for the policies as deployed, read over HTTP or from the folder', async () => {
      const r = await verify(copy());
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`policies/redline.lock agrees with ${url}redline.lock: 3 published revisions (1 correction) recorded here as published there.\n`);
      expect(r.code).toBe(0);
      expect((await verify(copy(), out)).code).toBe(0);
    });

    it('1(c): a published revision deleted with its lock line passes check, and fails verify, naming the entry', async () => {
      const d = copy();
      rmSync(join(d, 'policies/privacy/2999-12-31.md'));
      writeFileSync(lockPath(d), lockText(d).replace(/^privacy\/2999-12-31\.md .*\n/m, ''));
      expect((await run(['check', '--now', '2999-12-31'], { cwd: d, env: at() })).code).toBe(0);
      const r = await verify(d);
      expect(r.stderr).toBe(`policies/privacy/2999-12-31.md: was published on 2025-01-01 (at ${url}redline.lock) and is not in policies/redline.lock; the file is gone too — ${hintGone}\n`);
      expect(r.code).toBe(1);
    });

    it('1(b): a published revision re-dated later in the lock and the file, rewritten, and locked again: check passes, verify fails', async () => {
      const d = copy();
      write(d, { 'privacy/2999-12-31.md': later.replace('published: 2025-01-01', 'published: 2999-01-01').replace('We keep your data safe.', 'We sell your data.') });
      writeFileSync(lockPath(d), lockText(d).replace('privacy/2999-12-31.md published 2025-01-01', 'privacy/2999-12-31.md published 2999-01-01'));
      const l = await run(['lock'], { cwd: d, env: at() });
      expect(l.stdout).toContain('Recorded again policies/privacy/2999-12-31.md, not announced until 2999-01-01');
      expect((await run(['check'], { cwd: d, env: at() })).code).toBe(0);
      const r = await verify(d);
      expect(r.stderr.split('\n').slice(0, 2)).toEqual([
        `policies/privacy/2999-12-31.md: was published on 2025-01-01 (at ${url}redline.lock), but policies/redline.lock now says 2999-01-01 — an announcement date never moves once it has passed: put back 2025-01-01 in the lock and in the file, as version control has them (git log -p -- policies/redline.lock)`,
        expect.stringMatching(/^policies\/privacy\/2999-12-31\.md: was published with SHA-256 [0-9a-f]{12}… \(at .*redline\.lock\), but policies\/redline\.lock now records [0-9a-f]{12}… as the text published — the text as published never changes/),
      ]);
      expect(r.code).toBe(1);
    });

    it('a published text changed with its hash in the lock by hand: check passes, verify fails', async () => {
      const d = copy();
      const text = terms.replace('Be kind.', 'Be quiet.');
      write(d, { 'terms/2999-12-31.md': text });
      writeFileSync(lockPath(d), lockText(d).replace(sha(terms), sha(text)));
      expect((await run(['check', '--now', '2999-12-31'], { cwd: d, env: at() })).code).toBe(0);
      const r = await verify(d);
      expect(r.stderr).toMatch(new RegExp(`^policies/terms/2999-12-31\\.md: was published with SHA-256 ${sha(terms).slice(0, 12)}… \\(at .*\\), but policies/redline\\.lock now records ${sha(text).slice(0, 12)}… as the text published — `));
      expect(r.code).toBe(1);
    });

    it('hand-corrected: a correction block without its lines fails (check too); a published correction taken back fails verify', async () => {
      const d = copy();
      const text = terms.replace('Be kind.', 'Be quiet.');
      write(d, { 'terms/2999-12-31.md': text });
      appendCorrection(d, 'terms/2999-12-31.md', { date: REAL, was: sha(terms), now: text });
      const r = await verify(d);
      expect(r.stderr).toMatch(/^policies\/redline\.lock:\d+: the correction of policies\/terms\/2999-12-31\.md dated 2026-06-01 does not hold the lines it changed/);
      expect(r.code).toBe(1);

      const back = copy();
      write(back, { 'privacy/1900-01-01.md': typo });
      writeFileSync(lockPath(back), lockText(back).replace(/^ {2}.*\n/gm, ''));
      expect((await run(['check', '--now', '2999-12-31'], { cwd: back, env: at() })).code).toBe(0);
      const v = await verify(back);
      expect(v.stderr).toBe(`policies/privacy/1900-01-01.md: its correction of ${REAL} (at ${url}redline.lock) is not in policies/redline.lock — a published correction stays on the record: restore the lock as version control has them (git log -p -- policies/redline.lock)\n`);
      expect(v.code).toBe(1);
    });

    it('a correction recorded since the deploy passes; so does a revision added since', async () => {
      const d = copy();
      writeFileSync(join(d, 'was.md'), later);
      write(d, { 'privacy/2999-12-31.md': later.replace('data safe', 'data secure') });
      const c = await run(['correct', 'policies/privacy/2999-12-31.md', '--reason', 'Clearer.', '--was', 'was.md'], { cwd: d, env: at() });
      expect(c.stderr).toBe('');
      write(d, { 'cookies/2999-12-31.md': revision({ title: 'Cookies', published: '2999-12-31' }) });
      expect((await run(['lock'], { cwd: d, env: at() })).code).toBe(0);
      const r = await verify(d);
      expect(r.stdout).toBe(`policies/redline.lock agrees with ${url}redline.lock: 3 published revisions (1 correction) recorded here as published there; 1 more recorded here, not published there yet.\n`);
      expect(parseLock(lockText(d), 'redline.lock').lock.get('privacy/2999-12-31.md')!.corrections.length).toBe(1);
      expect(r.code).toBe(0);
    });

    it('a site with no published lock yet passes with a note; one that cannot be read, or is not a lock, fails', async () => {
      const d = copy();
      const empty = tempDir('redline-empty-site-');
      const first = await verify(d, empty);
      expect(first.stdout).toMatch(/^Note: .*redline\.lock does not exist: nothing published to compare with yet \(a first deploy publishes it\)\. policies\/redline\.lock and the policies pass every check\.\n$/);
      expect(first.code).toBe(0);
      const blank = serveStatic(empty);
      await new Promise<void>((ok) => blank.listen(0, '127.0.0.1', ok));
      const port = (blank.address() as AddressInfo).port;
      try {
        const r404 = await verify(d, `http://127.0.0.1:${port}/`);
        expect(r404.stdout).toContain(`Note: http://127.0.0.1:${port}/redline.lock answers 404: the site publishes no lock yet: nothing published to compare with yet`);
        expect(r404.code).toBe(0);
        writeFileSync(join(empty, 'redline.lock'), '<!doctype html><title>Home</title>\n');
        const html = await verify(d, `http://127.0.0.1:${port}/`);
        expect(html.stderr).toBe(`http://127.0.0.1:${port}/redline.lock:1: is not a Redline lock: line is not understood: "<!doctype html><title>Home</title>" — name the address of the site Redline built (its /redline.lock is read), or the folder of a build\n`);
        expect(html.code).toBe(1);
      } finally {
        await new Promise<void>((ok) => blank.close(() => ok()));
      }
      const down = await verify(d, `http://127.0.0.1:${port}/`);
      expect(down.stderr).toBe(`http://127.0.0.1:${port}/redline.lock: cannot be read (ECONNREFUSED) — check the address and that the site is up; verify fails rather than deploy without its witness (a site that publishes no lock yet answers 404, which passes)\n`);
      expect(down.code).toBe(1);
      const missing = await verify(d, join(d, 'no-such-build'));
      expect(missing.stderr).toBe('no-such-build: not found — name the folder a previous build wrote (such as dist), or the deployed site\'s address\n');
      expect(missing.code).toBe(1);
    });
  });
});
