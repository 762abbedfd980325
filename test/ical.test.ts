// Unit tests of the policy calendars (src/core/ical.ts) by RFC 5545. test/feeds-build.test.ts
// reads the built calendars back with Python's icalendar.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeText, foldLine, renderCalendar } from '../src/core/ical.ts';
import { buildSiteModel } from '../src/core/site.ts';
import type { Revision } from '../src/core/revisions.ts';
import type { SiteSettings } from '../src/core/settings.ts';
import { unfold } from './helpers/feeds.ts';

const settings: SiteSettings = {
  name: 'Example Policies',
  owner: 'Example, Inc.',
  url: 'https://example.org/legal/',
  lang: 'en',
  timeZone: 'America/New_York',
  contact: { name: 'Legal' },
};

function rev(effective: string, o: Partial<Revision> = {}): Revision {
  return {
    policy: 'privacy',
    effective,
    published: o.published ?? effective,
    title: o.title ?? 'Privacy Policy',
    summary: o.summary,
    change: o.change ?? 'material',
    bodyLine: 4,
    bodyStart: 0,
    sha256: '',
    analysis: '',
    visible: '',
    file: '',
    path: '',
  };
}

const LONG = 'We changed the rules; for example, a\\b, "quotes", and naïve café text — with emoji 😀😀😀 — repeated until the line is far longer than seventy-five octets.\nA second line.';

function calendar(today = '2025-01-20'): string {
  const model = buildSiteModel(
    [{
      id: 'privacy',
      revisions: [
        rev('2024-03-10'),
        rev('2024-11-03', { summary: LONG, change: 'editorial' }),
        rev('2025-02-01', { published: '2025-01-10', summary: 'Upcoming, announced.' }),
        rev('2025-06-01', { published: '2025-05-01', summary: 'Scheduled: not announced yet.' }),
      ],
    }],
    today,
  );
  return renderCalendar(settings, model.policies[0]!);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('iCalendar text (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${escapeText(LONG)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    for (const p of parts) expect(p).not.toContain('\uFFFD');
    expect(unfold(folded)).toEqual([line]);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    // Exactly 75 octets stays on one line; 76 folds.
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });
});

describe('a policy calendar', () => {
  const ics = calendar();
  const lines = unfold(ics);

  it('uses CRLF line endings only, with no line over 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const l of ics.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('is one VCALENDAR with its version and product id', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines).toContain('SOURCE;VALUE=URI:https://example.org/legal/privacy/calendar.ics');
  });

  it('has an all-day event on the effective date of each announced revision, past and upcoming, not scheduled', () => {
    const starts = lines.filter((l) => l.startsWith('DTSTART'));
    expect(starts).toEqual(['DTSTART;VALUE=DATE:20240310', 'DTSTART;VALUE=DATE:20241103', 'DTSTART;VALUE=DATE:20250201']);
    expect(lines.filter((l) => l.startsWith('DTEND'))).toEqual(['DTEND;VALUE=DATE:20240311', 'DTEND;VALUE=DATE:20241104', 'DTEND;VALUE=DATE:20250202']);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(3);
    expect(ics).not.toContain('Scheduled');
    expect(calendar('2025-05-01')).toContain('DTSTART;VALUE=DATE:20250601');
  });

  it('gives each event a stable UID and a DTSTAMP from its announcement (local midnight, in UTC), not the clock', () => {
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual([
      'UID:https://example.org/legal/privacy/2024-03-10/',
      'UID:https://example.org/legal/privacy/2024-11-03/',
      'UID:https://example.org/legal/privacy/2025-02-01/',
    ]);
    // New York: 10 March 2024 begins at 05:00 UTC (before the DST change that day), 3 November 2024 at 04:00 UTC.
    expect(lines.filter((l) => l.startsWith('DTSTAMP:'))).toEqual(['DTSTAMP:20240310T050000Z', 'DTSTAMP:20241103T040000Z', 'DTSTAMP:20250110T050000Z']);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2033-03-03T03:03:03Z'));
    expect(calendar()).toBe(ics);
  });

  it('names each event, escapes its text and links to the revision', () => {
    expect(lines).toContain('SUMMARY:Privacy Policy takes effect');
    expect(lines).toContain('SUMMARY:Privacy Policy: new version takes effect (editorial revision)');
    const description = lines.find((l) => l.startsWith('DESCRIPTION:We changed'))!;
    expect(description).toContain('We changed the rules\\; for example\\, a\\\\b\\, "quotes"\\, and naïve café text');
    expect(description).toContain('\\nA second line.\\n\\n');
    expect(description).toContain('What changed: https://example.org/legal/privacy/2024-11-03/changes/');
    expect(lines).toContain('URL;VALUE=URI:https://example.org/legal/privacy/2025-02-01/');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:Upcoming'))).toContain('Announced on 10 January 2025.');
  });
});
