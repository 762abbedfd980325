import { RedlineError } from './errors.ts';
import { isTimeZone } from './dates.ts';
import { isTermsType, TERMS_TYPE_NAMES } from './terms-types.ts';

/** The site's settings, kept in one place: `redline.config.ts`. */
export interface SiteSettings {
  /** Shown in the header, page titles and feeds. */
  name: string;
  /** The organisation that publishes the policies (feed author, footer). */
  owner: string;
  /**
   * Absolute URL Redline's pages are served from, with a trailing slash; may
   * include a sub-path. Inside another Astro site (redline({ prefix })), it is
   * the host's `site` and `base` with the prefix, and need not be set here.
   */
  url: string;
  /**
   * The root of the site Redline is part of, against which authors write
   * root-relative addresses (`/images/chart.png`): the host's `site` and
   * `base` inside another site, else `url`. Set by the integration.
   */
  siteRoot?: string;
  /** BCP 47 language of the policies (`<html lang>`): the site's default language, whose pages are at the root. */
  lang: string;
  /**
   * Every language the site is published in, the default (`lang`) among them
   * (default: `[lang]`). Pages in the others are under `/<language>/`
   * (`/ja/privacy/`); a policy is published in its controlling language and
   * in each language it has a translation in (docs/reference/content-model.md).
   */
  languages?: string[];
  /** Settings of each policy, by its id: its controlling language and its translations. */
  policies?: Record<string, PolicySettings>;
  /**
   * The notice at the top of every translated page, by the translation's
   * language: `{language}` is the controlling language's name in it. Default:
   * "This translation is provided for reference. If it differs from the
   * {language} version, the {language} version prevails." and its Japanese.
   */
  translationNotice?: Record<string, string>;
  /** `check` warns about a missing or outdated translation of an upcoming revision from this many days before it takes effect (default 14). */
  translationLeadDays?: number;
  /** IANA time zone in which effective and announcement dates are calendar days. */
  timeZone: string;
  /** Where readers send questions about the policies. */
  contact: {
    name: string;
    email?: string;
    url?: string;
    address?: string;
    phone?: string;
  };
  /**
   * A WebSub hub (https://www.w3.org/TR/websub/) that feed readers may
   * subscribe through: every feed names it (`rel="hub"`), and `redline
   * notify` tells it when feeds change. Optional.
   */
  hub?: string;
  /**
   * The kind of each policy, by its id, as an Open Terms Archive terms type
   * ("Privacy Policy", "Terms of Service", "Trackers Policy", …), where its
   * title or id does not say it. Optional (src/core/terms-types.ts).
   */
  types?: Record<string, string>;
}

export interface PolicySettings {
  /** The language whose text prevails, in which the revisions `<date>.md` are written (default: the site's `lang`). */
  controllingLanguage?: string;
  /** Languages the policy must be translated into (`check` warns when the revision in force has no translation), besides those it has translations in. */
  languages?: string[];
  /** This policy's notice on its translations, by language (as `translationNotice`). */
  translationNotice?: Record<string, string>;
}

/** The settings as written in redline.config.ts: `url` may be left out when Redline lives inside another Astro site. */
export type SettingsInput = Omit<SiteSettings, 'url' | 'siteRoot'> & { url?: string };

export function defineSettings<S extends SettingsInput>(s: S): S {
  return s;
}

/**
 * Normalises and checks settings; throws a RedlineError naming the setting.
 * `url`: Redline's address when it is not the settings' own (inside another site).
 */
