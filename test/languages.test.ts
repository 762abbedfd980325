// Languages (issue 16): translations pinned to their source, their status on the pages, in the
// feeds and in `check`, the lock, the settings, and `redline translate`. The fixture
// test/fixtures/languages (settings of its own: English and Japanese, cookies controlled in
// Japanese) as of 2025-03-01:
// - terms: 2024-01-01 (ja current), 2024-06-01 (ja current, published later, on 2024-07-15),
//   2025-01-01 in force (no ja: missing), 2025-03-10 upcoming in 9 days (no ja);
// - privacy: 2024-02-01 (ja current), 2025-02-01 in force whose ja pins 2024-02-01 (outdated);
// - cookies: controlled in Japanese, with an English translation.
import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildFixture, fixtures, read, run, tempDir, root } from './helpers/cli.ts';
import { checkFeed, feedparser, parseXml, textOf } from './helpers/feeds.ts';
import { hashChain, matchPins, type Translation } from '../src/core/translations.ts';
import { validateSettings } from '../src/core/settings.ts';
import { sha256 } from '../src/core/hash.ts';
import type { Lock } from '../src/core/lock.ts';
import type { Policy, Revision } from '../src/core/revisions.ts';
import { RedlineError } from '../src/core/errors.ts';
import { addDays, formatDate } from '../src/core/dates.ts';
import { buildSiteModel } from '../src/core/site.ts';
import { SiteLanguages } from '../src/core/translations.ts';
import { localizedEntries } from '../src/core/i18n/feeds.ts';
import { SITE_FEED_MAX_ENTRIES } from '../src/core/feeds.ts';
import { searchablePages } from '../src/node/search-index.ts';
import { matchesGlob } from 'node:path';

const NOW = '2025-03-01';
const FIXTURE = join(fixtures, 'languages');

/** A copy of the fixture (with its settings, pointing at this checkout's src/) to change. */
function copyFixture(): string {
  const dir = tempDir('redline-languages-');
  cpSync(join(FIXTURE, 'policies'), join(dir, 'policies'), { recursive: true });
  writeFileSync(join(dir, 'redline.config.ts'), readFileSync(join(FIXTURE, 'redline.config.ts'), 'utf8').replace("'../../../src/core/settings.ts'", JSON.stringify(join(root, 'src/core/settings.ts'))));
  return dir;
}

