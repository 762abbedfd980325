import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync, appendFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fixtures, listFiles, projectTempDir, redline, root, tempDir, run } from './helpers/cli.ts';

/** Every file of a folder with the hash of its bytes: equal snapshots mean an untouched folder. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe('redline check on good input', () => {
  it('passes the site policies, listing each revision with its state as of today', async () => {
    const r = await run(['check', '--now', '2025-03-20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'As of 2025-03-20 (Asia/Tokyo): 1 policy, 2 revisions, 2 translations',
        '  policies/privacy/2024-04-01.ja.md  Japanese translation: current',
        '  policies/privacy/2024-04-01.md  in force',
        '  policies/privacy/2025-04-01.ja.md  Japanese translation: current',
        '  policies/privacy/2025-04-01.md  upcoming: announced on 2025-03-18, takes effect on 2025-04-01 (editorial)',
        'No problems.',
        '',
      ].join('\n'),
    );
  });

  it('reads "today" from SOURCE_DATE_EPOCH in the site time zone, whatever the machine time zone', async () => {
    const policies = join(fixtures, 'lifecycle', 'policies');
    // Tokyo midnight starting 2025-01-30 (the day 2025-03-01.md is announced) is 2025-01-29T15:00:00Z.
    const midnight = Date.UTC(2025, 0, 29, 15) / 1000;
    for (const TZ of ['America/Los_Angeles', 'Asia/Tokyo']) {
      const before = await run(['check', '--policies', policies], { env: { TZ, SOURCE_DATE_EPOCH: String(midnight - 1) } });
      expect(before.stdout, TZ).toContain('As of 2025-01-29 (Asia/Tokyo)');
      expect(before.stdout, TZ).toContain('terms/2025-03-01.md  scheduled: announced on 2025-01-30, takes effect on 2025-03-01');
      const after = await run(['check', '--policies', policies], { env: { TZ, SOURCE_DATE_EPOCH: String(midnight + 1) } });
      expect(after.stdout, TZ).toContain('As of 2025-01-30 (Asia/Tokyo)');
      expect(after.stdout, TZ).toContain('terms/2025-03-01.md  upcoming: announced on 2025-01-30, takes effect on 2025-03-01');
      expect(after.code).toBe(0);
    }
  });
});

describe('redline check on a revision with errors', () => {
  it('still lists it, in its place, and counts it apart', async () => {
    const dir = tempDir();
    cpSync(join(root, 'policies'), join(dir, 'policies'), { recursive: true });
    writeFileSync(join(dir, 'policies', 'privacy', '2026-01-01.md'), '---\ntitle: Privacy Policy\nsummary: [unclosed\n---\n\nText.\n');
    const r = await run(['check', '--now', '2025-12-01'], { cwd: dir });
    expect(r.stdout).toBe(
      [
        'As of 2025-12-01 (Asia/Tokyo): 1 policy, 2 revisions, 2 translations and 1 with errors',
        '  policies/privacy/2024-04-01.ja.md  Japanese translation: current',
        '  policies/privacy/2024-04-01.md  superseded',
        '  policies/privacy/2025-04-01.ja.md  Japanese translation: current',
        '  policies/privacy/2025-04-01.md  in force (editorial)',
        '  policies/privacy/2026-01-01.md  has errors (below)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toMatch(/^policies\/privacy\/2026-01-01\.md:3: front matter is not valid YAML/m);
    expect(r.code).toBe(1);
  });
});

describe('a published revision edited in a copy of policies/', () => {
  let work: string;
  let out: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    work = tempDir('redline-immutable-');
    cpSync(join(root, 'policies'), join(work, 'policies'), { recursive: true });
    out = join(work, 'dist');
    // Started from the copy's folder, as an author would with node src/cli/redline.ts (npm run starts in the project).
    const first = await run(['build', '--now', '2025-04-02', '--out', 'dist'], { cwd: work });
    if (first.code !== 0) throw new Error(first.stderr);
    before = snapshot(out);
  });

  const message = 'policies/privacy/2024-04-01.md was published on 2024-04-01 and has changed since; published revisions are immutable — add a new revision instead.';

  it('makes check fail, naming the file', async () => {
    appendFileSync(join(work, 'policies/privacy/2024-04-01.md'), '\nOne more sentence.\n');
    const r = await run(['check', '--now', '2025-04-02'], { cwd: work });
    expect(r.stderr).toBe(`${message}\n1 problem (1 error, 0 warnings).\n`);
    expect(r.code).toBe(1);
  });

  it('makes build fail, naming the file, and leaves the previous output untouched', async () => {
    const r = await run(['build', '--now', '2025-04-02', '--out', 'dist'], { cwd: work });
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.code).toBe(1);
    expect(snapshot(out)).toEqual(before);
    expect(Object.keys(before).length).toBeGreaterThan(10);
  });

  it('fails the same way when the edit is only one byte, or the file is gone', async () => {
    const file = join(work, 'policies/privacy/2024-04-01.md');
    writeFileSync(file, readFileSync(join(root, 'policies/privacy/2024-04-01.md'), 'utf8').replace('Illustrious', 'lllustrious'));
    expect((await run(['build', '--now', '2025-04-02', '--out', 'dist'], { cwd: work })).stderr).toBe(`${message}\n`);
    rmSync(file);
    const gone = await run(['check', '--now', '2025-04-02'], { cwd: work });
    expect(gone.stderr).toBe(
      'policies/privacy/2024-04-01.md was published on 2024-04-01 and has been deleted since; published revisions are immutable — restore the file from version control, and add a new revision instead.\n1 problem (1 error, 0 warnings).\n',
    );
    expect((await run(['build', '--now', '2025-04-02', '--out', 'dist'], { cwd: work })).code).toBe(1);
    expect(snapshot(out)).toEqual(before);
  });

  it('names the file as the user named the folder (--policies from elsewhere)', async () => {
    cpSync(join(root, 'policies/privacy/2024-04-01.md'), join(work, 'policies/privacy/2024-04-01.md'));
    appendFileSync(join(work, 'policies/privacy/2025-04-01.md'), ' ');
    const r = await run(['check', '--policies', join(work, 'policies'), '--now', '2025-04-02'], { cwd: root });
    const line = `${join(work, 'policies/privacy/2025-04-01.md')} was published on 2025-03-18 and has changed since; published revisions are immutable — add a new revision instead.`;
    expect(r.stderr).toBe(`${line}\n1 problem (1 error, 0 warnings).\n`);
    const b = await run(['build', '--policies', join(work, 'policies'), '--out', out, '--now', '2025-04-02'], { cwd: root });
    expect(b.stderr).toBe(`${line}\n`);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('nothing lost on failure', () => {
  it('leaves the previous output exactly as it was when Astro itself fails mid-build', async () => {
    const work = tempDir('redline-astro-fail-');
    const out = join(work, 'dist');
    const good = await run(['build', '--policies', join(fixtures, 'site', 'policies'), '--out', out, '--now', '2024-12-20']);
    expect(good.code).toBe(0);
    const before = snapshot(out);

    // A project of its own (astro.config.mjs with redline(), and a page of its own that throws while
    // Astro renders it): the policies are fine, the failure happens inside Astro's build.
    const project = projectTempDir('astro-fail-');
    mkdirSync(join(project, 'src', 'pages'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
    cpSync(join(root, 'redline.config.ts'), join(project, 'redline.config.ts'));
    writeFileSync(join(project, 'redline.config.ts'), readFileSync(join(root, 'redline.config.ts'), 'utf8').replace("'./src/core/settings.ts'", JSON.stringify(join(root, 'src/core/settings.ts'))));
    writeFileSync(join(project, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nimport { redline } from ${JSON.stringify(join(root, 'src/astro/index.ts'))};\nexport default defineConfig({ integrations: [redline({ prefix: '/legal' })], site: 'https://example.org/' });\n`);
    writeFileSync(join(project, 'src', 'content.config.ts'), `import { defineCollection } from 'astro:content';\nimport { redlineLoader } from ${JSON.stringify(join(root, 'src/astro/index.ts'))};\nexport const collections = { redline: defineCollection({ loader: redlineLoader() }) };\n`);
    writeFileSync(join(project, 'src', 'pages', 'broken.astro'), `---\nthrow new Error('this page is broken');\n---\n`);
    const r = await run(['build', '--policies', join(fixtures, 'site', 'policies'), '--out', out, '--now', '2024-12-20'], { cwd: project });
    expect(r.stderr).toMatch(/^warning: .*redline\.lock: not found — .*\nAstro could not build the site: this page is broken — .*dist is left as it was; set REDLINE_DEBUG=1 for details\n$/);
    expect(r.code).toBe(1);
    expect(snapshot(out)).toEqual(before);
    expect(listFiles(work).filter((f) => /(^|\/)\.dist\./.test(f))).toEqual([]);
  });
});

describe('the raw-HTML policy is the same in check and build', () => {
  it('refuses a script tag with an error in both (not sanitised)', async () => {
    const work = tempDir('redline-html-');
    cpSync(join(fixtures, 'site', 'policies'), join(work, 'policies'), { recursive: true });
    rmSync(join(work, 'policies/redline.lock'), { force: true });
    writeFileSync(join(work, 'policies/terms/2023-05-01.md'), '---\ntitle: Terms\n---\n\nText.\n\n<div><script src="/x.js"></script></div>\n');
    const line = 'policies/terms/2023-05-01.md:7: raw HTML <script> is not allowed — policies may not embed scripts, frames, forms or styles; write the text in Markdown';
    const c = await run(['check', '--now', '2024-12-20'], { cwd: work });
    expect(c.stderr.split('\n')).toContain(line);
    expect(c.code).toBe(1);
    const b = await run(['build', '--now', '2024-12-20', '--out', 'dist'], { cwd: work });
    expect(b.stderr).toBe(`${line}\n`);
    expect(b.code).toBe(1);
  });
});
