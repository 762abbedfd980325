/**
 * Memento (RFC 7089): "what did the policy say on this date", in the
 * protocol web archives speak.
 *
 * - The original resource (URI-R) of a policy is its page, `/<policy>/`,
 *   which always shows the version in force.
 * - Its mementos (URI-M) are the permanent addresses of the revisions that
 *   have taken effect, `/<policy>/<date>/`. An upcoming revision is not a
 *   memento yet: it has not been a state of the policy.
 * - A memento's datetime is the moment it took effect: midnight at the start
 *   of its effective date in the site's time zone, written as an HTTP date
 *   (GMT). A revision effective 2024-07-01 in Tokyo has the datetime
 *   "Sun, 30 Jun 2024 15:00:00 GMT". Announcement dates and corrections do
 *   not change it.
 * - The TimeMap, `/<policy>/timemap` (application/link-format), lists them.
 * - A TimeGate answers a request for the original with `Accept-Datetime` by
 *   redirecting (302) to the memento in force at that datetime: the latest
 *   one whose datetime is at or before it, or the first one for a datetime
 *   before the policy existed. `redline preview` is one
 *   (src/node/static-server.ts); docs/how-to/memento.md gives one for hosts
 *   with edge functions. The functions below are what both run.
 */
import { startOfDay, type CalendarDate } from './dates.ts';
import type { SiteSettings } from './settings.ts';
import type { PolicyView, RevisionView, SiteModel } from './site.ts';
import { absolute, paths } from './urls.ts';
import { announced, apiPolicies } from './versions.ts';

export const LINK_FORMAT = 'application/link-format';

/** A memento's datetime: midnight of its effective date in the site's time zone, as an HTTP date. */
export function mementoDatetime(effective: CalendarDate, timeZone: string): string {
  return startOfDay(effective, timeZone).toUTCString();
}

/** The revisions of a policy that are mementos as of the build: announced, and in force or superseded; oldest first. */
export function mementos(policy: PolicyView): RevisionView[] {
  return announced(policy).filter((r) => r.state === 'in-force' || r.state === 'superseded');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * An HTTP date (RFC 7231 IMF-fixdate, the form RFC 7089 requires of
 * Accept-Datetime: "Sun, 30 Jun 2024 15:00:00 GMT") as milliseconds since
 * 1970, or undefined if it is not one.
 */
export function parseHttpDate(value: string): number | undefined {
  const m = HTTP_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, d, mon, y, h, min, s] = m as unknown as [string, string, string, string, string, string, string];
  const t = Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(min), Number(s));
  const back = new Date(t);
  // 31 Feb and 25:00 are not dates.
  if (back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || Number(min) > 59 || Number(s) > 60) return undefined;
  return t;
}

export interface Link {
  href: string;
  rel: string[];
  params: Record<string, string>;
}

/** A link in link-format (RFC 6690) or in a Link header (RFC 8288). */
export function formatLink(link: Link): string {
  const params = Object.entries(link.params).map(([k, v]) => `; ${k}="${v}"`).join('');
  return `<${link.href}>; rel="${link.rel.join(' ')}"${params}`;
}

