/**
 * What Redline's on-disk caches (under REDLINE_CACHE_DIR: rendered revisions,
 * lint results, diffs) have in common: entries written whole or not at all,
 * and keys that change with the versions of the packages that made them.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Writes a cache entry beside its place and renames it there, so that a
 * concurrent build or worker thread never reads half a file. A cache that
 * cannot be written only costs time: failures are ignored.
 */
export function writeCacheEntry(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.${threadId}.tmp`;
  try {
    try {
      writeFileSync(tmp, data);
    } catch {
      // The entry's folder is made on its first entry only (most writes go to a folder that exists).
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, data);
    }
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

const require = createRequire(import.meta.url);

/** "name@version" for each package, "?" for one that cannot be resolved from here (bundled), for cache keys. */
export function packageVersions(packages: readonly string[]): string {
  return packages
    .map((p) => {
      try {
        return `${p}@${(require(`${p}/package.json`) as { version: string }).version}`;
      } catch {
        return `${p}@?`;
      }
    })
    .join(' ');
}
