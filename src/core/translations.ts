/**
 * Translations: what they are, every rule on them, and which text a page in
 * a language shows. Pure; the node layer reads the files (src/node/policies.ts).
 *
 * A policy's revisions (`<policy>/<YYYY-MM-DD>.md`) are written in its
 * controlling language, whose text prevails. A translation of a revision into
 * another of the site's languages sits beside it, named after the revision
 * and the language: `privacy/2025-04-01.ja.md`. Its front matter has its own
 * `title` and `summary` (in its language), and `translates`: the SHA-256 of
 * the revision file it was translated from (the pin; `redline translate`
 * writes it). The pin may be any hash in the revision's correction chain (as
 * recorded in the lock), so correcting a typo in the source does not orphan
 * its translations. `published` (optional) is the day the translation is
 * published, when that is after the revision's announcement: a translation of
 * a published revision may come later, and its lock line then records its
 * own day.
 *
 * A translation whose pin is its revision's text is current. One pinned to an
 * earlier revision of the policy (a translation carried forward, not yet
 * updated) is outdated. A pin that is no revision of the policy, or a later
 * one, is an error.
 */
import { RedlineError } from './errors.ts';
import { daysBetween, type CalendarDate } from './dates.ts';
import { currentHash, type Lock } from './lock.ts';
import type { Policy, Revision } from './revisions.ts';
import type { PolicyView, RevisionView, SiteModel } from './site.ts';
import type { SiteSettings } from './settings.ts';
import { stringsFor } from './i18n/strings.ts';

/** A translation file: the revision it belongs to, its language, and a revision's every field for its own text. */
export interface Translation extends Revision {
  /** BCP 47, as in the file name. */
  lang: string;
  /** The SHA-256 the front matter names (`translates`). */
  pin: string;
  /** The line of `translates` in the file. */
  pinLine: number;
  /** The `published` of the front matter, if any (Revision.published is the day it is published: this, or the revision's announcement if later). */
  own: CalendarDate | undefined;
  /** The effective date of the revision whose text the pin is (set once the lock is read: `matchPins`). */
  translates?: CalendarDate;
  /** The pin is a text of its revision the lock recorded, which the file no longer is (an unannounced revision edited since): outdated. */
  stale?: boolean;
}

export const TRANSLATION_KEYS = ['title', 'summary', 'translates', 'published'] as const;

const TRANSLATION_NAME = /^(\d{4}-\d{2}-\d{2})\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;

/** `2025-04-01.ja.md` → its revision's date and its language. */
export function translationName(name: string): { date: CalendarDate; lang: string } | undefined {
  const m = TRANSLATION_NAME.exec(name);
  return m ? { date: m[1]!, lang: m[2]! } : undefined;
}

/** The key of a translation in the lock and in the loader's hashes: `privacy/2025-04-01.ja.md`. */
export function translationKey(t: Pick<Translation, 'policy' | 'effective' | 'lang'>): string {
  return `${t.policy}/${t.effective}.${t.lang}.md`;
}

/** Whether a path in the lock names a translation. */
export function isTranslationPath(path: string): boolean {
  return translationName(path.slice(path.indexOf('/') + 1)) !== undefined;
}

/**
 * The pin as a translation file's front matter writes it (`translates:`,
 * quotes left out), or undefined. A correction of a translation keeps it: a
 * typo fixed in a translation does not change which text it translates
 * (src/core/lock.ts, correctionProblems; redline correct).
 */
export function pinWritten(text: string): string | undefined {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line === '---') return undefined;
    const m = /^translates:\s*(["']?)(.*?)\1\s*(?:#.*)?$/.exec(line);
    if (m) return m[2];
  }
  return undefined;
}

/** The site's languages, the default first. */
export function siteLanguages(settings: Pick<SiteSettings, 'lang' | 'languages'>): string[] {
  const all = settings.languages ?? [settings.lang];
  return [settings.lang, ...all.filter((l) => l !== settings.lang)];
}

/** A policy's controlling language: its setting, else the site's default. */
export function controllingLanguage(settings: Pick<SiteSettings, 'lang' | 'policies'>, policy: string): string {
  return settings.policies?.[policy]?.controllingLanguage ?? settings.lang;
}