export function validateSettings(s: SettingsInput, file = 'redline.config.ts', url?: string): SiteSettings {
  const fail = (message: string, hint: string): never => {
    throw new RedlineError({ file, message, hint });
  };
  if (!s || typeof s !== 'object') fail('settings are missing', 'export default defineSettings({ ... })');
  for (const key of ['name', 'owner', 'lang', 'timeZone', ...(url === undefined ? (['url'] as const) : [])] as const) {
    if (typeof s[key] !== 'string' || (s[key] as string).trim() === '') fail(`setting "${key}" is missing`, `set ${key} to a non-empty string`);
  }
  const address = url ?? normaliseSiteUrl(s.url!, file);
  if (!isTimeZone(s.timeZone)) fail(`"${s.timeZone}" is not a time zone`, 'use an IANA name such as "Asia/Tokyo"');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s.lang)) fail(`"${s.lang}" is not a language tag`, 'use a BCP 47 tag such as "en" or "ja"');
  if (!s.contact || typeof s.contact.name !== 'string') fail('setting "contact.name" is missing', 'give the contact point a name');
  const tag = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
  const languages = s.languages ?? [s.lang];
  if (!Array.isArray(languages) || languages.length === 0) fail('setting "languages" must list the site\'s languages', `such as languages: ['${s.lang}', 'ja']`);
  for (const l of languages) {
    if (typeof l !== 'string' || !tag.test(l)) fail(`"${String(l)}" in "languages" is not a language tag`, 'use BCP 47 tags such as "en" or "ja"');
    if (['feed', 'search', 'subscribe', 'pagefind', 'scripts', 'assets'].includes(l.toLowerCase())) fail(`"${l}" in "languages" is a name the site uses for its own pages`, 'use a BCP 47 language tag');
  }
  if (new Set(languages.map((l) => l.toLowerCase())).size !== languages.length) fail('setting "languages" names a language twice', 'list each language once');
  if (!languages.includes(s.lang)) fail(`"languages" does not include the default language "${s.lang}" (setting "lang")`, `add it: languages: ['${s.lang}', ${languages.map((l) => `'${l}'`).join(', ')}]`);
  const known = (l: unknown, where: string) => {
    if (typeof l !== 'string' || !languages.includes(l)) fail(`${where}: "${String(l)}" is not one of the site's languages (${languages.join(', ')})`, 'add it to "languages", or use one of them');
  };
  const notices = (n: unknown, where: string) => {
    if (n === undefined) return;
    if (!n || typeof n !== 'object') fail(`${where} must map languages to text`, `such as ${where}: { ja: '…' }`);
    for (const [l, text] of Object.entries(n as object)) {
      known(l, where);
      if (typeof text !== 'string' || text.trim() === '') fail(`${where}.${l} must be text`, 'write the notice shown at the top of each translated page');
    }
  };
  notices(s.translationNotice, 'translationNotice');
  for (const [id, p] of Object.entries(s.policies ?? {})) {
    if (!p || typeof p !== 'object') fail(`setting "policies.${id}" must be an object`, `such as policies: { ${id}: { controllingLanguage: '${s.lang}' } }`);
    if (p.controllingLanguage !== undefined) known(p.controllingLanguage, `policies.${id}.controllingLanguage`);
    for (const l of p.languages ?? []) known(l, `policies.${id}.languages`);
    notices(p.translationNotice, `policies.${id}.translationNotice`);
  }
  const lead = s.translationLeadDays;
  if (lead !== undefined && (!Number.isInteger(lead) || lead < 0 || lead > 3660)) fail('setting "translationLeadDays" must be a whole number of days', 'such as translationLeadDays: 14');
  let hub: string | undefined;
  if (s.hub !== undefined) {
    if (typeof s.hub !== 'string' || !/^https?:\/\/[^/]/i.test(s.hub) || !URL.canParse(s.hub)) fail(`setting "hub" ("${String(s.hub)}") is not an http(s) URL`, 'give the address of the WebSub hub, such as https://pubsubhubbub.appspot.com/, or leave hub out');
    else hub = new URL(s.hub).href;
  }
  if (s.types !== undefined) {
    if (!s.types || typeof s.types !== 'object' || Array.isArray(s.types)) fail('setting "types" is not an object', 'map policy ids to terms types, such as types: { legal: "Terms of Service" }');
    for (const [id, type] of Object.entries(s.types!)) {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) fail(`setting "types" names "${id}", which is not a policy id`, 'use the policy folder names, such as "privacy"');
      if (!isTermsType(type)) fail(`setting "types.${id}" ("${String(type)}") is not an Open Terms Archive terms type`, `use one of: ${TERMS_TYPE_NAMES.slice(0, 6).map((t) => `"${t}"`).join(', ')}, … (the list: docs/reference/settings.md)`);
    }
  }
  return { ...s, languages, url: address, ...(hub !== undefined ? { hub } : {}) };
}

/** `https://example.com/policies` → `https://example.com/policies/`; rejects what is not http(s). */
export function normaliseSiteUrl(raw: string, file = '--site'): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new RedlineError({ file, message: `"${raw}" is not an absolute URL`, hint: 'give the full address, such as https://policies.example.com/' });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new RedlineError({ file, message: `"${raw}" is not an http(s) URL`, hint: 'give the full address, such as https://policies.example.com/' });
  }
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  // The path is written percent-encoded (a space as %20, € as %E2%82%AC); it must decode to UTF-8
  // text whose "/" are the path's own, without control characters or backslashes.
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined || decoded.split('/').length !== u.pathname.split('/').length || /[\u0000-\u001f\u007f\\]/.test(decoded)) {
    throw new RedlineError({ file, message: `"${raw}" has a path that is not a plain folder path (${u.pathname})`, hint: 'write each folder name in the path as text or as percent-encoded UTF-8 (%20 for a space), without an encoded "/" or "\\"' });
  }
  return u.href;
}

/** The path part of the site URL without its trailing slash ('' at the root), percent-encoded as in a link. */
export function basePath(siteUrl: string): string {
  return new URL(siteUrl).pathname.replace(/\/$/, '');
}

/** basePath decoded: the folder path as a server's file system and Astro's `base` have it (`/a%20b` → `/a b`). */
export function decodedBasePath(siteUrl: string): string {
  return decodeURIComponent(basePath(siteUrl));
}
