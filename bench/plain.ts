/**
 * The floor Redline is measured against: a plain Astro project, generated into
 * a temporary folder, that builds the same Markdown files into one page each
 * and nothing else. It uses this repository's installed Astro (its
 * node_modules is linked in) with Astro's defaults: the glob loader, eager
 * rendering in the content layer, Astro's default Markdown processor.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Writes the plain project into `dir` (emptied first), reading the policies from `policies`. */
export function writePlainProject(dir: string, policies: string, repoRoot: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src', 'pages'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'plain-astro-baseline', private: true, type: 'module' }, null, 2) + '\n');
  // Its own cache folder, so that a plain build never reads Redline's or a previous run's.
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\n\nexport default defineConfig({ cacheDir: './.cache', devToolbar: { enabled: false } });\n`,
  );
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    [
      `import { defineCollection } from 'astro:content';`,
      `import { glob } from 'astro/loaders';`,
      ``,
      `export const collections = {`,
      `  docs: defineCollection({`,
      `    loader: glob({ pattern: '*/*.md', base: ${JSON.stringify(pathToFileURL(resolve(policies) + '/').href)} }),`,
      `  }),`,
      `};`,
      ``,
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'src', 'pages', '[...id].astro'),
    [
      `---`,
      `import { getCollection, render } from 'astro:content';`,
      ``,
      `export async function getStaticPaths() {`,
      `  const docs = await getCollection('docs');`,
      `  return docs.map((doc) => ({ params: { id: doc.id }, props: { doc } }));`,
      `}`,
      `const { doc } = Astro.props;`,
      `const { Content } = await render(doc);`,
      `---`,
      `<!doctype html>`,
      `<html lang="en">`,
      `  <head><meta charset="utf-8" /><title>{String(doc.data.title ?? doc.id)}</title></head>`,
      `  <body><main><Content /></main></body>`,
      `</html>`,
      ``,
    ].join('\n'),
  );
}

/** The command that builds the plain project in `dir` into `out`. */
export function plainBuildCommand(dir: string, out: string, repoRoot: string): { cmd: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv } {
  return {
    cmd: process.execPath,
    args: [join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', dir, '--outDir', out, '--silent'],
    cwd: dir,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  };
}
