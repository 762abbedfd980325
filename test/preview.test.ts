import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFixture, redline, root, tempDir, run } from './helpers/cli.ts';

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) c.kill();
});

/** Starts `redline preview`; resolves with the address it prints. */
function preview(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'src/cli/redline.ts'), 'preview', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /on (http:\/\/localhost:\d+\/\S*) /.exec(out);
      if (m) ok(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`preview exited with ${code}`)));
  });
}

describe('redline preview', () => {
  let out: string;
  beforeAll(async () => {
    out = await buildFixture('site', ['--now', '2024-12-20', '--site', 'https://example.org/legal/']);
  });

  it('serves a site built for a sub-path under that sub-path, without being told', async () => {
    const address = await preview(['--out', out, '--port', '0']);
    expect(address).toMatch(/^http:\/\/localhost:\d+\/legal\/$/);
    const home = await fetch(address);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<link rel="canonical" href="https://example.org/legal/">');
    expect((await fetch(new URL('cookies/history/', address))).status).toBe(200);
    expect((await fetch(new URL('no-such-page/', address))).status).toBe(404);
    // A malformed address is refused, and the server keeps serving.
    expect((await fetch(new URL('%E0%A4%A', address))).status).toBe(400);
    expect((await fetch(address)).status).toBe(200);
  });

  it('says in one line when the port is taken', async () => {
    const address = await preview(['--out', out, '--port', '0']);
    const port = new URL(address).port;
    const r = await run(['preview', '--out', out, '--port', port]);
    expect(r.stderr).toBe(`port ${port} is in use — stop what uses it, or choose another port with --port N (--port 0 picks a free one)\n`);
    expect(r.code).toBe(1);
  });
});

describe('output into a pipe that closes early', () => {
  it('stops quietly, with no error', async () => {
    const dir = tempDir();
    const para = (w: string) => Array.from({ length: 4000 }, (_, i) => `Paragraph ${i} keeps ${w} data.`).join('\n\n');
    writeFileSync(join(dir, 'old.md'), para('personal'));
    writeFileSync(join(dir, 'new.md'), para('private'));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(root, 'src/cli/redline.ts')}" diff old.md new.md | head -c 10 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