/** The languages a policy is published in: its controlling language, those its settings list, and those it has a translation in, in the site's order. */
export function policyLanguages(settings: Pick<SiteSettings, 'lang' | 'languages' | 'policies'>, policy: Pick<Policy, 'id' | 'translations'>): string[] {
  const want = new Set([controllingLanguage(settings, policy.id), ...(settings.policies?.[policy.id]?.languages ?? []), ...(policy.translations ?? []).map((t) => t.lang)]);
  return siteLanguages(settings).filter((l) => want.has(l));
}

/** The notice on a translation in `lang` of a policy controlled in `controlling`: the settings' text, else the default, with {language} filled in. */
export function translationNotice(settings: Pick<SiteSettings, 'translationNotice' | 'policies'>, policy: string, lang: string, controlling: string): string {
  const t = stringsFor(lang);
  const text = settings.policies?.[policy]?.translationNotice?.[lang] ?? settings.translationNotice?.[lang] ?? t.translation.notice;
  return text.replaceAll('{language}', t.languageName(controlling));
}

/** The hashes a revision's text has had, as far as the lock proves: its own, and (when the file is what the lock says it is now) every hash its corrections replaced. */
export function hashChain(rev: Revision, lock: Lock | undefined): Set<string> {
  const chain = new Set([rev.sha256]);
  const entry = lock?.get(`${rev.policy}/${rev.effective}.md`);
  if (entry && currentHash(entry) === rev.sha256) {
    chain.add(entry.sha256);
    for (const c of entry.corrections) chain.add(c.was).add(c.sha256);
  }
  return chain;
}

/**
 * Every rule across a policy's translations, once its revisions and the lock
 * are read: each translation belongs to a revision of the policy, in one of
 * the site's languages other than the controlling one, and its pin is a text
 * of this revision (current) or of an earlier one (outdated): `translates` is
 * set to that revision's date. Translations with an error are left out of the
 * result; every problem goes into `problems`.
 */
export function matchPins(policy: Policy, translations: Translation[], settings: Pick<SiteSettings, 'lang' | 'languages' | 'policies'>, lock: Lock | undefined, problems: RedlineError[]): Translation[] {
  const languages = siteLanguages(settings);
  const controlling = controllingLanguage(settings, policy.id);
  const byDate = new Map(policy.revisions.map((r) => [r.effective, r]));
  const chains = policy.revisions.map((r) => ({ rev: r, chain: hashChain(r, lock) }));
  const ok: Translation[] = [];
  for (const t of translations) {
    const source = byDate.get(t.effective);
    const fail = (message: string, hint: string, line?: number) => problems.push(new RedlineError({ file: t.file, line, message, hint }));
    if (!languages.includes(t.lang)) {
      fail(`is in "${t.lang}", which is not one of the site's languages (${languages.join(', ')})`, `add "${t.lang}" to "languages" in the settings, or rename the file after one of them`);
      continue;
    }
    if (t.lang === controlling) {
      fail(`is in ${t.lang}, the controlling language of ${policy.id}: its revisions are written in it`, `a translation is in another language; controlling languages are set in the settings (policies.${policy.id}.controllingLanguage)`);
      continue;
    }
    const sourceFile = t.file.replace(/\.[^.]+\.md$/, '.md');
    if (!source) {
      // A revision the lock records that is gone: the lock says so (src/core/lock.ts), once.
      if (lock?.has(`${policy.id}/${t.effective}.md`)) continue;
      fail(`translates ${sourceFile}, which is not a revision of ${policy.id}`, 'name a translation after the revision it translates, such as 2025-04-01.ja.md beside 2025-04-01.md');
      continue;
    }
    const found = chains.find((c) => c.chain.has(t.pin));
    // A text of its own revision that the lock recorded, before the file changed: the translation is behind it.
    const recorded = lock?.get(`${policy.id}/${t.effective}.md`);
    if (!found && recorded && (recorded.sha256 === t.pin || recorded.corrections.some((c) => c.sha256 === t.pin || c.was === t.pin))) {
      t.translates = t.effective;
      t.stale = true;
      ok.push(t);
      continue;
    }
    if (!found) {
      fail(
        `pins SHA-256 ${t.pin.slice(0, 12)}…, which is no version of ${sourceFile} (SHA-256 ${source.sha256.slice(0, 12)}…) nor of any other revision of ${policy.id}`,
        `translate what changed, then set "translates: ${source.sha256}" (npm run redline -- translate ${policy.id} ${t.lang} --effective ${t.effective} shows the text)`,
        t.pinLine,
      );
      continue;
    }
    if (found.rev.effective > t.effective) {
      fail(`pins ${found.rev.file}, a later revision than the one it is named after (${sourceFile})`, `rename it ${found.rev.effective}.${t.lang}.md, or pin ${sourceFile} (SHA-256 ${source.sha256})`, t.pinLine);
      continue;
    }
    t.translates = found.rev.effective;
    ok.push(t);
  }
  return ok;
}

