/**
 * The synthetic corpus: N policies × M revisions of about 3,000 words each,
 * every revision a set of realistic edits to the one before (changed words
 * and phrases, a renamed term, inserted and deleted paragraphs and sections,
 * moved sections, list and table edits). Deterministic: the same options give
 * byte-identical files on every machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './random.ts';
import { addDays, type CalendarDate } from '../src/core/dates.ts';
import {
  ADJECTIVES, CONDITIONS, CONNECTORS, MODALS, NOUNS, PERIODS, PURPOSES, SECTION_TITLES, SUBJECTS,
  SUBSECTION_TITLES, TABLE_HEADERS, TERMS, VERBS,
} from './words.ts';

export interface CorpusOptions {
  /** Number of policies (folders). */
  policies: number;
  /** Total number of revisions, spread as evenly as possible over the policies. */
  revisions: number;
  /** Words per revision to aim for (bodies stay within about ±15% of it, mean within 3%). */
  words?: number;
  seed?: string;
  /** Effective date of every policy's first revision. */
  start?: CalendarDate;
}

export interface GeneratedRevision {
  policy: string;
  effective: CalendarDate;
  /** The whole file: front matter and body. */
  text: string;
  words: number;
}

interface ListBlock {
  kind: 'ul' | 'ol';
  items: string[];
}

type Block =
  | { kind: 'p'; sentences: string[] }
  | ListBlock
  | { kind: 'table'; header: readonly string[]; rows: string[][] }
  | { kind: 'h3'; title: string };

interface Section {
  title: string;
  blocks: Block[];
}

interface Doc {
  intro: Block[];
  sections: Section[];
}

const POLICY_NAMES: readonly (readonly [string, string])[] = [
  ['privacy', 'Privacy Policy'],
  ['terms', 'Terms of Service'],
  ['cookies', 'Cookie Policy'],
  ['acceptable-use', 'Acceptable Use Policy'],
  ['data-processing', 'Data Processing Agreement'],
  ['refunds', 'Refund Policy'],
  ['security', 'Security Policy'],
  ['community', 'Community Guidelines'],
  ['copyright', 'Copyright Policy'],
  ['subprocessors', 'Subprocessor Policy'],
  ['marketplace', 'Marketplace Terms'],
  ['api-terms', 'API Terms'],
];

/** The id and title of the i-th policy (0-based). */
export function policyName(i: number): [string, string] {
  const base = POLICY_NAMES[i % POLICY_NAMES.length]!;
  const round = Math.floor(i / POLICY_NAMES.length);
  return round === 0 ? [base[0], base[1]] : [`${base[0]}-${round + 1}`, `${base[1]} (${round + 1})`];
}

/** How many revisions each policy gets: `total` spread evenly, the first policies taking the remainder. */
export function revisionsPerPolicy(policies: number, total: number): number[] {
  if (policies < 1 || total < policies) throw new Error(`need at least one revision per policy (${policies} policies, ${total} revisions)`);
  const each = Math.floor(total / policies);
  return Array.from({ length: policies }, (_, i) => each + (i < total % policies ? 1 : 0));
}

/**
 * Generates the corpus revision by revision, policy by policy, without
 * holding more than one document per policy in memory.
 */
export function* generateCorpus(o: CorpusOptions): Generator<GeneratedRevision> {
  const words = o.words ?? 3000;
  const seed = o.seed ?? 'redline';
  const counts = revisionsPerPolicy(o.policies, o.revisions);
  for (let p = 0; p < o.policies; p++) {
    const [id, title] = policyName(p);
    const rnd = new Random(`${seed}/${id}`);
    const doc = newDoc(rnd, words);
    let effective = addDays(o.start ?? '2001-01-01', p);
    let previous = '';
    for (let r = 0; r < counts[p]!; r++) {
      let summary: string | undefined;
      let editorial = false;
      let body: string;
      if (r === 0) body = render(doc);
      else {
        const log: EditLog[] = [];
        // Edits can cancel out (a swap back, a clause replaced by itself): edit until the text differs.
        do {
          log.push(...edit(rnd, doc, words));
          body = render(doc);
        } while (body === previous);
        summary = describe(log);
        editorial = log.every((e) => e.kind === 'word') && rnd.chance(0.6);
        effective = addDays(effective, rnd.int(1, 9));
      }
      previous = body;
      const published = r > 0 && rnd.chance(0.3) ? addDays(effective, -rnd.int(1, 30)) : undefined;
      const front = [
        '---',
        `title: ${title}`,
        ...(summary ? [`summary: ${JSON.stringify(summary)}`] : []),
        ...(published ? [`published: ${published}`] : []),
        ...(editorial ? ['change: editorial'] : []),
        '---',
        '',
        '',
      ];
      yield { policy: id, effective, text: front.join('\n') + body, words: countWords(body) };
    }
  }
}