describe('check: translations of the revision in force and of upcoming ones', () => {
  it('warns of the outdated and missing translations, lists each translation with its status, and exits 0 (1 with --strict)', async () => {
    const r = await run(['check', '--now', NOW], { cwd: FIXTURE });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 policies, 7 revisions, 5 translations');
    expect(r.stdout).toContain('policies/privacy/2025-02-01.ja.md  Japanese translation: outdated (it translates privacy/2024-02-01.md)');
    expect(r.stdout).toContain('policies/terms/2024-06-01.ja.md  Japanese translation: current');
    expect(r.stdout).toContain('policies/cookies/2024-05-01.en.md  English translation: current');
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^warning: policies\/privacy\/2025-02-01\.ja\.md:4: is outdated: it translates privacy\/2024-02-01\.md, not policies\/privacy\/2025-02-01\.md, the revision in force — .*translates: ab27adb9/);
    expect(warnings[1]).toMatch(/^warning: policies\/terms\/2025-01-01\.md: is the revision in force and has no Japanese \(ja\) translation — npm run redline -- translate terms ja starts one/);
    expect(warnings[2]).toMatch(/^warning: policies\/terms\/2025-03-10\.md: takes effect on 2025-03-10 \(in 9 days\): it has no Japanese \(ja\) translation/);
    expect(r.stderr).toContain('3 problems (0 errors, 3 warnings).');
    expect((await run(['check', '--now', NOW, '--strict'], { cwd: FIXTURE })).code).toBe(1);
  });

  it('says nothing of an upcoming revision further away than translationLeadDays', async () => {
    const r = await run(['check', '--now', '2025-02-21'], { cwd: FIXTURE });
    expect(r.stderr).not.toContain('2025-03-10');
    expect(r.stderr).toContain('policies/terms/2025-01-01.md: is the revision in force and has no Japanese (ja) translation');
  });

  it('a pin that is no text of the policy is an error: check and build fail, naming the file and line', async () => {
    const dir = copyFixture();
    writeFileSync(join(dir, 'policies/terms/2025-01-01.ja.md'), `---\ntitle: 利用規約\ntranslates: ${'0'.repeat(64)}\n---\n\n本文。\n`);
    const c = await run(['check', '--now', NOW], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/^policies\/terms\/2025-01-01\.ja\.md:3: pins SHA-256 000000000000…, which is no version of policies\/terms\/2025-01-01\.md \(SHA-256 a53acdf1c87f…\) nor of any other revision of terms — translate what changed, then set "translates: a53acdf1/m);
    // Not also reported as missing.
    expect(c.stderr).not.toContain('2025-01-01.md: is the revision in force and has no Japanese');
    const b = await run(['build', '--now', NOW, '--out', join(dir, 'dist')], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('policies/terms/2025-01-01.ja.md:3: pins SHA-256 000000000000…');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('refuses a translation into a language the site does not have, into the controlling language, or of no revision', async () => {
    const dir = copyFixture();
    const pin = sha256(readFileSync(join(dir, 'policies/terms/2024-01-01.md')));
    writeFileSync(join(dir, 'policies/terms/2024-01-01.fr.md'), `---\ntitle: Conditions\ntranslates: ${pin}\n---\n\nTexte.\n`);
    writeFileSync(join(dir, 'policies/terms/2024-01-01.en.md'), `---\ntitle: Terms\ntranslates: ${pin}\n---\n\nText.\n`);
    writeFileSync(join(dir, 'policies/terms/2024-02-02.ja.md'), `---\ntitle: 規約\ntranslates: ${pin}\n---\n\n本文。\n`);
    const c = await run(['check', '--now', NOW], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('policies/terms/2024-01-01.fr.md: is in "fr", which is not one of the site\'s languages (en, ja)');
    expect(c.stderr).toContain('policies/terms/2024-01-01.en.md: is in en, the controlling language of terms');
    expect(c.stderr).toContain('policies/terms/2024-02-02.ja.md: translates policies/terms/2024-02-02.md, which is not a revision of terms');
  });

  it('a revision takes effect on its day whatever its translations: the build as of that day succeeds, with warnings', async () => {
    const dir = copyFixture();
    const b = await run(['build', '--now', '2025-03-10', '--out', join(dir, 'dist')], { cwd: dir });
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('warning: policies/terms/2025-03-10.md: is the revision in force and has no Japanese (ja) translation');
    expect(read(join(dir, 'dist'), 'terms/index.html')).toContain('<time datetime="2025-03-10">10 March 2025</time>');
    expect(read(join(dir, 'dist'), 'ja/terms/index.html')).toContain('このポリシーの現行版は、まだ日本語に翻訳されていません。');
  });
});

describe('the lock and translations', () => {
  it('records a translation added to a published revision with its own day, which is no insertion into history', async () => {
    const dir = copyFixture();
    expect((await run(['lock', '--now', NOW], { cwd: dir })).code).toBe(0);
    // A translation of the revision in force, added later: published today.
    const pin = sha256(readFileSync(join(dir, 'policies/terms/2025-01-01.md')));
    writeFileSync(join(dir, 'policies/terms/2025-01-01.ja.md'), `---\ntitle: 利用規約\nsummary: 有料プランは毎年請求します。\ntranslates: ${pin}\npublished: 2025-03-05\n---\n\n## 料金\n\n有料プランの料金は毎年請求します。\n`);
    const c = await run(['check', '--now', '2025-03-05'], { cwd: dir });
    expect(c.code).toBe(0);
    expect(c.stderr).toContain('policies/terms/2025-01-01.ja.md: was published on 2025-03-05 but is not in policies/redline.lock');
    const l = await run(['lock', '--now', '2025-03-05'], { cwd: dir });
    expect(l.code).toBe(0);
    expect(readFileSync(join(dir, 'policies/redline.lock'), 'utf8')).toContain(`terms/2025-01-01.ja.md published 2025-03-05 sha256 ${sha256(readFileSync(join(dir, 'policies/terms/2025-01-01.ja.md')))}`);
    expect((await run(['check', '--now', '2025-03-05'], { cwd: dir })).stderr).not.toContain('2025-01-01.ja.md');
    // Once published, never rewritten.
    writeFileSync(join(dir, 'policies/terms/2025-01-01.ja.md'), readFileSync(join(dir, 'policies/terms/2025-01-01.ja.md'), 'utf8').replace('毎年', '毎月'));
    const broken = await run(['check', '--now', '2025-03-05'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('policies/terms/2025-01-01.ja.md was published on 2025-03-05 and has changed since; published revisions are immutable');
  });

  it('a pin matches any hash of its source\'s correction chain', () => {
    const rev = (text: string): Revision => ({ policy: 'p', effective: '2024-01-01', published: '2024-01-01', title: 'T', summary: undefined, change: 'material', bodyLine: 4, bodyStart: 0, sha256: sha256(text), analysis: 'a', visible: '', file: 'p/2024-01-01.md', path: '/p/2024-01-01.md' });
    const before = sha256('as published');
    const corrected = rev('as corrected');
    const lock: Lock = new Map([['p/2024-01-01.md', { path: 'p/2024-01-01.md', published: '2024-01-01', sha256: before, corrections: [{ date: '2024-02-01', sha256: corrected.sha256, was: before, reason: 'typo', lines: [] }] }]]);
    expect([...hashChain(corrected, lock)].sort()).toEqual([before, corrected.sha256].sort());
    const translation = (pin: string): Translation => ({ ...corrected, lang: 'ja', pin, pinLine: 3, own: undefined, file: 'p/2024-01-01.ja.md' });
    const policy: Policy = { id: 'p', revisions: [corrected] };
    const problems: RedlineError[] = [];
    const settings = { lang: 'en', languages: ['en', 'ja'] };
    expect(matchPins(policy, [translation(before)], settings, lock, problems).map((t) => t.translates)).toEqual(['2024-01-01']);
    expect(matchPins(policy, [translation(corrected.sha256)], settings, lock, problems).map((t) => t.translates)).toEqual(['2024-01-01']);
    expect(problems).toEqual([]);
    // Without the lock's record, the hash before the correction proves nothing.
    expect(matchPins(policy, [translation(before)], settings, undefined, problems)).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^pins SHA-256 /)]);
  });
});

describe('translations and the integrity checks (lock format 2, corrections checked again, regular files only)', () => {
  const JA = 'policies/terms/2024-01-01.ja.md';

  it('a translation\'s lock line edited by hand is caught as a revision\'s is: its day, and correction blocks written by hand', async () => {
    const dir = copyFixture();
    const lockFile = join(dir, 'policies/redline.lock');
    const lock = readFileSync(lockFile, 'utf8');
    expect(lock).toContain('\nformat 2\n');
    // Its day moved, the file unchanged: check and build fail, naming the lock's line.
    writeFileSync(lockFile, lock.replace('terms/2024-06-01.ja.md published 2024-07-15', 'terms/2024-06-01.ja.md published 2024-06-20'));
    const c = await run(['check', '--now', NOW], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/^policies\/redline\.lock:\d+: records terms\/2024-06-01\.ja\.md as published on 2024-06-20, but the file, unchanged since, is published on 2024-07-15 \(its own "published", or its revision's announcement if later\): the lock was edited by hand — /m);
    const b = await run(['build', '--now', NOW, '--out', join(dir, 'dist')], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('records terms/2024-06-01.ja.md as published on 2024-06-20');
    expect(existsSync(join(dir, 'dist'))).toBe(false);

    // A correction written by hand under the translation's line, for a word changed in the file.
    const file = join(dir, JA);
    const before = readFileSync(file, 'utf8');
    const lines = before.split('\n');
    const at = lines.findIndex((l) => l.includes('適法な')) + 1;
    const block = (after: string, changed: Array<[string, number, string]>) => {
      writeFileSync(file, after);
      const line = `terms/2024-01-01.ja.md published 2024-01-01 sha256 ${sha256(before)}`;
      writeFileSync(lockFile, lock.replace(line, [line, `  corrected 2025-02-01 sha256 ${sha256(after)} was ${sha256(before)}`, '  reason 誤字の訂正', ...changed.map(([sign, n, text]) => `  ${sign} ${n} ${text}`)].join('\n')));
    };
    // Its lines do not turn the text back into the text as published.
    const fixed = before.replace('適法な', '合法な');
    block(fixed, [['-', at + 1, '本サービスは無料です。'], ['+', at + 1, '本サービスは有料です。']]);
    let r = await run(['check', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^policies\/redline\.lock:\d+: the correction of policies\/terms\/2024-01-01\.ja\.md dated 2025-02-01 does not hold the lines it changed/m);
    // As `correct` would write it: accepted.
    block(fixed, [['-', at, lines[at - 1]!], ['+', at, lines[at - 1]!.replace('適法な', '合法な')]]);
    r = await run(['check', '--now', NOW], { cwd: dir });
    expect(r.stderr).not.toContain('redline.lock:');
    expect(r.code).toBe(0);
    // A "correction" that pins the translation to another text: more than a correction.
    const repinned = before.replace(/^translates: .*$/m, `translates: ${sha256(readFileSync(join(dir, 'policies/terms/2024-06-01.md')))}`);
    const pinAt = lines.findIndex((l) => l.startsWith('translates:')) + 1;
    block(repinned, [['-', pinAt, lines[pinAt - 1]!], ['+', pinAt, repinned.split('\n')[pinAt - 1]!]]);
    r = await run(['check', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the correction of policies\/terms\/2024-01-01\.ja\.md dated 2025-02-01 is more than a correction: it changes which text the translation translates \(translates 9c5095e004b1\w+ → 5d206e26ad5c\w+\)/);
  });

  it('redline correct records the correction of a published translation, by the same rules, and never moves its pin', async () => {
    const dir = copyFixture();
    const file = join(dir, JA);
    const before = readFileSync(file, 'utf8');
    const was = join(dir, 'as-published.md');
    writeFileSync(was, before);
    writeFileSync(file, before.replace(/^translates: .*$/m, `translates: ${'1'.repeat(64)}`));
    const refused = await run(['correct', JA, '--reason', 'pin', '--was', was], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^policies\/terms\/2024-01-01\.ja\.md: a correction may not change which text the translation translates/m);
    writeFileSync(file, before.replace('適法な', '合法な'));
    const ok = await run(['correct', JA, '--reason', '誤字の訂正', '--was', was], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'policies/redline.lock'), 'utf8')).toMatch(new RegExp(`terms/2024-01-01\\.ja\\.md published 2024-01-01 sha256 ${sha256(before)}\\n  corrected \\d{4}-\\d{2}-\\d{2} sha256 ${sha256(readFileSync(file))} was ${sha256(before)}\\n  reason 誤字の訂正\\n`));
    const c = await run(['check'], { cwd: dir });
    expect(c.stderr).not.toMatch(/redline\.lock|2024-01-01\.ja\.md/);
    expect(c.code).toBe(0);
  });

  it('a translation is read as a revision is: a FIFO in its place is refused at once, in one line', async () => {
    const dir = copyFixture();
    rmSync(join(dir, JA));
    execFileSync('mkfifo', [join(dir, JA)]);
    const c = await run(['check', '--now', NOW], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(`${JA}: is not a regular file (a pipe, socket or device) — a translation is a Markdown file: replace it with the file itself`);
  });

  it('the site publishes its translations\' lock lines (/redline.lock), which verify reads; the feeds in Japanese carry the hash of the text they announce', async () => {
    const out = await buildFixture('languages', ['--now', NOW]);
    const published = read(out, 'redline.lock');
    expect(published).toContain('\nformat 2\n');
    expect(published).toContain('terms/2024-06-01.ja.md published 2024-07-15 sha256 702c3c8d92df5be73340bbc4f22c306ac777ef6b29c386637948ea48331b8164');
    expect(published).toContain('cookies/2024-05-01.en.md published 2024-05-01');
    // Not a revision scheduled after the build's day (2025-03-10 is announced on 2025-02-20, so it is there; nothing later is).
    const v = await run(['verify', '--against', out, '--now', NOW], { cwd: FIXTURE });
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/agrees with .*: 12 published revisions/);
    // A Japanese entry announces the translation: its hash, linked to the site's lock, in Japanese; links absolute.
    const json = JSON.parse(read(out, 'ja/terms/feed.json')) as { items: Array<{ id: string; content_html: string }> };
    const late = json.items.find((i) => i.id === 'https://example.jp/ja/terms/2024-06-01/#translation')!;
    expect(late.content_html).toContain('<p>公表時の本文の SHA-256：<code>702c3c8d92df5be73340bbc4f22c306ac777ef6b29c386637948ea48331b8164</code>（<a href="https://example.jp/redline.lock">サイトのロックファイル</a>）。</p>');
    // The revision in force, not translated when announced: the hash of the English text it links to.
    const untranslated = json.items.find((i) => i.id === 'https://example.jp/ja/terms/2025-01-01/')!;
    expect(untranslated.content_html).toContain('<code>a53acdf1c87ff37a4a4e343bdfb000924074fe9ede979c39645c16f2dfa2ee48</code>');
    for (const item of json.items) expect(item.content_html, item.id).not.toMatch(/\s(?:href|src)="(?!https:\/\/|mailto:)/);
  });
});

describe('feeds in another language', () => {
  it('the site-wide feeds keep the newest 50 entries in each language, a translation added later among them; a policy\'s own keep every one', () => {
    const rev = (policy: string, effective: string, o: Partial<Revision> = {}): Revision => ({ policy, effective, published: o.published ?? effective, title: o.title ?? 'Privacy Policy', summary: o.summary, change: 'material', bodyLine: 4, bodyStart: 0, sha256: '', analysis: '', visible: '', file: `${policy}/${effective}.md`, path: `/x/${policy}/${effective}.md` });
    const days = (n: number, from: string) => Array.from({ length: n }, (_, k) => addDays(from, k * 7));
    const privacy = days(40, '2020-01-01').map((d, k) => rev('privacy', d, k ? { summary: `Change ${k}.` } : {}));
    const terms = days(30, '2020-01-02').map((d, k) => rev('terms', d, { title: 'Terms of Service', ...(k ? { summary: `Change ${k}.` } : {}) }));
    const ja = (r: Revision, published = r.published): Translation => ({ ...r, file: r.file.replace(/\.md$/, '.ja.md'), title: `${r.title}（日本語）`, published, lang: 'ja', pin: r.sha256, pinLine: 3, own: published === r.published ? undefined : published, translates: r.effective });
    // Every privacy revision translated with its announcement; the third terms revision translated only now, long after.
    const translations = [...privacy.map((r) => ja(r)), ja(terms[2]!, '2025-12-01')];
    const settings = { ...validateSettings({ name: 'P', owner: 'O', url: 'https://example.jp/', lang: 'en', languages: ['en', 'ja'], timeZone: 'Asia/Tokyo', contact: { name: 'C' } }) };
    const model = buildSiteModel([{ id: 'privacy', revisions: privacy }, { id: 'terms', revisions: terms }], '2026-01-01');
    const languages = new SiteLanguages(settings, model, translations);
    const site = localizedEntries(model, languages, 'ja', undefined);
    expect(SITE_FEED_MAX_ENTRIES).toBe(50);
    expect(site).toHaveLength(50);
    // The newest first: the translation added on 2025-12-01, then the 49 newest announcements of both policies.
    expect(site[0]!.entry.kind).toBe('translation');
    expect(site[0]!.entry.revision.effective).toBe(terms[2]!.effective);
    const announced = [...privacy, ...terms].map((r) => r.published).sort().reverse();
    expect(site.slice(1).map((e) => e.entry.revision.published)).toEqual(announced.slice(0, 49));
    // Only the entries shown ask for their changes: a revision after its policy's first, with its Japanese text published with it.
    expect(site.filter((e) => e.showsChanges).every((e) => e.entry.policy === 'privacy' && e.view.previous !== undefined)).toBe(true);
    expect(localizedEntries(model, languages, 'ja', 'privacy')).toHaveLength(40);
    expect(localizedEntries(model, languages, 'ja', 'terms')).toHaveLength(31);
  });
});

describe('settings', () => {
  const base = { name: 'S', owner: 'O', url: 'https://example.com/', lang: 'en', timeZone: 'UTC', contact: { name: 'C' } };
  it('check the languages, the controlling languages and the notices, naming the setting', () => {
    expect(validateSettings({ ...base }).languages).toEqual(['en']);
    expect(() => validateSettings({ ...base, languages: ['ja'] })).toThrow('"languages" does not include the default language "en"');
    expect(() => validateSettings({ ...base, languages: ['en', 'ja', 'ja'] })).toThrow('names a language twice');
    expect(() => validateSettings({ ...base, languages: ['en', 'jp_JP'] })).toThrow('"jp_JP" in "languages" is not a language tag');
    expect(() => validateSettings({ ...base, languages: ['en', 'ja'], policies: { privacy: { controllingLanguage: 'fr' } } })).toThrow('policies.privacy.controllingLanguage: "fr" is not one of the site\'s languages (en, ja)');
    expect(() => validateSettings({ ...base, languages: ['en', 'ja'], translationNotice: { ja: '' } })).toThrow('translationNotice.ja must be text');
    expect(() => validateSettings({ ...base, translationLeadDays: -1 })).toThrow('"translationLeadDays" must be a whole number of days');
  });
});

describe('redline translate', () => {
  it('starts the translation of the revision in force from the latest translation, pinned, with placeholders check refuses, and shows what changed in the source', async () => {
    const dir = copyFixture();
    const r = await run(['translate', 'terms', 'ja', '--now', NOW], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Started from policies/terms/2024-06-01.ja.md.');
    expect(r.stdout).toContain('Paid plans are billed [-monthly-]{+yearly+}.');
    const text = readFileSync(join(dir, 'policies/terms/2025-01-01.ja.md'), 'utf8');
    expect(text).toContain(`translates: ${sha256(readFileSync(join(dir, 'policies/terms/2025-01-01.md')))}\npublished: ${NOW}\n`);
    expect(text).toContain('有料プランの料金は毎月請求します。');
    const c = await run(['check', '--now', NOW], { cwd: dir });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('policies/terms/2025-01-01.ja.md:2: title is still a placeholder');
    expect(c.stderr).toContain('the text still holds a "TODO:" placeholder');
    // Never overwrites; refuses the controlling language and a language the site does not have.
    expect((await run(['translate', 'terms', 'ja', '--now', NOW], { cwd: dir })).stderr).toMatch(/2025-01-01\.ja\.md: already exists/);
    expect((await run(['translate', 'terms', 'en', '--now', NOW], { cwd: dir })).stderr).toContain('en is the controlling language of terms');
    expect((await run(['translate', 'terms', 'fr', '--now', NOW], { cwd: dir })).stderr).toContain('"fr" is not one of the site\'s languages (en, ja)');
  });
});

describe('the site in two languages (the fixture, as of 2025-03-01)', () => {
  let out: string;
  beforeAll(async () => {
    out = await buildFixture('languages', ['--now', NOW]);
  });
  const page = (p: string) => read(out, p);
  const hreflangs = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);

  it('writes each page in its language, with <html lang>, Japanese dates and strings', () => {
    const ja = page('ja/terms/2024-01-01/index.html');
    expect(ja).toMatch(/^<!DOCTYPE html><html lang="ja">/);
    expect(ja).toContain('<h1 data-redline-title>利用規約</h1>');
    expect(ja).toContain('<time datetime="2024-01-01">2024年1月1日</time>施行');
    expect(ja).toContain('<a class="skip" href="#main">本文へ移動</a>');
    expect(page('terms/2024-01-01/index.html')).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(page('ja/index.html')).toContain('<a href="/ja/terms/">利用規約</a>');
    expect(page('ja/404.html')).toContain('<h1>ページが見つかりません</h1>');
    // The site's one 404 page speaks both languages.
    expect(page('404.html')).toMatch(/<section lang="ja" aria-labelledby="not-found-ja"> <h2 id="not-found-ja">ページが見つかりません<\/h2>/);
  });

  it('says on every translated page which text prevails, in the settings\' words', () => {
    expect(page('ja/terms/2024-01-01/index.html')).toContain('この翻訳は参考のために提供するものです。英語版と内容に相違がある場合は、英語版が優先します。 <a href="/terms/2024-01-01/" hreflang="en">英語の原文を読む</a>');
    // cookies is controlled in Japanese: its English pages are the translation.
    expect(page('cookies/index.html')).toContain('This translation is provided for reference. If it differs from the Japanese version, the Japanese version prevails.');
    expect(page('ja/cookies/index.html')).not.toContain('notice translation');
  });

  it('/ja/terms/: the revision in force has no translation yet: a Japanese page that says so and leads to the controlling text, and to the earlier translation', () => {
    const html = page('ja/terms/index.html');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('このポリシーの現行版は、まだ日本語に翻訳されていません。適用されるのは英語の原文です。');
    expect(html).toContain('<a href="/terms/2025-01-01/" hreflang="en">英語の原文を読む</a>');
    expect(html).toContain('<a href="/ja/terms/2024-06-01/">利用規約（2024年6月1日施行版の翻訳）</a>');
    expect(html).not.toContain('data-pagefind-body');
  });

  it('a translation left behind by a newer revision says so on top, with the date of the version in force and a link to the controlling text', () => {
    const html = page('ja/terms/2024-06-01/index.html');
    expect(html).toContain('<strong>この翻訳は最新ではありません。</strong><time datetime="2025-01-01">2025年1月1日</time>から施行されている現行版は、まだ日本語に翻訳されていません。<a href="/terms/2025-01-01/" hreflang="en">英語の原文を読む</a>');
  });

  it('/ja/privacy/: a translation pinned to an earlier revision is never shown as in force; its own page says what it translates', () => {
    expect(page('ja/privacy/index.html')).toContain('このポリシーの現行版は、まだ日本語に翻訳されていません。');
    expect(page('ja/privacy/index.html')).toContain('<a href="/ja/privacy/2025-02-01/">プライバシーポリシー（2024年2月1日施行版の翻訳）</a>');
    expect(page('ja/privacy/2025-02-01/index.html')).toContain('<strong>この翻訳は最新ではありません。</strong><time datetime="2024-02-01">2024年2月1日</time>施行版を翻訳したもので、<time datetime="2025-02-01">2025年2月1日</time>施行版での変更は反映されていません。');
  });

  it('hreflang alternates only between real texts; the switcher leads to the same revision in the other language', () => {
    expect(hreflangs(page('terms/2024-01-01/index.html'))).toEqual(['en https://example.jp/terms/2024-01-01/', 'ja https://example.jp/ja/terms/2024-01-01/', 'x-default https://example.jp/terms/2024-01-01/']);
    expect(hreflangs(page('terms/2025-01-01/index.html'))).toEqual([]);
    expect(page('terms/2025-01-01/index.html')).toContain('<li class="lang-switch"><a href="/ja/terms/2025-01-01/" hreflang="ja" lang="ja">');
    expect(page('ja/terms/2024-06-01/index.html')).toContain('<li class="lang-switch"><a href="/terms/2024-06-01/" hreflang="en" lang="en">');
    const sitemap = page('sitemap.xml');
    expect(sitemap).toContain('<url><loc>https://example.jp/ja/terms/2024-01-01/</loc><lastmod>2024-01-01</lastmod><xhtml:link rel="alternate" hreflang="en" href="https://example.jp/terms/2024-01-01/"/><xhtml:link rel="alternate" hreflang="ja" href="https://example.jp/ja/terms/2024-01-01/"/></url>');
    expect(sitemap).not.toContain('<loc>https://example.jp/ja/terms/</loc>');
    expect(sitemap).toContain('<url><loc>https://example.jp/terms/</loc><lastmod>2025-01-01</lastmod></url>');
  });

  it('the redline of two translations is marked word by word, in Japanese', () => {
    const html = page('ja/terms/2024-06-01/changes/index.html');
    expect(html).toContain('<h2 id="rl-summary-title" class="rl-narrow-hidden">概要</h2>');
    expect(html).toMatch(/<del>本サービスは無料<\/del><ins>基本プランは無料です。有料プランの料金は毎月請求し<\/ins>|<ins>基本プラン<\/ins>/);
    // A pair one side of which has no translation: said, with the controlling redline.
    expect(page('ja/terms/2025-01-01/changes/index.html')).toContain('2つの版のいずれかが日本語に翻訳されていません。');
  });

  it('the reading layout in Japanese: contents with their count and scroll marks (headings with Japanese ids), the version menu, changes navigation, counts and search words', () => {
    const policy = page('ja/terms/2024-06-01/index.html');
    expect(policy).toContain('<article class="policy rl-reading"');
    const toc = /<nav class="toc" aria-labelledby="rl-toc"[^]*?<\/nav>/.exec(policy)![0].replace(/\s+/g, ' ');
    expect(toc).toContain('<summary><span><span id="rl-toc">目次</span> <span class="rl-fold-count">2節</span></span></summary>');
    // The marks go by each heading's place among the text's headings, so Japanese ids need nothing of their own.
    expect(toc).toContain('<li><a href="#サービスの利用" class="rl-s1"><span class="toc-n">1.</span> サービスの利用</a></li><li><a href="#料金" class="rl-s2"><span class="toc-n">2.</span> 料金</a></li>');
    expect(policy).toContain('<h2 id="サービスの利用">');
    const meta = /<details class="rl-fold doc-meta"[^]*?<\/details>/.exec(policy)![0];
    expect(meta).toContain('<summary>版・原文・印刷</summary>');
    expect(meta).toContain('aria-label="この版"');
    expect(meta).toContain('>前の版（<time datetime="2024-01-01">2024年1月1日</time>）</a>');
    const changes = page('ja/terms/2024-06-01/changes/index.html');
    expect(changes).toContain('<a class="rl-jump" href="#rl-change-1">最初の変更へ移動</a>');
    expect(changes).toContain('<summary>ほかの変更・データ・印刷</summary>');
    expect(changes).toContain('<a href="/ja/terms/2025-01-01/changes/" rel="next">次の変更（<time datetime="2025-01-01">2025年1月1日</time>）</a>');
    expect(changes).toMatch(/<nav class="rl-pager" aria-label="この前後の変更">[^]*最初の版です。これより前の変更はありません[^]*<span class="rl-pager-dir">次の変更 →<\/span> <time datetime="2025-01-01">2025年1月1日<\/time>/);
    expect(changes).toContain('<p class="rl-step" id="rl-change-1"><span class="rl-step-n">変更 1（全1件）</span></p>');
    expect(changes).toContain('<summary><span>11語追加、2語削除 <span class="rl-fold-count">（1節）</span></span></summary>');
    expect(changes).toContain('<details class="rl-same"><summary>変更のないブロック（2）：見出し1、段落1</summary>');
    expect(changes).toContain('<ins class="rl-sample">追加された語句</ins>には下線');
    const history = page('ja/terms/history/index.html');
    expect(history).toContain('<summary>2つの版を比較</summary>');
    expect(history).toContain('<option value="2024-06-01">2024年6月1日</option>');
    expect(history).toContain('<span class="visually-hidden">：2024年6月1日施行版</span></a> <span class="rl-counts">（11語追加、2語削除）</span>');
    // The search page's words for its script, and no English left in what it says.
    const strings = JSON.parse(/data-strings="([^"]*)"/.exec(page('ja/search/index.html'))![1]!.replace(/&quot;/g, '"')) as Record<string, unknown>;
    expect(strings.found).toBe('「{term}」は{policies}（{versions}）で見つかりました。');
    for (const v of Object.values(strings).flat()) expect((v as string).replace(/\{\w+\}/g, '')).not.toMatch(/[A-Za-z]/);
    expect(page('ja/search/index.html')).not.toContain('name="past"');
  });

  it('feeds per language: xml:lang and language, entries in the language, a translation published later as an entry of its own; valid', () => {
    const atom = page('ja/terms/atom.xml');
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">');
    const doc = parseXml(atom) as { feed: { entry: Array<Record<string, unknown>> } };
    const entries = doc.feed.entry.map((e) => ({ id: textOf(e.id), title: textOf(e.title), published: textOf(e.published) }));
    expect(entries.map((e) => e.id)).toEqual([
      'https://example.jp/ja/terms/2025-03-10/',
      'https://example.jp/ja/terms/2025-01-01/',
      'https://example.jp/ja/terms/2024-06-01/#translation',
      'https://example.jp/ja/terms/2024-06-01/',
      'https://example.jp/ja/terms/2024-01-01/',
    ]);
    // Midnight of 2024-07-15 in Tokyo.
    expect(entries[2]!.published).toBe('2024-07-14T15:00:00.000Z');
    expect(entries[2]!.title).toContain('利用規約の日本語訳を公開（2024年6月1日施行版）');
    expect(entries[4]!.title).toBe('利用規約を公開（2024年1月1日施行）');
    // The revision in force, not translated when announced: announced in Japanese, its summary in English (so marked), the English text linked.
    expect(atom).toContain('<p lang="en">Paid plans are billed yearly.</p>');
    expect(atom).toContain('この版の日本語訳はまだありません。<a href="https://example.jp/terms/2025-01-01/">英語の原文を読む</a>（こちらが優先します）。');
    const rss = page('ja/terms/feed.xml');
    expect(rss).toContain('<language>ja</language>');
    expect(JSON.parse(page('ja/feed.json')).language).toBe('ja');
    for (const f of ['ja/terms/atom.xml', 'ja/terms/feed.xml', 'ja/terms/feed.json', 'ja/atom.xml', 'ja/feed.xml', 'ja/feed.json']) {
      expect(checkFeed(join(out, f), page(f), `https://example.jp/${f}`).errors, f).toEqual([]);
    }
    const parsed = feedparser(['ja/terms/atom.xml', 'ja/terms/feed.xml', 'ja/feed.xml'].map((f) => join(out, f)));
    for (const p of Object.values(parsed)) expect(p.bozo, p.bozoException ?? '').toBe(false);
    expect(parsed[join(out, 'ja/terms/feed.xml')]!.entries.map((e) => e.id)).toContain('https://example.jp/ja/terms/2024-06-01/#translation');
  });

  it('search: each piece of the index holds one index per language; the search page of each language names the pieces with its own past or upcoming versions', () => {
    const languagesOf = (piece: string) => Object.keys((JSON.parse(page(`${piece}/pagefind-entry.json`)) as { languages: Record<string, unknown> }).languages).sort();
    // In force: every policy's version in force in English; in Japanese, only cookies' (controlled in Japanese) is a current text.
    expect(languagesOf('pagefind')).toEqual(['en', 'ja']);
    // terms: past and upcoming in English, its two current Japanese translations; privacy: 2024-02-01 in both; cookies has one revision only.
    expect(languagesOf('pagefind/v/terms')).toEqual(['en', 'ja']);
    expect(languagesOf('pagefind/v/privacy')).toEqual(['en', 'ja']);
    expect(existsSync(join(out, 'pagefind/v/cookies'))).toBe(false);
    const form = (p: string) => {
      const html = page(p);
      const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(/<form class="search-form"[^>]*>/.exec(html)![0])?.[1]?.replace(/&quot;/g, '"');
      return { lang: attr('data-lang'), index: attr('data-index'), here: attr('data-here'), versions: JSON.parse(attr('data-versions')!) as Array<{ index: string }> };
    };
    const en = form('search/index.html');
    expect([en.lang, en.index, en.here]).toEqual(['en', '/pagefind/', '/']);
    // Every piece with versions in the page's language is merged in with the first search (every version is searched).
    expect(en.versions.map((v) => v.index).sort()).toEqual(['/pagefind/v/privacy/', '/pagefind/v/terms/']);
    const ja = form('ja/search/index.html');
    expect(ja.lang).toBe('ja');
    expect(ja.index).toBe('/pagefind/');
    expect(ja.here).toBe('/ja/');
    // The upcoming terms revision has no Japanese text, but its past ones have: both pieces hold Japanese pages.
    expect(ja.versions.map((v) => v.index).sort()).toEqual(['/pagefind/v/privacy/', '/pagefind/v/terms/']);
    // Every page marked for search is one the indexer is given, in both languages.
    const marked = ['terms/index.html', 'terms/2024-01-01/index.html', 'ja/terms/2024-01-01/index.html', 'ja/privacy/2024-02-01/index.html', 'ja/cookies/index.html'];
    for (const f of marked) {
      expect(page(f), f).toContain('data-pagefind-body');
      expect(matchesGlob(f, searchablePages(['ja'])), f).toBe(true);
    }
  });

  it('is reproducible: the same input and --now give the same bytes in both languages', async () => {
    const again = tempDir('redline-languages-again-');
    const r = await run(['build', '--policies', join(FIXTURE, 'policies'), '--out', join(again, 'dist'), '--now', NOW], { cwd: FIXTURE });
    expect(r.code).toBe(0);
    for (const f of ['ja/terms/atom.xml', 'ja/terms/feed.xml', 'ja/feed.json', 'ja/terms/index.html', 'ja/terms/2024-06-01/changes/index.html', 'sitemap.xml', 'ja/404.html']) {
      expect(read(join(again, 'dist'), f), f).toBe(page(f));
    }
  });

  it('dates in Japanese are the calendar day, whatever the process\'s time zone', () => {
    expect(formatDate('2025-04-01', 'ja')).toBe('2025年4月1日');
  });
});
