import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.ts';

/** A revision's text: front matter from `fields` (in order), then the body. */
export function revision(fields: Record<string, string>, body = '\nText.\n'): string {
  return `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}`;
}

/**
 * A fresh project folder holding `policies/` with the given files
 * ({ 'privacy/2024-01-01.md': '...' }); returns the project folder, so that
 * commands run from it name files as `policies/privacy/...`.
 */
export function project(files: Record<string, string | Buffer>): string {
  const root = tempDir('redline-project-');
  const dir = join(root, 'policies');
  mkdirSync(dir, { recursive: true });
  write(root, files);
  return root;
}

/** Writes more files into a project's policies folder. */
export function write(root: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, 'policies', name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
}
