/**
 * What Redline's on-disk caches (under REDLINE_CACHE_DIR: rendered revisions,
 * lint results, diffs) have in common: entries written whole or not at all,
 * and keys that change with the versions of the packages that made them.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The version of a package as resolved from here, or undefined (not installed, or this code is bundled). */
export function packageVersion(name: string): string | undefined {
  // Most packages export neither `./package.json` nor a CommonJS entry: find the entry the way an import does, then
  // the package.json of that name above it.
  let dir: string;
  try {
    dir = dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return undefined;
  }
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version;
    } catch {
      // no package.json here: look further up
    }
  }
  return undefined;
}

/** "name@version" for each package, "?" for one that cannot be resolved from here (bundled), for cache keys. */
export function packageVersions(packages: readonly string[]): string {
  return packages.map((p) => `${p}@${packageVersion(p) ?? '?'}`).join(' ');
}

/**
 * Of the cache folders named by `names` in `dir`, those to remove: all but the `kept` most
 * recently used (by their time of change, which a build sets when it uses one), and never one
 * used within `inUseMs`, which a concurrent build may be reading.
 */
export function leastRecentlyUsed(dir: string, names: (name: string) => boolean, kept: number, inUseMs: number, nowMs = Date.now()): string[] {
  let found: string[];
  try {
    found = readdirSync(dir).filter(names);
  } catch {
    return [];
  }
  const entries = found.flatMap((name) => {
    try {
      return [{ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }];
    } catch {
      return []; // removed meanwhile
    }
  });
  entries.sort((a, b) => b.at - a.at);
  return entries
    .slice(kept)
    .filter((e) => nowMs - e.at >= inUseMs)
    .map((e) => e.path);
}
