/**
 * Reads a policy's translation files (`<YYYY-MM-DD>.<lang>.md`, beside the
 * revisions they translate), once each, with the rules of a revision file
 * (src/core/revisions.ts, readRevision) and those of a translation
 * (src/core/translations.ts). Its pin is matched against the revisions and
 * the lock later, in src/node/inspect.ts.
 */
import { join } from 'node:path';
import { readRegularFile } from './files.ts';
import { RedlineError } from '../core/errors.ts';
import { splitFrontMatter } from '../core/frontmatter.ts';
import { dateRangeHint, inDateRange, isCalendarDate } from '../core/dates.ts';
import { sha256 as sha256Of } from '../core/hash.ts';
import { MAX_REVISION_BYTES, readRevision, type Revision } from '../core/revisions.ts';
import { translationName, type Translation } from '../core/translations.ts';
import type { Artifacts } from './artifacts.ts';
import { displayPath } from './policies.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** The translations among a policy folder's file names. */
export function isTranslationFile(name: string): boolean {
  return translationName(name) !== undefined;
}

export function readTranslations(folder: string, id: string, names: readonly string[], revisions: readonly Revision[], artifacts: Artifacts, problems: RedlineError[], hashes: Map<string, string>): Translation[] {
  const out: Translation[] = [];
  const byDate = new Map(revisions.map((r) => [r.effective, r]));
  for (const name of names) {
    const parsed = translationName(name)!;
    const path = join(folder, name);
    const file = displayPath(path);
    if (!isCalendarDate(parsed.date)) {
      problems.push(new RedlineError({ file, message: `"${parsed.date}" is not a real calendar date`, hint: 'name a translation after the revision it translates, such as 2025-04-01.ja.md' }));
      continue;
    }
    if (!inDateRange(parsed.date)) {
      problems.push(new RedlineError({ file, message: `effective date ${parsed.date} (the file name) is outside the dates Redline handles`, hint: `${dateRangeHint(parsed.date)}, and rename the file` }));
      continue;
    }
    // As a revision is read (src/node/policies.ts): opened without blocking and checked on the descriptor, never past the size limit.
    const found = readRegularFile(path, MAX_REVISION_BYTES);
    if (found.kind === 'too-large') {
      problems.push(new RedlineError({ file, message: `is ${(found.size / 1048576).toFixed(1)} MB, more than the ${MAX_REVISION_BYTES / 1048576} MB a revision may hold`, hint: 'check that this is the policy text' }));
      continue;
    }
    if (found.kind !== 'file') {
      problems.push(new RedlineError({ file, message: found.kind === 'missing' ? 'disappeared while it was being read' : found.kind === 'folder' ? 'is a folder inside a policy' : 'is not a regular file (a pipe, socket or device)', hint: found.kind === 'missing' ? 'run the command again' : 'a translation is a Markdown file: replace it with the file itself' }));
      continue;
    }
    const bytes = found.bytes;
    const before = problems.length;
    const read = readRevision({ bytes, policy: id, effective: parsed.date, file, path }, (body) => artifacts.problems(body), problems, { translation: true });
    hashes.set(`${id}/${name}`, read?.revision.sha256 ?? sha256Of(bytes));
    if (!read) continue;
    const { data, keyLines } = splitFrontMatter(read.text, file);
    // The hash as written (YAML would read one of digits only as a number).
    const line = keyLines.translates ? read.text.split('\n')[keyLines.translates - 1] : undefined;
    const raw = line ? /^translates:\s*(["']?)([0-9a-f]{64})\1\s*(?:#.*)?$/.exec(line)?.[2] : undefined;
    const pin = raw ?? data.translates;
    if (pin === undefined || pin === null) {
      problems.push(new RedlineError({ file, line: 2, message: 'does not say which text it translates', hint: `add "translates: <the SHA-256 of ${parsed.date}.md>" to the front matter; npm run redline -- translate ${id} ${parsed.lang} writes it` }));
      continue;
    }
    if (typeof pin !== 'string' || !HEX64.test(pin.trim())) {
      problems.push(new RedlineError({ file, line: keyLines.translates, message: `translates "${String(pin)}" is not a SHA-256 hash`, hint: 'write the 64 lower-case hexadecimal digits of the SHA-256 of the revision file it translates' }));
      continue;
    }
    const source = byDate.get(parsed.date);
    const own = read.revision.published !== parsed.date || data.published !== undefined ? read.revision.published : undefined;
    // Published on its own day, or with its revision if that is announced later.
    const published = source && (own === undefined || own < source.published) ? source.published : (own ?? read.revision.published);
    if (problems.length > before && problems.slice(before).some((p) => p.severity === 'error')) continue;
    artifacts.putText(read.revision.sha256, read.text);
    out.push({ ...read.revision, change: source?.change ?? 'material', published, lang: parsed.lang, pin: pin.trim(), pinLine: keyLines.translates ?? 2, own });
  }
  return out;
}
