import { parseDocument, isMap, LineCounter } from 'yaml';
import { RedlineError } from './errors.ts';

export interface SplitFile {
  /** Parsed front matter (plain values; dates stay strings). */
  data: Record<string, unknown>;
  /** 1-based line of each top-level key, for messages. */
  keyLines: Record<string, number>;
  /** The Markdown after the closing `---` line, byte for byte. */
  body: string;
  /** 1-based line on which the body starts in the file. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

/**
 * Splits a revision into front matter and body. The YAML is read with the
 * core schema, so `2024-04-01` stays the string it was written as and never
 * becomes a `Date` at UTC midnight.
 */
export function splitFrontMatter(text: string, file: string): SplitFile {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) {
    throw new RedlineError({
      file,
      line: 1,
      message: 'has no front matter',
      hint: 'start the file with a "---" line, then "title: ...", then another "---" line',
    });
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (FENCE.test(lines[i]!)) {
      close = i;
      break;
    }
  }
  if (close < 0) {
    throw new RedlineError({ file, line: 1, message: 'front matter is never closed', hint: 'end the front matter with a line holding only "---"' });
  }
  const yamlText = lines.slice(1, close).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { schema: 'core', lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  // A warning (an unknown tag such as "!foo") is an error too: other YAML readers refuse what this one only warns about.
  const err = doc.errors[0] ?? doc.warnings[0];
  if (err) {
    const at = err.linePos?.[0]?.line ?? lineCounter.linePos(err.pos[0]).line;
    const line = 2 + at - 1;
    const key = /^\s*([^:#]+?)\s*:/.exec(yamlText.split('\n')[at - 1] ?? '')?.[1];
    const what = err.code === 'DUPLICATE_KEY' ? (key ? `front matter has the key "${key}" twice` : 'front matter has a key twice') : 'front matter is not valid YAML';
    throw new RedlineError({ file, line, message: `${what} (${firstLine(err.message)})`, hint: 'write one "key: value" per line; quote values that contain ": " or start with a special character' });
  }
  const keyLines: Record<string, number> = {};
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new RedlineError({ file, line: 2, message: 'front matter is not a list of "key: value" lines', hint: 'write one "key: value" per line, such as title: Privacy Policy' });
  }
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      const offset = (item.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
      if (item.key !== null && typeof item.key === 'object' && !('value' in item.key && (typeof item.key.value === 'string' || typeof item.key.value === 'number' || typeof item.key.value === 'boolean'))) {
        throw new RedlineError({ file, line: 1 + lineCounter.linePos(offset).line, message: 'front matter has a key that is not a word', hint: 'write one "key: value" per line, such as title: Privacy Policy' });
      }
      const key = String((item.key as { value?: unknown } | null)?.value ?? item.key);
      keyLines[key] = 1 + lineCounter.linePos(offset).line;
    }
  }
  let data: Record<string, unknown>;
  try {
    // Anchors and aliases have no use in front matter; a few are read, a flood (a "billion laughs") is refused.
    data = (doc.toJS({ maxAliasCount: 20 }) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new RedlineError({ file, line: 2, message: `front matter could not be read (${firstLine((e as Error).message)})`, hint: 'write plain "key: value" lines, without YAML anchors (&) and aliases (*)' });
  }
  const body = lines.slice(close + 1).join('\n');
  return { data, keyLines, body, bodyLine: close + 2 };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
