// Checks every feed and calendar of a built site by the specs, as the tests do, and prints
// one line per document and a total. Usage (on Node 24):
//   npx node test/feeds-check.ts DIR [--site URL] [--compare OTHER_DIR]
// --compare also checks that OTHER_DIR (a second build with the same --now) has byte-identical
// feeds and calendars. Exit code 1 when anything is wrong.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { checkFeed, feedparser, icalendar, unfold } from './helpers/feeds.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { site: { type: 'string' }, compare: { type: 'string' } } });
const dir = positionals[0];
if (!dir || !existsSync(dir)) {
  process.stderr.write('usage: npx node test/feeds-check.ts DIR [--site URL] [--compare OTHER_DIR]\n');
  process.exit(1);
}

const files: string[] = [];
const walk = (d: string) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/^(feed\.xml|atom\.xml|feed\.json|calendar\.ics)$/.test(name)) files.push(relative(dir, p));
  }
};
walk(dir);
files.sort();

// The site's address: from --site, else the self link of the site-wide JSON feed.
const site = values.site ?? String((JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8')) as { feed_url: string }).feed_url).replace(/feed\.json$/, '');
let problems = 0;
const feeds = files.filter((f) => !f.endsWith('.ics'));
const parsed = feedparser(feeds.filter((f) => f.endsWith('.xml')).map((f) => join(dir, f)));
const counts = new Map<string, number>();
for (const f of feeds) {
  const report = checkFeed(join(dir, f), readFileSync(join(dir, f), 'utf8'), `${site}${f}`);
  const p = parsed[join(dir, f)];
  if (p && p.bozo) report.errors.push(`feedparser: ${p.bozoException}`);
  if (p && p.entries.length !== report.entries) report.errors.push(`feedparser read ${p.entries.length} entries`);
  counts.set(f, report.entries);
  problems += report.errors.length;
  process.stdout.write(`${f}: ${report.format}, ${report.entries} entries, ${report.errors.length} errors${p ? `, feedparser bozo=${p.bozo ? 1 : 0}` : ''}\n`);
  for (const e of report.errors) process.stdout.write(`  ${e}\n`);
}
const calendars = files.filter((f) => f.endsWith('.ics'));
const cals = icalendar(calendars.map((f) => join(dir, f)));
for (const f of calendars) {
  const text = readFileSync(join(dir, f), 'utf8');
  const errors = [...cals[join(dir, f)]!.errors];
  if (text.replace(/\r\n/g, '').match(/[\r\n]/)) errors.push('a line ending is not CRLF');
  if (text.split('\r\n').some((l) => Buffer.byteLength(l, 'utf8') > 75)) errors.push('a line is longer than 75 octets');
  const uids = unfold(text).filter((l) => l.startsWith('UID:'));
  if (new Set(uids).size !== uids.length) errors.push('duplicate UID');
  problems += errors.length;
  process.stdout.write(`${f}: iCalendar, ${cals[join(dir, f)]!.events.length} events, ${errors.length} errors\n`);
  for (const e of errors) process.stdout.write(`  ${e}\n`);
}
// The per-policy feeds together hold exactly the site-wide feed's entries.
const perPolicy = [...counts].filter(([f]) => f.endsWith('/feed.json')).reduce((n, [, c]) => n + c, 0);
if (perPolicy !== counts.get('feed.json')) {
  problems++;
  process.stdout.write(`per-policy feeds hold ${perPolicy} entries, the site-wide feed ${counts.get('feed.json')}\n`);
}
if (values.compare) {
  const differ = files.filter((f) => !existsSync(join(values.compare!, f)) || !readFileSync(join(values.compare!, f)).equals(readFileSync(join(dir, f))));
  problems += differ.length;
  process.stdout.write(`compared with ${values.compare}: ${files.length - differ.length} of ${files.length} documents byte-identical\n`);
  for (const f of differ) process.stdout.write(`  differs: ${f}\n`);
}
process.stdout.write(`${feeds.length} feeds (site-wide: ${counts.get('feed.json')} entries) and ${calendars.length} calendars checked: ${problems} problems\n`);
process.exit(problems === 0 ? 0 : 1);
