// Checks for feeds and calendars, shared by test/feeds*.test.ts, test/ical*.test.ts and
// test/feeds-check.ts. They use xmllint (Debian libxml2-utils) for RELAX NG validation and
// Python's feedparser and icalendar (Debian python3-feedparser, python3-icalendar);
// .ci/run installs them.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { xml2js, type ElementCompact } from 'xml-js';
import { root, tempDir } from './cli.ts';

export const ATOM_SCHEMA = join(root, 'test', 'schemas', 'atom.rng');

/** Debian's Python, which has python3-feedparser and python3-icalendar (a pyenv `python3` may not). */
export const PYTHON = process.env.REDLINE_PYTHON || '/usr/bin/python3';

const MISSING = 'install the test tools: apt-get install libxml2-utils python3-feedparser python3-icalendar (see .ci/run)';

/** RFC 3339 date-time (the form Atom and JSON Feed require). */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** RFC 822 date-time as RSS 2.0 requires (with the four-digit year RFC 1123 allows). */
export const RFC822 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2,4} \d{2}:\d{2}(?::\d{2})? (?:UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\d{4})$/;

/** Validates a document against the RELAX NG schema of RFC 4287 with xmllint; returns its errors. */
export function validateAtom(file: string): string[] {
  const r = spawnSync('xmllint', ['--noout', '--relaxng', ATOM_SCHEMA, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint: ${r.error.message} — ${MISSING}`);
  if (r.status === 0) return [];
  return r.stderr.split('\n').filter((l) => l.trim() !== '' && !/ validates$/.test(l));
}

/** Checks that a string is well-formed XML with xmllint; returns its errors. */
export function wellFormedErrors(xml: string): string[] {
  const file = join(tempDir('redline-xml-'), 'doc.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint: ${r.error.message} — ${MISSING}`);
  return r.status === 0 ? [] : r.stderr.split('\n').filter((l) => l.trim() !== '');
}

/** Validates an Atom document given as a string. */
export function validateAtomString(xml: string): string[] {
  const file = join(tempDir('redline-atom-'), 'atom.xml');
  writeFileSync(file, xml);
  return validateAtom(file);
}

export interface ParsedEntry {
  id: string;
  title: string;
  titleType: string;
  link: string;
  summary: string;
  summaryType: string;
  published: string | null;
}

export interface Parsed {
  version: string;
  bozo: boolean;
  bozoException: string | null;
  title: string;
  entries: ParsedEntry[];
}

const FEEDPARSER = `
import json, sys, feedparser
out = {}
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out[path] = {
        'version': d.get('version', ''),
        'bozo': bool(d.bozo),
        'bozoException': repr(d.get('bozo_exception')) if d.bozo else None,
        'title': d.feed.get('title', ''),
        'entries': [{
            'id': e.get('id', ''),
            'title': e.get('title', ''),
            'titleType': e.get('title_detail', {}).get('type', ''),
            'link': e.get('link', ''),
            'summary': e.get('summary', ''),
            'summaryType': e.get('summary_detail', {}).get('type', ''),
            'published': e.get('published'),
        } for e in d.entries],
    }
print(json.dumps(out))
`;

/** Reads feeds with Python's feedparser (a popular feed parser), as a feed reader would. */
export function feedparser(files: string[]): Record<string, Parsed> {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found — ${MISSING}`);
  const r = spawnSync(PYTHON, ['-c', FEEDPARSER, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr} — ${MISSING}`);
  return JSON.parse(r.stdout) as Record<string, Parsed>;
}

const ICALENDAR = `
import json, sys, icalendar
out = {}
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out[path] = {
        'errors': [str(e) for c in cal.walk() for e in getattr(c, 'errors', [])],
        'calendar': {k: str(v) for k, v in cal.items()},
        'events': [{
            'uid': str(ev.get('UID')),
            'summary': str(ev.get('SUMMARY')),
            'description': str(ev.get('DESCRIPTION')),
            'start': ev.decoded('DTSTART').isoformat(),
            'end': ev.decoded('DTEND').isoformat(),
            'stamp': ev.decoded('DTSTAMP').isoformat(),
            'url': str(ev.get('URL')),
        } for ev in cal.walk('VEVENT')],
    }
print(json.dumps(out))
`;

export interface ParsedCalendar {
  errors: string[];
  calendar: Record<string, string>;
  events: { uid: string; summary: string; description: string; start: string; end: string; stamp: string; url: string }[];
}

