/**
 * `/<policy>/calendar.ics`: one all-day event on each revision's effective
 * date, past and upcoming, so that people see coming changes in their
 * calendar. Written by hand to RFC 5545: CRLF line endings, lines folded at
 * 75 octets (never inside a UTF-8 character), TEXT values escaped, stable
 * UIDs, and a DTSTAMP taken from the revision (its announcement), never from
 * the clock, so that the same input gives the same bytes.
 */
import type { SiteSettings } from './settings.ts';
import type { PolicyView } from './site.ts';
import type { Revision } from './revisions.ts';
import { absolute, paths } from './urls.ts';
import { addDays, formatDate, startOfDay, type CalendarDate } from './dates.ts';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line (RFC 5545 §3.1): no line longer than 75 octets, each
 * continuation starting with one space, never splitting a UTF-8 character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** `2024-04-01` → `20240401` (a DATE value). */
function dateValue(date: CalendarDate): string {
  return date.replace(/-/g, '');
}

/** A UTC DATE-TIME value: `20240331T150000Z`. */
function utcValue(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** What the event of a revision is called: "Privacy Policy: new version takes effect". */
export function eventSummary(revision: Revision, first: boolean): string {
  const what = first ? `${revision.title} takes effect` : `${revision.title}: new version takes effect`;
  return revision.change === 'editorial' ? `${what} (editorial revision)` : what;
}

/** The calendar of one policy: an all-day event per visible revision, oldest first. */
export function renderCalendar(settings: SiteSettings, policy: PolicyView): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Redline//${escapeText(settings.name)}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(`${policy.title} — ${settings.name}`)}`,
    `X-WR-CALNAME:${escapeText(`${policy.title} — ${settings.name}`)}`,
    `DESCRIPTION:${escapeText(`The days on which each version of the ${policy.title} of ${settings.owner} takes effect.`)}`,
    `X-WR-CALDESC:${escapeText(`The days on which each version of the ${policy.title} of ${settings.owner} takes effect.`)}`,
    `URL;VALUE=URI:${absolute(settings.url, paths.history(policy.id))}`,
    `SOURCE;VALUE=URI:${absolute(settings.url, paths.calendar(policy.id))}`,
    'REFRESH-INTERVAL;VALUE=DURATION:P1D',
    'X-PUBLISHED-TTL:P1D',
  ];
  for (const view of policy.revisions) {
    if (view.draft || view.state === 'scheduled') continue;
    const r = view.revision;
    const first = view.previous === undefined;
    const revisionUrl = absolute(settings.url, paths.revision(policy.id, r.effective));
    const changesUrl = absolute(settings.url, paths.changes(policy.id, r.effective));
    const description = [
      r.summary ?? `The first published version of the ${r.title}.`,
      '',
      r.published < r.effective ? `Announced on ${formatDate(r.published, settings.lang)}.` : undefined,
      r.change === 'editorial' ? 'An editorial revision: its authors mark it as a change of wording or presentation only.' : undefined,
      `Read it: ${revisionUrl}`,
      first ? undefined : `What changed: ${changesUrl}`,
    ].filter((l): l is string => l !== undefined);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${revisionUrl}`,
      `DTSTAMP:${utcValue(startOfDay(r.published, settings.timeZone))}`,
      `DTSTART;VALUE=DATE:${dateValue(r.effective)}`,
      `DTEND;VALUE=DATE:${dateValue(addDays(r.effective, 1))}`,
      `SUMMARY:${escapeText(eventSummary(r, first))}`,
      `DESCRIPTION:${escapeText(description.join('\n'))}`,
      `URL;VALUE=URI:${revisionUrl}`,
      'CLASS:PUBLIC',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