export interface WrittenCorpus {
  dir: string;
  policies: number;
  revisions: number;
  /** Mean words per revision body. */
  meanWords: number;
  /** The newest effective date: build "as of" it and every revision is visible. */
  newest: CalendarDate;
  bytes: number;
}

/** Writes the corpus to `dir/<policy>/<YYYY-MM-DD>.md`. */
export function writeCorpus(dir: string, o: CorpusOptions): WrittenCorpus {
  let revisions = 0;
  let words = 0;
  let bytes = 0;
  let newest = '0000-01-01';
  const made = new Set<string>();
  for (const rev of generateCorpus(o)) {
    const folder = join(dir, rev.policy);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(folder, `${rev.effective}.md`), rev.text);
    revisions++;
    words += rev.words;
    bytes += Buffer.byteLength(rev.text);
    if (rev.effective > newest) newest = rev.effective;
  }
  return { dir, policies: made.size, revisions, meanWords: Math.round(words / revisions), newest, bytes };
}

/** Words as a reader counts them: runs of letters or digits. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

// ---------------------------------------------------------------------------
// Text

function sentence(rnd: Random): string {
  const subject = rnd.pick(SUBJECTS);
  const modal = rnd.pick(MODALS);
  const shape = rnd.int(0, 4);
  const object = `${rnd.pick(ADJECTIVES)} ${rnd.pick(NOUNS)}`;
  switch (shape) {
    case 0:
      return `${subject} ${modal} ${rnd.pick(VERBS)} ${object} ${rnd.pick(PURPOSES)}, ${rnd.pick(CONDITIONS)}.`;
    case 1:
      return `${rnd.pick(CONNECTORS)} ${lower(subject)} ${modal} ${rnd.pick(VERBS)} ${object} ${rnd.pick(CONDITIONS)}.`;
    case 2:
      return `${subject} ${modal} ${rnd.pick(VERBS)} ${object} and ${rnd.pick(ADJECTIVES)} ${rnd.pick(NOUNS)} ${rnd.pick(PURPOSES)}.`;
    case 3:
      return `When ${lower(rnd.pick(SUBJECTS))} ${rnd.pick(VERBS)} ${object}, ${lower(subject)} ${modal} ${rnd.pick(VERBS)} them ${rnd.pick(CONDITIONS)}.`;
    default:
      return `This section applies to ${object} that ${lower(rnd.pick(SUBJECTS))} ${rnd.pick(VERBS)} ${rnd.pick(PURPOSES)}.`;
  }
}

/** A subject or title in the middle of a sentence. */
function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function paragraph(rnd: Random): Block {
  return { kind: 'p', sentences: Array.from({ length: rnd.int(2, 6) }, () => sentence(rnd)) };
}

function listBlock(rnd: Random): Block {
  return { kind: rnd.chance(0.5) ? 'ul' : 'ol', items: Array.from({ length: rnd.int(3, 7) }, () => listItem(rnd)) };
}

function listItem(rnd: Random): string {
  return rnd.chance(0.5) ? sentence(rnd) : `${cap(rnd.pick(ADJECTIVES))} ${rnd.pick(NOUNS)} ${rnd.pick(PURPOSES)}`;
}

function tableBlock(rnd: Random): Block {
  const header = rnd.pick(TABLE_HEADERS);
  return { kind: 'table', header, rows: Array.from({ length: rnd.int(3, 6) }, () => tableRow(rnd)) };
}

function tableRow(rnd: Random): string[] {
  return [cap(`${rnd.pick(ADJECTIVES)} ${rnd.pick(NOUNS)}`), cap(rnd.pick(PURPOSES)), rnd.pick(PERIODS)];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function newBlock(rnd: Random): Block {
  const k = rnd.weighted({ p: 7, list: 2, table: 1 });
  return k === 'p' ? paragraph(rnd) : k === 'list' ? listBlock(rnd) : tableBlock(rnd);
}

function newSection(rnd: Random, doc: Doc): Section | undefined {
  const used = new Set(doc.sections.map((s) => s.title));
  const free = SECTION_TITLES.filter((t) => !used.has(t));
  if (free.length === 0) return undefined;
  const title = rnd.pick(free);
  const blocks: Block[] = [paragraph(rnd)];
  const n = rnd.int(0, 2);
  for (let i = 0; i < n; i++) blocks.push(newBlock(rnd));
  if (rnd.chance(0.25)) blocks.push({ kind: 'h3', title: `${rnd.pick(SUBSECTION_TITLES)}: ${lower(title)}` }, paragraph(rnd));
  return { title, blocks };
}

function newDoc(rnd: Random, words: number): Doc {
  const doc: Doc = { intro: [paragraph(rnd)], sections: [] };
  while (docWords(doc) < words) {
    const s = newSection(rnd, doc);
    if (!s) {
      // Every title is taken: lengthen a section instead.
      rnd.pick(doc.sections).blocks.push(paragraph(rnd));
      continue;
    }
    doc.sections.push(s);
  }
  return doc;
}

// ---------------------------------------------------------------------------
// Markdown

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
      return b.sentences.join(' ');
    case 'ul':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'ol':
      return b.items.map((i, n) => `${n + 1}. ${i}`).join('\n');
    case 'table':
      return [`| ${b.header.join(' | ')} |`, `| ${b.header.map(() => '---').join(' | ')} |`, ...b.rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
    case 'h3':
      return `### ${b.title}`;
  }
}