/** Reads calendars with Python's icalendar. */
export function icalendar(files: string[]): Record<string, ParsedCalendar> {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found — ${MISSING}`);
  const r = spawnSync(PYTHON, ['-c', ICALENDAR, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`icalendar failed: ${r.stderr} — ${MISSING}`);
  return JSON.parse(r.stdout) as Record<string, ParsedCalendar>;
}

/** Parses XML into xml-js's compact form (text in `_text`, CDATA in `_cdata`). */
export function parseXml(xml: string): ElementCompact {
  return xml2js(xml, { compact: true, alwaysArray: ['entry', 'item', 'link', 'atom:link', 'category', 'author'] }) as ElementCompact;
}

/** The text of an element in compact form, whether written as text, CDATA or several CDATA sections. */
export function textOf(el: unknown): string {
  if (el === undefined || el === null) return '';
  if (Array.isArray(el)) return el.map(textOf).join('');
  const e = el as { _text?: string | string[]; _cdata?: string | string[] };
  const parts = [e._text ?? [], e._cdata ?? []].flat();
  return parts.join('');
}

/** Undoes HTML escaping as a feed reader does for `type="html"` text. */
export function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Unfolds iCalendar content lines (RFC 5545 §3.1). */
export function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

export interface FeedReport {
  file: string;
  format: 'rss' | 'atom' | 'json';
  entries: number;
  errors: string[];
}

/**
 * Checks one built feed document by the specs: Atom against RFC 4287's
 * schema with unique ids, RFC 3339 dates and a self link equal to `url`;
 * RSS with RFC 822 dates, unique guids and that self link; JSON Feed 1.1 with
 * every required field. Returns the problems found (none when valid).
 */
export function checkFeed(file: string, text: string, url: string): FeedReport {
  const errors: string[] = [];
  if (file.endsWith('atom.xml')) {
    errors.push(...validateAtom(file));
    const doc = parseXml(text);
    const feed = doc.feed as ElementCompact;
    const entries = (feed.entry ?? []) as ElementCompact[];
    const selfLinks = ((feed.link ?? []) as ElementCompact[]).filter((l) => l._attributes?.rel === 'self');
    if (selfLinks.length !== 1 || selfLinks[0]!._attributes!.href !== url) errors.push(`self link is not exactly ${url}`);
    if (!feed.author && entries.some((e) => !e.author)) errors.push('no author');
    if (!RFC3339.test(textOf(feed.updated))) errors.push(`feed updated "${textOf(feed.updated)}" is not RFC 3339`);
    const ids = new Set<string>();
    for (const e of entries) {
      const id = textOf(e.id);
      if (ids.has(id)) errors.push(`duplicate entry id ${id}`);
      ids.add(id);
      for (const d of ['updated', 'published']) if (e[d] && !RFC3339.test(textOf(e[d]))) errors.push(`${d} "${textOf(e[d])}" is not RFC 3339`);
      if (!((e.link ?? []) as ElementCompact[]).some((l) => !l._attributes?.rel || l._attributes.rel === 'alternate')) errors.push(`entry ${id} has no alternate link`);
    }
    const newest = entries.map((e) => textOf(e.updated)).sort().at(-1);
    if (newest && textOf(feed.updated) !== newest) errors.push(`feed updated ${textOf(feed.updated)} is not the newest entry's ${newest}`);
    return { file, format: 'atom', entries: entries.length, errors };
  }
  if (file.endsWith('.xml')) {
    errors.push(...wellFormedErrors(text));
    const channel = (parseXml(text).rss as ElementCompact).channel as ElementCompact;
    const items = (channel.item ?? []) as ElementCompact[];
    const self = ((channel['atom:link'] ?? []) as ElementCompact[]).filter((l) => l._attributes?.rel === 'self');
    if (self.length !== 1 || self[0]!._attributes!.href !== url) errors.push(`self link is not exactly ${url}`);
    for (const k of ['title', 'link', 'description']) if (textOf(channel[k]) === '') errors.push(`channel has no ${k}`);
    if (!RFC822.test(textOf(channel.lastBuildDate))) errors.push(`lastBuildDate "${textOf(channel.lastBuildDate)}" is not RFC 822`);
    const guids = new Set<string>();
    for (const item of items) {
      const guid = textOf(item.guid);
      if (!guid || guids.has(guid)) errors.push(`missing or duplicate guid ${guid}`);
      guids.add(guid);
      if (!RFC822.test(textOf(item.pubDate))) errors.push(`pubDate "${textOf(item.pubDate)}" is not RFC 822`);
      if (textOf(item.title) === '' && textOf(item.description) === '') errors.push(`item ${guid} has neither title nor description`);
    }
    const newest = items.map((i) => Date.parse(textOf(i.pubDate))).sort((a, b) => b - a)[0];
    if (newest !== undefined && Date.parse(textOf(channel.lastBuildDate)) !== newest) errors.push("lastBuildDate is not the newest item's pubDate");
    return { file, format: 'rss', entries: items.length, errors };
  }
  const json = JSON.parse(text) as Record<string, unknown> & { items?: Record<string, unknown>[] };
  if (json.version !== 'https://jsonfeed.org/version/1.1') errors.push(`version is ${String(json.version)}`);
  if (typeof json.title !== 'string' || json.title === '') errors.push('no title');
  if (!Array.isArray(json.items)) errors.push('no items');
  if (json.feed_url !== url) errors.push(`feed_url is not ${url}`);
  if (typeof json.home_page_url !== 'string') errors.push('no home_page_url');
  const ids = new Set<string>();
  for (const item of json.items ?? []) {
    if (typeof item.id !== 'string' || item.id === '' || ids.has(item.id)) errors.push(`missing or duplicate item id ${String(item.id)}`);
    ids.add(String(item.id));
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') errors.push(`item ${String(item.id)} has no content`);
    for (const d of ['date_published', 'date_modified']) if (item[d] !== undefined && !RFC3339.test(String(item[d]))) errors.push(`${d} is not RFC 3339`);
  }
  return { file, format: 'json', entries: json.items?.length ?? 0, errors };
}
