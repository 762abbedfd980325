/**
 * The documentation is true: README.md stays a page, every page the README
 * promises exists, every relative link (and heading anchor) resolves, and the
 * commands of the README's quick start and of the tutorial run as shown, in a
 * temporary folder, with the output the pages say they print.
 *
 * Commands are run the way a reader runs them, with three stand-ins:
 * `npm run redline -- <args>` and the tutorial's `redline <args>` run the
 * command in this process (run()); `preview` runs as its own process on a free
 * port, long enough to fetch the addresses the page names; `npm install` is
 * skipped (it has run). Other shell lines (mkdir) run in bash. The day is
 * fixed at 1 June 2025 (SOURCE_DATE_EPOCH), the day the tutorial's output shows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { root, run, tempDir } from './helpers/cli.ts';

const README = join(root, 'README.md');
const DOCS = join(root, 'docs');

const PAGES = [
  'tutorial.md',
  'how-to/deploy.md',
  'how-to/add-a-policy.md',
  'how-to/correct-a-typo.md',
  'how-to/adopt-existing-history.md',
  'how-to/embed.md',
  'how-to/translate.md',
  'how-to/consent.md',
  'how-to/memento.md',
  'reference/cli.md',
  'reference/settings.md',
  'reference/content-model.md',
  'reference/urls-and-feeds.md',
  'reference/versions-api.md',
  'explanation/redlines.md',
  'explanation/integrity.md',
  'explanation/architecture.md',
  'explanation/performance.md',
];

/** 1 June 2025, 12:00 in Tokyo (the time zone of this repository's settings). */
const SOURCE_DATE_EPOCH = String(Date.UTC(2025, 5, 1, 3) / 1000);

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

/** The text outside fenced code blocks and inline code: where links are. */
function prose(md: string): string {
  return md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** The anchors GitHub gives a page's headings. */
function anchors(md: string): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  for (const m of md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = m[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '').replace(/\*\*|__/g, '');
    out.add(slugger.slug(text));
  }
  return out;
}