export type TranslationStatus = 'current' | 'outdated' | 'missing';

/** The translation of a revision into a language, and whether it is current: undefined when there is none. */
export function statusOf(t: Translation | undefined): TranslationStatus {
  return !t ? 'missing' : t.translates === t.effective && !t.stale ? 'current' : 'outdated';
}


/**
 * What `check` (and a build) warns about: in each language a policy is
 * published in, the revision in force, and each revision taking effect within
 * `leadDays`, with no translation, or an outdated one. Warnings only: a
 * revision takes effect on its day whatever its translations.
 */
export function translationWarnings(
  policy: Policy,
  translations: readonly Translation[],
  settings: Pick<SiteSettings, 'lang' | 'languages' | 'policies' | 'translationLeadDays'>,
  today: CalendarDate,
  displayOf: (path: string) => string,
  /** Whether a file is in the folder (by its path in it): a translation with an error is reported for it, not as missing. */
  exists: (path: string) => boolean = () => false,
): RedlineError[] {
  const out: RedlineError[] = [];
  const controlling = controllingLanguage(settings, policy.id);
  const lead = settings.translationLeadDays ?? 14;
  const inForce = [...policy.revisions].reverse().find((r) => r.effective <= today && r.published <= today);
  const soon = policy.revisions.filter((r) => r.effective > today && daysBetween(today, r.effective) <= lead);
  const en = stringsFor('en');
  for (const lang of policyLanguages(settings, { id: policy.id, translations: [...translations] })) {
    if (lang === controlling) continue;
    for (const rev of [...(inForce ? [inForce] : []), ...soon]) {
      const t = translations.find((x) => x.lang === lang && x.effective === rev.effective);
      const when = rev === inForce ? 'the revision in force' : `takes effect on ${rev.effective} (in ${daysBetween(today, rev.effective)} ${daysBetween(today, rev.effective) === 1 ? 'day' : 'days'})`;
      const name = `${en.languageName(lang)} (${lang})`;
      if (!t) {
        if (exists(`${policy.id}/${rev.effective}.${lang}.md`)) continue;
        out.push(new RedlineError({ file: rev.file, severity: 'warning', message: `${rev === inForce ? 'is the revision in force and ' : `${when}: it `}has no ${name} translation`, hint: `npm run redline -- translate ${policy.id} ${lang}${rev === inForce ? '' : ` --effective ${rev.effective}`} starts one; until it is published, ${rev === inForce ? paths(lang, policy.id) : `${paths(lang, policy.id)}${rev.effective}/`} says so and links to the ${en.languageName(controlling)} text` }));
      } else if (statusOf(t) === 'outdated') {
        // A published revision whose file changed is the lock's error (src/core/lock.ts), not its translation's.
        if (t.stale && rev.published <= today) continue;
        out.push(new RedlineError({ file: t.file, line: t.pinLine, severity: 'warning', message: t.stale ? `is outdated: it translates ${displayOf(`${policy.id}/${rev.effective}.md`)} as the lock recorded it, not as it is now (${when})` : `is outdated: it translates ${policy.id}/${t.translates}.md, not ${displayOf(`${policy.id}/${rev.effective}.md`)}, ${when}`, hint: `translate what changed since (npm run redline -- diff ${displayOf(`${policy.id}/${t.translates}.md`)} ${displayOf(`${policy.id}/${rev.effective}.md`)}), then set "translates: ${rev.sha256}"` }));
      }
    }
  }
  return out;
}

const paths = (lang: string, policy: string) => `/${lang}/${policy}/`;