export function render(doc: Doc): string {
  const parts = doc.intro.map(renderBlock);
  for (const s of doc.sections) parts.push(`## ${s.title}`, ...s.blocks.map(renderBlock));
  return parts.join('\n\n') + '\n';
}

function docWords(doc: Doc): number {
  return countWords(render(doc));
}

// ---------------------------------------------------------------------------
// Edits

type EditKind =
  | 'word' | 'phrase' | 'term' | 'insert-paragraph' | 'delete-paragraph' | 'insert-section' | 'delete-section'
  | 'move-section' | 'list' | 'table';

interface EditLog {
  kind: EditKind;
  section: string | undefined;
}

/** Applies a revision's worth of edits to `doc` and says what changed. */
function edit(rnd: Random, doc: Doc, target: number): EditLog[] {
  const log: EditLog[] = [];
  // Most revisions change a little; a few change a lot.
  const n = rnd.weighted({ one: 4, few: 4, many: 2 });
  const count = n === 'one' ? 1 : n === 'few' ? rnd.int(2, 5) : rnd.int(6, 14);
  let words = docWords(doc);
  for (let i = 0; i < count; i++) {
    // Recounted after every few edits: a long revision could otherwise drift far from the target.
    if (i > 0 && i % 3 === 0) words = docWords(doc);
    const grow = words < target * 0.97 ? 4 : words > target * 1.03 ? 0.1 : 1;
    const shrink = words > target * 1.03 ? 4 : words < target * 0.97 ? 0.1 : 1;
    const kind = rnd.weighted<EditKind>({
      word: 10,
      phrase: 6,
      term: 0.3,
      'insert-paragraph': 2.5 * grow,
      'delete-paragraph': 2 * shrink,
      'insert-section': 0.5 * grow,
      'delete-section': 0.4 * shrink,
      'move-section': 0.5,
      list: 2,
      table: 1,
    });
    const done = apply(rnd, doc, kind);
    if (done) log.push(done);
  }
  if (log.length === 0) log.push(apply(rnd, doc, 'phrase') ?? { kind: 'phrase', section: undefined });
  return log;
}