describe('README and docs', () => {
  it('README.md is a page: under 12,000 bytes', () => {
    expect(statSync(README).size).toBeLessThan(12_000);
  });

  it('has every page of the docs', () => {
    for (const page of PAGES) expect(existsSync(join(DOCS, page)), `docs/${page}`).toBe(true);
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    let count = 0;
    for (const file of [README, ...markdownFiles(DOCS)]) {
      const md = readFileSync(file, 'utf8');
      for (const m of prose(md).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        count++;
        const [path, hash] = target.split('#') as [string, string | undefined];
        const to = path === '' ? file : resolve(dirname(file), decodeURI(path));
        const where = `${relative(root, file)}: ${target}`;
        if (!existsSync(to)) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (hash !== undefined && to.endsWith('.md') && !anchors(readFileSync(to, 'utf8')).has(decodeURIComponent(hash))) {
          broken.push(`${where} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(count).toBeGreaterThan(40);
  });

  it('names only files of the repository that exist (but on the performance page, which keeps an older run as it was written)', () => {
    const missing: string[] = [];
    for (const file of [README, ...markdownFiles(DOCS)].filter((f) => !f.endsWith('performance.md'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/`((?:src|test|bench|scripts|\.github|\.ci)\/[^`\s]*)`/g)) {
        const path = m[1]!.replace(/[#:].*$/, '');
        if (/[<>*…]/.test(path)) continue;
        if (!existsSync(join(root, path))) missing.push(`${relative(root, file)}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

interface Block {
  lang: string;
  text: string;
  /** The prose between the previous block and this one. */
  before: string;
  /** The prose after this block, up to the next block of commands (output blocks left out). */
  after: string;
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  const re = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(md))) {
    out.push({ lang: m[1]!.trim().split(/\s+/)[0]!, text: m[2]!, before: md.slice(last, m.index), after: '' });
    last = m.index + m[0].length;
  }
  const tail = md.slice(last);
  out.forEach((b, i) => {
    const next = out.findIndex((c, j) => j > i && isShell(c));
    b.after = [...out.slice(i + 1, next < 0 ? undefined : next + 1).map((c) => c.before), ...(next < 0 ? [tail] : [])].join('\n');
  });
  return out;
}

/** The words of a shell line: quotes removed, no expansion. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3]!);
  return out;
}

const isShell = (b: Block) => ['sh', 'shell', 'bash'].includes(b.lang);

/** A reader at a terminal: a working directory, and the output of the last block of commands. */
class Reader {
  cwd: string;
  output = '';
  codes: Array<{ command: string; code: number; output: string }> = [];
  private readonly children: ChildProcess[] = [];

  constructor(cwd: string) {
    this.cwd = cwd;
  }

  async block(b: Block): Promise<void> {
    this.output = '';
    this.codes = [];
    for (const raw of b.text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      await this.command(line, b);
    }
  }

  private async command(line: string, b: Block): Promise<void> {
    const w = words(line);
    if (/^[A-Za-z_]\w*=/.test(line) || /^[A-Za-z_]\w*\(\)\s*\{/.test(line)) return; // a variable or the tutorial's shell function
    if (w[0] === 'cd') {
      this.cwd = resolve(this.cwd, w[1]!);
      return;
    }
    if (w[0] === 'npm' && (w[1] === 'install' || w[1] === 'ci')) return;
    let args: string[] | undefined;
    if (w[0] === 'redline') args = w.slice(1);
    else if (w[0] === 'npm' && w[1] === 'run' && w[2] === 'redline' && w[3] === '--') args = w.slice(4);
    else if (w[0] === 'npm' && w[1] === 'run' && (w[2] === 'build' || w[2] === 'preview')) args = [w[2], ...w.slice(w[3] === '--' ? 4 : 3)];
    if (!args) {
      execFileSync('bash', ['-c', line], { cwd: this.cwd, stdio: 'pipe' });
      return;
    }
    if (args[0] === 'preview') return this.preview(line, args.slice(1), b);
    const r = await run(args, { cwd: this.cwd, env: { SOURCE_DATE_EPOCH } });
    this.output += r.stdout + r.stderr;
    this.codes.push({ command: line, code: r.code, output: r.stdout + r.stderr });
  }

  /** Starts `preview` on a free port, fetches every address the page names after the block, and stops it. */
  private async preview(line: string, args: string[], b: Block): Promise<void> {
    const child = spawn(process.execPath, [join(root, 'src/cli/redline.ts'), 'preview', ...args, '--port', '0'], { cwd: this.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    let out = '';
    const address = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /on (http:\/\/localhost:\d+\/\S*) /.exec(out);
        if (m) ok(m[1]!);
      });
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => fail(new Error(`${line}: exited with ${code}\n${out}`)));
    });
    const port = new URL(address).port;
    this.output += out.replace(`localhost:${port}`, 'localhost:4321');
    this.codes.push({ command: line, code: 0, output: out });
    expect((await fetch(address)).status, `${line}: ${address}`).toBe(200);
    const named = [...new Set([...prose(b.after).matchAll(/http:\/\/localhost:4321(\/[^\s)`,]*)/g)].map((m) => m[1]!.replace(/\.$/, '')))];
    for (const path of named) {
      const res = await fetch(new URL(path.slice(1), address));
      expect(res.status, `${line}: ${path}`).toBe(200);
    }
    child.kill();
  }

  /** The output a block shows: each line printed (… stands for anything), and exit code 1 only where it counts an error. */
  expectShown(shown: string): void {
    for (const line of shown.split('\n').filter((l) => l.trim() !== '')) {
      const pattern = new RegExp(`^${line.split('…').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')}$`, 'm');
      expect(this.output, `shown: ${line}`).toMatch(pattern);
    }
    const errors = /^\d+ problems? \((\d+) errors?/m.exec(shown);
    const failing = errors && Number(errors[1]) > 0;
    for (const [i, c] of this.codes.entries()) {
      expect(c.code, `${c.command}\n${c.output}`).toBe(failing && i === this.codes.length - 1 ? 1 : 0);
    }
  }

  expectSucceeded(): void {
    for (const c of this.codes) expect(c.code, `${c.command}\n${c.output}`).toBe(0);
  }

  /** A ```markdown block the page asks the reader to write into a file: the last `….md` path named before it. */
  write(b: Block): string {
    const paths = [...b.before.matchAll(/`([^`\s]+\.md)`/g)].map((m) => m[1]!);
    const path = paths.at(-1);
    expect(path, `a file to write before:\n${b.text.slice(0, 80)}`).toBeDefined();
    const file = resolve(this.cwd, path!);
    expect(existsSync(file), `${path} (the page says a command made it)`).toBe(true);
    writeFileSync(file, b.text);
    return file;
  }

  stop(): void {
    for (const c of this.children) c.kill();
  }
}

const readers: Reader[] = [];
const folders: string[] = [];
afterAll(() => {
  for (const r of readers) r.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** Follows a page's blocks in order: runs the commands, checks the output shown after them, writes the files it gives. */
async function follow(reader: Reader, list: Block[]): Promise<void> {
  let ran = false;
  for (const b of list) {
    if (isShell(b)) {
      if (ran) reader.expectSucceeded();
      await reader.block(b);
      ran = true;
    } else if (b.lang === 'text' && ran) {
      reader.expectShown(b.text);
      ran = false;
    } else if (b.lang === 'markdown') {
      if (ran) reader.expectSucceeded();
      ran = false;
      reader.write(b);
    }
  }
  if (ran) reader.expectSucceeded();
}

describe("the README's quick start", () => {
  it('builds this repository\'s policies with the commands it shows, and previews them', async () => {
    const md = readFileSync(README, 'utf8');
    const section = /^## Quick start\n([\s\S]*?)(?=^## )/m.exec(md)?.[1];
    expect(section).toBeDefined();
    const list = blocks(section!).filter(isShell);
    expect(list.map((b) => b.text.trim())).toEqual(['npm install\nnpm run build', 'npm run preview']);
    const dir = tempDir('redline-docs-readme-');
    folders.push(dir);
    cpSync(join(root, 'policies'), join(dir, 'policies'), { recursive: true });
    const reader = new Reader(dir);
    readers.push(reader);
    await follow(reader, list);
    expect(existsSync(join(dir, 'dist', 'privacy', 'index.html'))).toBe(true);
  }, 120_000);
});

describe('the tutorial', () => {
  it('runs as written, from a new folder beside the repository, with the output it shows', async () => {
    const md = readFileSync(join(DOCS, 'tutorial.md'), 'utf8');
    const list = blocks(md);
    expect(list.filter(isShell).length).toBeGreaterThan(8);
    // The reader starts in "the folder of the Redline repository": a stand-in, whose parent gets ../my-policies.
    const parent = tempDir('redline-docs-tutorial-');
    folders.push(parent);
    const start = join(parent, 'redline');
    execFileSync('mkdir', ['-p', start]);
    const reader = new Reader(start);
    readers.push(reader);
    await follow(reader, list);
    const site = join(reader.cwd, 'dist');
    const changes = readFileSync(join(site, 'privacy', '2025-07-01', 'changes', 'index.html'), 'utf8');
    expect(changes).toContain('<ins>, and delete it one year after you close it</ins>');
    expect(readFileSync(join(site, 'privacy', 'index.html'), 'utf8')).toContain('We are updating this policy on');
  }, 180_000);
});