/** What a page in a language shows of a revision. */
export interface TextIn {
  /** The revision itself (the controlling text), or its translation. */
  rev: Revision;
  translation: Translation | undefined;
  /** current: the text of this revision in the page's language (or the source itself); outdated: a translation of an earlier revision. */
  status: 'source' | 'current' | 'outdated';
}

/**
 * The languages of a site as of a day: which policies are published in which
 * language, and which text a page shows. Translations not published yet
 * (their day, or their revision's announcement, is after `today`) are left
 * out, unless the site is built with drafts.
 */
export class SiteLanguages {
  readonly languages: string[];
  readonly defaultLang: string;
  private readonly byPolicy = new Map<string, Map<string, Translation>>();
  private readonly settings: SiteSettings;
  private readonly published: Map<string, string[]>;

  constructor(settings: SiteSettings, model: SiteModel, translations: readonly Translation[]) {
    this.settings = settings;
    this.languages = siteLanguages(settings);
    this.defaultLang = settings.lang;
    this.published = new Map();
    for (const p of model.policies) {
      const visible = new Set(p.revisions.map((v) => v.revision.effective));
      const map = new Map<string, Translation>();
      for (const t of translations) {
        if (t.policy !== p.id || !visible.has(t.effective)) continue;
        if (t.published > model.today && !model.drafts) continue;
        map.set(`${t.lang}/${t.effective}`, t);
      }
      this.byPolicy.set(p.id, map);
      this.published.set(p.id, policyLanguages(settings, { id: p.id, translations: [...map.values()] }));
    }
  }

  controlling(policy: string): string {
    return controllingLanguage(this.settings, policy);
  }

  /** The languages a policy is published in (its controlling language first among the site's order). */
  languagesOf(policy: string): string[] {
    return this.published.get(policy) ?? [this.controlling(policy)];
  }

  /** Whether a policy has pages in a language. */
  has(policy: string, lang: string): boolean {
    return this.languagesOf(policy).includes(lang);
  }

  translation(policy: string, effective: CalendarDate, lang: string): Translation | undefined {
    return this.byPolicy.get(policy)?.get(`${lang}/${effective}`);
  }

  /** The text of a revision in a language: the revision itself in its controlling language, else its translation (undefined: none yet). */
  text(policy: string, rev: Revision, lang: string): TextIn | undefined {
    if (lang === this.controlling(policy)) return { rev, translation: undefined, status: 'source' };
    const t = this.translation(policy, rev.effective, lang);
    if (!t) return undefined;
    return { rev: t, translation: t, status: statusOf(t) === 'current' ? 'current' : 'outdated' };
  }

  /** Whether the version in force (else the first upcoming one) of a policy has a current text in a language. */
  mainStatus(policy: PolicyView, lang: string): TranslationStatus {
    if (lang === this.controlling(policy.id)) return 'current';
    return statusOf(this.translation(policy.id, policy.main.revision.effective, lang));
  }

  /** A policy's title in a language: its text in force (or first upcoming), else its latest translation's, else its own. */
  titleOf(policy: PolicyView, lang: string): string {
    const text = this.text(policy.id, policy.main.revision, lang);
    if (text && text.status !== 'outdated') return text.rev.title;
    return this.translationsOf(policy.id, lang).at(-1)?.title ?? policy.title;
  }

  /** Every translation of a policy shown in a language, oldest first. */
  translationsOf(policy: string, lang: string): Translation[] {
    return [...(this.byPolicy.get(policy)?.values() ?? [])].filter((t) => t.lang === lang).sort((a, b) => (a.effective < b.effective ? -1 : 1));
  }

  /** The notice a translated page carries. */
  notice(policy: string, lang: string): string {
    return translationNotice(this.settings, policy, lang, this.controlling(policy));
  }

  /** Path of a page in a language: the default language at the root, the others under /<lang>/. */
  path(lang: string, path: string): string {
    return lang === this.defaultLang ? path : `/${lang}${path}`;
  }
}

/** `RevisionView`s of a policy with the text each shows in a language (for lists such as the history). */
export function viewsIn(languages: SiteLanguages, policy: PolicyView, lang: string): Array<{ view: RevisionView; text: TextIn | undefined }> {
  return policy.revisions.map((view) => ({ view, text: languages.text(policy.id, view.revision, lang) }));
}