/** Parses a TimeMap (or a Link header): each link, its relations and its other parameters. */
export function parseLinks(text: string): Link[] {
  const out: Link[] = [];
  const re = /<([^>]*)>((?:\s*;\s*[a-zA-Z0-9!#$&+.^_`|~-]+\s*=\s*(?:"[^"]*"|[^;,\s]*))*)\s*(?:,|$)/g;
  for (const m of text.matchAll(re)) {
    const params: Record<string, string> = {};
    for (const p of m[2]!.matchAll(/;\s*([a-zA-Z0-9!#$&+.^_`|~-]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*))/g)) {
      const key = p[1]!.toLowerCase();
      if (!(key in params)) params[key] = p[2] ?? p[3] ?? '';
    }
    const rel = (params.rel ?? '').split(/\s+/).filter(Boolean);
    delete params.rel;
    out.push({ href: m[1]!, rel, params });
  }
  return out;
}

/** The URLs of one policy that Memento names. */
export function mementoUrls(settings: SiteSettings, policy: string): { original: string; timemap: string } {
  return { original: absolute(settings.url, paths.policy(policy)), timemap: absolute(settings.url, paths.timemap(policy)) };
}

/** The TimeMap of a policy (RFC 7089 section 5): the original, itself, and every memento with its datetime, oldest first. */
export function timeMap(settings: SiteSettings, policy: PolicyView): string {
  const { original, timemap } = mementoUrls(settings, policy.id);
  const list = mementos(policy);
  const dt = (r: RevisionView) => mementoDatetime(r.revision.effective, settings.timeZone);
  const links: Link[] = [{ href: original, rel: ['original'], params: {} }];
  const self: Link = { href: timemap, rel: ['self'], params: { type: LINK_FORMAT } };
  if (list.length > 0) Object.assign(self.params, { from: dt(list[0]!), until: dt(list.at(-1)!) });
  links.push(self);
  list.forEach((r, i) => {
    const rel = [...(i === 0 ? ['first'] : []), ...(i === list.length - 1 ? ['last'] : []), 'memento'];
    links.push({ href: absolute(settings.url, paths.revision(policy.id, r.revision.effective)), rel, params: { datetime: dt(r) } });
  });
  return `${links.map(formatLink).join(',\n')}\n`;
}

/**
 * The memento a TimeGate redirects to for a datetime (milliseconds), from a
 * TimeMap's links: the latest memento whose datetime is at or before it,
 * else the first (the datetime is before the policy existed); undefined when
 * the TimeMap has no memento.
 */
export function selectMemento(links: readonly Link[], at: number): (Link & { time: number }) | undefined {
  const list = links
    .filter((l) => l.rel.includes('memento') && l.params.datetime !== undefined)
    .map((l) => ({ ...l, time: parseHttpDate(l.params.datetime!) ?? NaN }))
    .filter((l) => !Number.isNaN(l.time))
    .sort((a, b) => a.time - b.time);
  let best = list[0];
  for (const l of list) if (l.time <= at) best = l;
  return best;
}

/**
 * The `<link>` elements of Memento for a page's head. They work on any
 * host, including those that send no headers of a site's own:
 * - the policy's page (the original): its TimeMap and its first and last mementos;
 * - a revision's page: its original, the TimeMap, and the first, previous,
 *   next and last mementos (the page itself, when it is one of them).
 */
export function mementoHeadLinks(settings: SiteSettings, policy: PolicyView, view?: RevisionView): Array<{ rel: string; href: string; type?: string }> {
  const { original, timemap } = mementoUrls(settings, policy.id);
  const list = mementos(policy);
  const at = (r: RevisionView) => absolute(settings.url, paths.revision(policy.id, r.revision.effective));
  const out: Array<{ rel: string; href: string; type?: string }> = [];
  if (view) out.push({ rel: 'original', href: original });
  out.push({ rel: 'timemap', href: timemap, type: LINK_FORMAT });
  if (list.length === 0) return out;
  const i = view ? list.indexOf(view) : -1;
  const rels = new Map<RevisionView, string[]>();
  const add = (r: RevisionView | undefined, rel: string) => r && rels.set(r, [...(rels.get(r) ?? []), rel]);
  add(list[0], 'first');
  if (i > 0) add(list[i - 1], 'prev');
  if (i >= 0 && i < list.length - 1) add(list[i + 1], 'next');
  add(list.at(-1), 'last');
  for (const r of list) {
    const rel = rels.get(r);
    if (rel) out.push({ rel: `${rel.join(' ')} memento`, href: at(r) });
  }
  return out;
}

/** A rule of a `_headers` file: a path (with `*` for any characters) and the headers it adds. */
export interface HeaderRule {
  path: string;
  headers: Array<[string, string]>;
}

/**
 * How many rules a `_headers` file may hold: Cloudflare Pages reads at most
 * 100 (Netlify has no such limit). The Memento rules beyond it are left out,
 * oldest first, and named in a comment; the pages' `<link>` elements and the
 * TimeMap still carry everything.
 */
export const MAX_HEADER_RULES = 100;

/**
 * The `_headers` rules of the versions API and Memento, most useful first:
 * CORS for the JSON files and TimeMaps (so that apps in browsers can read
 * them), the TimeMaps' content type, each policy page's TimeMap link, then
 * each memento's Memento-Datetime and links, newest first. Paths are the
 * site's paths without its base path, as hosts read them from the folder
 * they publish.
 */
export function mementoHeaderRules(settings: SiteSettings, model: SiteModel): HeaderRule[] {
  const policies = apiPolicies(model);
  const cors: [string, string] = ['Access-Control-Allow-Origin', '*'];
  const rules: HeaderRule[] = [{ path: paths.policiesJson(), headers: [cors] }];
  for (const p of policies) {
    const { timemap } = mementoUrls(settings, p.id);
    rules.push(
      { path: paths.timemap(p.id), headers: [['Content-Type', LINK_FORMAT], cors] },
      { path: paths.versionsJson(p.id), headers: [cors] },
      { path: paths.policy(p.id), headers: [['Link', formatLink({ href: timemap, rel: ['timemap'], params: { type: LINK_FORMAT } })]] },
    );
  }
  const all = policies.flatMap((p) => mementos(p).map((view) => ({ p, view })));
  // Newest first: the mementos most asked for are the recent ones.
  all.sort((a, b) => (a.view.revision.effective > b.view.revision.effective ? -1 : a.view.revision.effective < b.view.revision.effective ? 1 : a.p.id < b.p.id ? -1 : 1));
  for (const { p, view } of all) {
    const { original, timemap } = mementoUrls(settings, p.id);
    rules.push({
      path: paths.revision(p.id, view.revision.effective),
      headers: [
        ['Memento-Datetime', mementoDatetime(view.revision.effective, settings.timeZone)],
        ['Link', `${formatLink({ href: original, rel: ['original'], params: {} })}, ${formatLink({ href: timemap, rel: ['timemap'], params: { type: LINK_FORMAT } })}`],
      ],
    });
  }
  return rules;
}

/** Rules written as a `_headers` file's lines. */
export function formatHeaderRules(rules: readonly HeaderRule[]): string {
  return rules.map((r) => `${r.path}\n${r.headers.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`).join('');
}

/**
 * Parses a `_headers` file (the format Netlify and Cloudflare Pages read):
 * a path on a line of its own, then its headers, indented, one per line;
 * `#` starts a comment.
 */
export function parseHeaderRules(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let current: HeaderRule | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const i = line.indexOf(':');
      if (current && i > 0) current.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    } else {
      current = { path: line.trim(), headers: [] };
      rules.push(current);
    }
  }
  return rules;
}

/** Whether a rule's path matches a request path: exactly, or with `*` standing for any characters. */
export function ruleMatches(rulePath: string, path: string): boolean {
  if (!rulePath.includes('*')) return rulePath === path;
  const re = new RegExp(`^${rulePath.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(path);
}

/** The headers `_headers` rules give a path: each rule that matches adds its headers; one name given twice is joined with ", ". */
export function headersFor(rules: readonly HeaderRule[], path: string): Map<string, { name: string; value: string }> {
  const out = new Map<string, { name: string; value: string }>();
  for (const rule of rules) {
    if (!ruleMatches(rule.path, path)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const had = out.get(key);
      out.set(key, { name: had?.name ?? name, value: had ? `${had.value}, ${value}` : value });
    }
  }
  return out;
}

/**
 * The whole `_headers` file: the fixed part (src/client/_headers) and the
 * generated rules, as many as fit in MAX_HEADER_RULES with the fixed ones,
 * and a comment naming those left out.
 */
export function headersFile(fixed: string, generated: readonly HeaderRule[]): string {
  const room = Math.max(0, MAX_HEADER_RULES - parseHeaderRules(fixed).length);
  const kept = generated.slice(0, room);
  const left = generated.slice(room);
  const parts = [fixed.replace(/\n*$/, '\n')];
  if (generated.length > 0) {
    parts.push(
      '\n# The versions API and Memento (RFC 7089), generated from the revisions (src/core/memento.ts):\n' +
        '# CORS for the JSON files and TimeMaps, the TimeMaps\' type, and each revision\'s Memento-Datetime and links.\n',
      formatHeaderRules(kept),
    );
  }
  if (left.length > 0) {
    parts.push(
      `# Left out: Cloudflare Pages reads at most ${MAX_HEADER_RULES} rules. The pages of these ${left.length} older revisions carry the same links in their <link> elements, and each policy's TimeMap lists them with their datetimes:\n`,
      ...left.map((r) => `#   ${r.path}\n`),
    );
  }
  return parts.join('');
}