function apply(rnd: Random, doc: Doc, kind: EditKind): EditLog | undefined {
  const si = rnd.index(doc.sections.length);
  const section = doc.sections[si]!;
  const at = (k: EditKind): EditLog => ({ kind: k, section: section.title });
  switch (kind) {
    case 'word': {
      const p = pickBlock(rnd, section, 'p');
      if (!p) return undefined;
      const i = rnd.index(p.sentences.length);
      p.sentences[i] = changeWord(rnd, p.sentences[i]!);
      return at(kind);
    }
    case 'phrase': {
      const p = pickBlock(rnd, section, 'p');
      if (!p) return undefined;
      const i = rnd.index(p.sentences.length);
      const s = p.sentences[i]!;
      // Swap one clause for another, or rewrite the sentence.
      const from = [...PURPOSES, ...CONDITIONS].find((c) => s.includes(c));
      p.sentences[i] = from && rnd.chance(0.7) ? s.replace(from, rnd.pick(from.startsWith('to ') || from.startsWith('for ') ? PURPOSES : CONDITIONS)) : sentence(rnd);
      return at(kind);
    }
    case 'term': {
      const [a, b] = rnd.pick(TERMS);
      const [from, to] = rnd.chance(0.5) ? [a, b] : [b, a];
      let hit = false;
      const swap = (t: string) => {
        if (!t.includes(from)) return t;
        hit = true;
        return t.split(from).join(to);
      };
      for (const blocks of [doc.intro, ...doc.sections.map((s) => s.blocks)]) {
        for (const b of blocks) {
          if (b.kind === 'p') b.sentences = b.sentences.map(swap);
          else if (b.kind === 'ul' || b.kind === 'ol') b.items = b.items.map(swap);
          else if (b.kind === 'table') b.rows = b.rows.map((r) => r.map(swap));
        }
      }
      return hit ? { kind, section: undefined } : undefined;
    }
    case 'insert-paragraph':
      section.blocks.splice(rnd.int(1, section.blocks.length), 0, paragraph(rnd));
      return at(kind);
    case 'delete-paragraph': {
      const candidates = section.blocks.map((b, i) => (b.kind === 'p' && i > 0 ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) return undefined;
      const i = rnd.pick(candidates);
      // Never leave a subsection heading without text.
      if (section.blocks[i - 1]?.kind === 'h3' && section.blocks[i + 1]?.kind !== 'p') return undefined;
      section.blocks.splice(i, 1);
      return at(kind);
    }
    case 'insert-section': {
      const s = newSection(rnd, doc);
      if (!s) return undefined;
      doc.sections.splice(rnd.int(0, doc.sections.length), 0, s);
      return { kind, section: s.title };
    }
    case 'delete-section':
      if (doc.sections.length <= 8) return undefined;
      doc.sections.splice(si, 1);
      return at(kind);
    case 'move-section': {
      if (doc.sections.length < 3) return undefined;
      doc.sections.splice(si, 1);
      let to = rnd.int(0, doc.sections.length);
      if (to === si) to = (to + 1) % (doc.sections.length + 1);
      doc.sections.splice(to, 0, section);
      return at(kind);
    }
    case 'list': {
      const lists = section.blocks.filter((b): b is ListBlock => b.kind === 'ul' || b.kind === 'ol');
      const l = lists.length > 0 ? rnd.pick(lists) : undefined;
      if (!l) {
        section.blocks.splice(rnd.int(1, section.blocks.length), 0, listBlock(rnd));
        return at(kind);
      }
      const op = rnd.weighted({ add: 3, remove: 2, change: 4, swap: 1 });
      const i = rnd.index(l.items.length);
      if (op === 'add') l.items.splice(rnd.int(0, l.items.length), 0, listItem(rnd));
      else if (op === 'remove' && l.items.length > 2) l.items.splice(i, 1);
      else if (op === 'swap' && l.items.length > 1) {
        const j = (i + 1) % l.items.length;
        [l.items[i], l.items[j]] = [l.items[j]!, l.items[i]!];
      } else l.items[i] = changeWord(rnd, l.items[i]!);
      return at(kind);
    }
    case 'table': {
      const t = pickBlock(rnd, section, 'table');
      if (!t) {
        section.blocks.splice(rnd.int(1, section.blocks.length), 0, tableBlock(rnd));
        return at(kind);
      }
      const op = rnd.weighted({ add: 3, remove: 2, cell: 5 });
      const i = rnd.index(t.rows.length);
      if (op === 'add') t.rows.splice(rnd.int(0, t.rows.length), 0, tableRow(rnd));
      else if (op === 'remove' && t.rows.length > 1) t.rows.splice(i, 1);
      else {
        const row = t.rows[i]!;
        const c = rnd.index(row.length);
        row[c] = c === 2 ? rnd.pick(PERIODS) : changeWord(rnd, row[c]!);
      }
      return at(kind);
    }
  }
}

function pickBlock<K extends 'p' | 'table'>(rnd: Random, s: Section, kind: K): Extract<Block, { kind: K }> | undefined {
  const found = s.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);
  return found.length > 0 ? rnd.pick(found) : undefined;
}

/** Replaces, inserts or deletes one word of a sentence, keeping its first word and final punctuation. */
function changeWord(rnd: Random, s: string): string {
  const words = s.split(' ');
  if (words.length < 3) return `${s} ${rnd.pick(NOUNS)}`;
  const i = rnd.int(1, words.length - 2);
  const pool = rnd.pick([ADJECTIVES, NOUNS, VERBS]);
  const op = rnd.weighted({ replace: 6, insert: 2, delete: 2 });
  if (op === 'replace') words[i] = rnd.pick(pool);
  else if (op === 'insert') words.splice(i, 0, rnd.pick(ADJECTIVES));
  else words.splice(i, 1);
  return words.join(' ');
}

const VERB_OF: Record<EditKind, string> = {
  word: 'clarifies the wording of',
  phrase: 'rewrites a sentence in',
  term: 'renames a term throughout',
  'insert-paragraph': 'adds a paragraph to',
  'delete-paragraph': 'removes a paragraph from',
  'insert-section': 'adds the section',
  'delete-section': 'removes the section',
  'move-section': 'moves the section',
  list: 'updates a list in',
  table: 'updates a table in',
};

function describe(log: readonly EditLog[]): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const e of log) {
    const text = e.section ? `${VERB_OF[e.kind]} “${e.section}”` : `${VERB_OF[e.kind]} the policy`;
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(text);
    if (parts.length === 3) break;
  }
  const more = log.length > parts.length ? `, with ${log.length - parts.length} more ${log.length - parts.length === 1 ? 'edit' : 'edits'}` : '';
  return cap(parts.join('; ')) + more + '.';
}
