/**
 * Every string of Redline's interface, one table per language: the pages,
 * the redline's summary, legend and notes, the feeds, the print header, the
 * 404 page, the search and history scripts. English is the reference; a
 * language without a table of its own (anything but English and Japanese so
 * far) is shown in English. Dates are written by `date` (formatDate):
 * "1 April 2025", 「2025年4月1日」.
 *
 * Arguments that are HTML are named `…Html` and are already escaped; every
 * other argument and every result is plain text.
 */
import { REDLINE_EN, REDLINE_JA, type RedlineStrings } from './redline-strings.ts';
import { UI_EN, UI_JA, type UiText } from '../ui-text.ts';

export interface Strings {
  /** The language's own name, and the names of the others in it. */
  languageName: (lang: string) => string;
  /** "1 word", "12 words"; 「1語」. */
  words: (n: number) => string;
  number: (n: number) => string;
  list: (items: readonly string[]) => string;

  // Layout
  skip: string;
  siteNav: string;
  navPolicies: string;
  navAllPolicies: string;
  navHistory: string;
  navSearch: string;
  navSubscribe: string;
  languageSwitcher: string;
  /** The switcher's link to this page in `lang`, read by a screen reader: "日本語 (Japanese)". */
  footerPublished: (owner: string, contactHtml: string) => string;
  footerPrivacy: string;
  /** The print header: "Version effective 1 April 2025 (in force)". */
  printVersion: (date: string, state: 'draft' | 'in force' | 'no longer in force' | 'not yet in force') => string;
  printChanges: (from: string, to: string) => string;

  // Home
  homeDescription: (owner: string) => string;
  homeLede: (owner: string) => string;
  inForceSince: (first: string, last: string) => string;
  takesEffectOn: (date: string) => string;
  changingOn: (date: string) => string;
  readUpcoming: string;
  ofPolicy: (title: string) => string;
  upcomingRevision: (kind: 'draft' | 'material' | 'editorial', date: string) => string;
  historyLink: string;
  versions: (n: number) => string;
  notTranslatedYet: (language: string) => string;

  // 404
  notFoundTitle: string;
  notFoundDescription: string;
  notFoundText: string;
  allVersions: string;
  allVersionsLink: string;

  // Search
  searchTitle: string;
  searchDescription: (owner: string) => string;
  searchHeading: string;
  searchNoJs: (homeHtml: string) => string;
  homePage: string;
  searchLabel: string;
  searchButton: string;
  searchHint: string;
  /**
   * For the search script (src/client/scripts/search.js): what it says, with {term}, {n}, {title},
   * {policies} and {versions} filled in by it; a pair is [for one, for more].
   */
  searchScript: {
    searching: string;
    unavailable: string;
    nothing: string;
    found: string;
    policies: readonly [string, string];
    versions: readonly [string, string];
    inForce: string;
    upcoming: string;
    notInForce: string;
    past: readonly [string, string];
    pastOnly: readonly [string, string];
    versionOf: string;
  };
  /** What a search result says of the version it found: "Effective 1 April 2025". */
  searchMeta: (date: string) => string;

  // Subscribe
  subscribe: {
    title: string;
    description: (owner: string) => string;
    lede: string;
    feeds: string;
    feedsText: string;
    formatsText: string;
    everyPolicy: string;
    feedOfEvery: string;
    feedOf: (title: string) => string;
    forReaders: string;
    forPrograms: string;
    calendar: string;
    calendarOf: (title: string) => string;
    calendarText: string;
    calendars: string;
    calendarsText: string;
    email: string;
    emailText: string;
    emailSteps: readonly [string, string, string, string];
    emailAfter: string;
    otherLanguages: string;
  };

  // A revision's page
  effective: (dateHtml: string) => string;
  takesEffect: (dateHtml: string) => string;
  announced: (dateHtml: string) => string;
  editorialRevision: string;
  updatingOn: (dateHtml: string) => string;
  untilThen: string;
  readNewVersion: string;
  seeWhatChanges: string;
  draftPreview: (dateHtml: string) => string;
  noLongerInForce: (fromHtml: string, untilHtml: string | undefined) => string;
  readInForce: string;
  thisIsInForce: (linkHtml: string) => string;
  whatChanged: string;
  corrections: string;
  correctionsText: string;
  correctedOn: (dateHtml: string) => string;
  lineAsPublished: (n: number) => string;
  lineAsCorrected: (n: number) => string;
  hashBefore: string;
  previousVersion: (dateHtml: string) => string;
  whatChangedHere: string;
  compareWithCurrent: string;
  nextVersion: (dateHtml: string) => string;
  permanentLink: string;
  markdownSource: string;
  printControl: string;
  printHint: string;
  contents: string;

  // History
  historyTitle: (title: string) => string;
  historyDescription: (title: string) => string;
  historyLede: (title: string) => string;
  inForceOnLabel: string;
  show: string;
  fromVersion: string;
  toVersion: string;
  compare: string;
  compareText: string;
  effectiveOn: string;
  states: Record<'in-force' | 'superseded' | 'upcoming' | 'scheduled', string>;
  editorial: string;
  announcedLabel: string;
  inForceLabel: string;
  inForceFrom: (dateHtml: string) => string;
  inForceRange: (fromHtml: string, untilHtml: string) => string;
  inForceSinceDate: (dateHtml: string) => string;
  firstVersion: string;
  read: string;
  markdown: string;
  /** After a link's words, for a screen reader (the date written out): " the version effective 1 April 2025". */
  theVersionEffective: (date: string) => string;
  ofTheVersionEffective: (date: string) => string;
  inTheVersionEffective: (date: string) => string;
  whatChangedLink: string;
  compareWithCurrentSpoken: (date: string) => string;
  /** For the history's script ("Which version was in force on"): {date} and {first} filled in by it. */
  inForceScript: { enter: string; none: string; was: string; is: string; willBe: string };

  // Changes and compare pages
  changesTitle: (title: string, date: string) => string;
  compareTitle: (title: string, from: string, to: string) => string;
  changesDescription: (title: string, from: string, to: string) => string;
  compareDescription: (title: string, from: string, to: string) => string;
  versionLabel: (date: string, inForce: boolean) => string;
  fromTo: (fromHtml: string, toHtml: string, notYet: boolean) => string;
  draft: string;
  whyChanged: string;
  changesJson: string;
  compareOther: string;
  compareFormTitle: (title: string) => string;
  compareFormDescription: (title: string) => string;
  compareFormLede: string;
  builtComparisons: string;
  builtComparisonsText: string;
  eachWithInForce: (dateHtml: string) => string;
  eachWithPrevious: string;
  whatChangedOn: (dateHtml: string) => string;
  /** For the compare page's script. */
  compareScript: { choose: string; same: string; comparing: string; failed: string; heading: string; title: string; label: string; inForce: string };
  movedTitle: string;

  // The redline (src/core/diff/markup.ts, render.ts): src/core/i18n/redline-strings.ts
  redline: RedlineStrings;
  // The reading pages' contents, menus and navigation between changes: src/core/ui-text.ts
  ui: UiText;

  // Feeds
  feed: {
    /** The SHA-256 of the text as announced (a hash: hex digits only) and the address of the site's lock. */
    announcedHash: (sha256: string, lockUrlHtml: string) => string;
    entryTitle: (title: string, first: boolean, date: string, editorial: boolean) => string;
    firstSummary: (title: string) => string;
    takesEffectAnnounced: (effectiveHtml: string, publishedHtml: string) => string;
    effective: (dateHtml: string) => string;
    editorialNote: string;
    changedSections: (n: number) => string;
    moreSections: (n: number, hrefHtml: string) => string;
    onlyStart: (hrefHtml: string) => string;
    seeAll: (hrefHtml: string) => string;
    readIt: (hrefHtml: string, title: string, date: string) => string;
    description: (owner: string, title?: string) => string;
    newVersions: (name: string, format: string, policy?: string) => string;
    translationTitle: (title: string, date: string) => string;
    translationSummary: (language: string, title: string, date: string) => string;
    notTranslated: (language: string, hrefHtml: string) => string;
    translationOutdated: (date: string) => string;
    sectionAtBeginning: string;
  };

  // Translations
  translation: {
    /** The default notice on a translation (settings.translationNotice overrides it): {language} is the controlling language. */
    notice: string;
    controllingText: (language: string) => string;
    outdated: (inForceHtml: string, language: string, linkHtml: string) => string;
    outdatedPin: (translatedHtml: string, thisHtml: string) => string;
    missingTitle: (title: string) => string;
    missing: (language: string, thisLanguage: string) => string;
    missingVersion: (dateHtml: string, language: string, thisLanguage: string) => string;
    readControlling: (language: string) => string;
    olderTranslation: (dateHtml: string) => string;
    noComparison: (language: string) => string;
    status: Record<'current' | 'outdated' | 'missing', string>;
    translationLabel: (language: string) => string;
  };
}

const en: Strings = {
  languageName: (lang) => ({ en: 'English', ja: 'Japanese' })[lang] ?? lang,
  words: REDLINE_EN.words,
  number: (n) => n.toLocaleString('en'),
  list: (items) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '')),

  skip: 'Skip to content',
  siteNav: 'Site',
  navPolicies: 'Policies',
  navAllPolicies: 'All policies',
  navHistory: 'History',
  navSearch: 'Search',
  navSubscribe: 'Subscribe',
  languageSwitcher: 'Language',
  footerPublished: (owner, contactHtml) => `Published by ${owner.replace(/\.$/, '')}. Questions about these policies: ${contactHtml}.`,
  footerPrivacy: 'This site sets no cookies and loads nothing from other sites.',
  printVersion: (date, state) => `Version effective ${date} (${state})`,
  printChanges: (from, to) => `Changes from the version effective ${from} to the version effective ${to}`,

  homeDescription: (owner) => `The policies of ${owner}: the version in force, every past version, and what changed.`,
  homeLede: (owner) => `The policies of ${owner}, each with every past version and exactly what changed.`,
  inForceSince: (first, last) => `In force since ${first}; last revised ${last}.`,
  takesEffectOn: (date) => `Takes effect on ${date}.`,
  changingOn: (date) => `Changing on ${date}.`,
  readUpcoming: 'Read the upcoming version',
  ofPolicy: (title) => ` of the ${title}`,
  upcomingRevision: (kind, date) => `Upcoming ${kind} revision on ${date}.`,
  historyLink: 'History',
  versions: (n) => `${n} ${n === 1 ? 'version' : 'versions'}`,
  notTranslatedYet: (language) => `Not yet translated: the ${language} version applies.`,

  notFoundTitle: 'Page not found',
  notFoundDescription: 'This address does not lead to a policy.',
  notFoundText:
    'This address does not lead to a policy or one of its versions. Every version ever published stays at its own address, so a link to one should not break; if you followed a link here, the address may be mistyped.',
  allVersions: 'all versions',
  allVersionsLink: 'All versions',

  searchTitle: 'Search',
  searchDescription: (owner) => `Search the policies of ${owner}: the versions in force, and every past version.`,
  searchHeading: 'Search the policies',
  searchNoJs: (homeHtml) => `Search runs in your browser and needs JavaScript, which is off or has not loaded. Every policy is listed on the ${homeHtml}, each with its full history.`,
  homePage: 'home page',
  searchLabel: 'Words to find',
  searchButton: 'Search',
  searchHint: 'Every version is searched: each policy’s version in force comes first, its past versions are folded under it. Results follow your words as you type.',
  searchScript: {
    searching: 'Searching…',
    unavailable: 'Search is not available right now: its index could not be loaded.',
    nothing: 'Nothing found for “{term}”.',
    found: '“{term}” found in {policies} ({versions}).',
    policies: ['{n} policy', '{n} policies'],
    versions: ['{n} version', '{n} versions'],
    inForce: 'In force',
    upcoming: 'Upcoming',
    notInForce: 'Not in the version in force.',
    past: ['Also in {n} past version', 'Also in {n} past versions'],
    pastOnly: ['In {n} past version', 'In {n} past versions'],
    versionOf: ', version {title}',
  },
  searchMeta: (date) => `Effective ${date}`,

  subscribe: {
    title: 'Subscribe to changes',
    description: (owner) => `Learn of every new version of the policies of ${owner} as soon as it is announced: feeds, calendars and e-mail.`,
    lede: 'Learn of every new version of these policies as soon as it is announced, usually before it takes effect, without having to come back and check.',
    feeds: 'Feeds',
    feedsText:
      "A feed is a list of updates that a feed reader (an app or a website, many of them free) checks for you. Copy a feed's address below into your feed reader. Each new version of a policy then arrives as one item: what changed and why, the day it takes effect, the sections it changes, and a link to every change marked up on this site.",
    formatsText: 'RSS and Atom carry the same items: use whichever your reader prefers (most read both). JSON Feed is the same again, for programs.',
    everyPolicy: 'Every policy',
    feedOfEvery: ' feed of every policy',
    feedOf: (title) => ` feed of the ${title}`,
    forReaders: 'for any feed reader',
    forPrograms: 'for programs that read JSON',
    calendar: 'Calendar',
    calendarOf: (title) => ` of the ${title}`,
    calendarText: '(opens your calendar app), or add this address to it:',
    calendars: 'Calendars',
    calendarsText:
      'Each policy also has a calendar with an all-day event on every day a version of it takes effect, past and coming. Subscribe to it in your calendar app (it is usually called "add calendar from URL" or "subscribe to calendar") rather than downloading the file, so that coming changes appear as soon as they are announced.',
    email: 'By e-mail',
    emailText: 'This site sends no e-mail and keeps no list of subscribers. To get an e-mail for each new version, let a feed-to-e-mail service read a feed for you:',
    emailSteps: [
      'Choose a service that sends a feed\'s new items by e-mail. Many exist, some free; search the web for "RSS to email". Some e-mail programs, such as Thunderbird, can also follow a feed themselves.',
      'Copy the address of the RSS feed you want from the list above: every policy, or one policy.',
      'Paste it into the service where it asks for a feed address, and give it your e-mail address.',
      'Confirm the subscription from the e-mail the service sends you.',
    ],
    emailAfter: 'The service, not this site, then knows your e-mail address: read its privacy policy before you sign up. You can stop at any time from the service, usually through a link at the end of each e-mail.',
    otherLanguages: 'Feeds in other languages',
  },

  effective: (d) => `Effective ${d}`,
  takesEffect: (d) => `Takes effect on ${d}`,
  announced: (d) => ` · announced ${d}`,
  editorialRevision: 'Editorial revision',
  updatingOn: (d) => `We are updating this policy on ${d}.`,
  untilThen: 'Until then, the policy below applies.',
  readNewVersion: 'Read the new version',
  seeWhatChanges: 'See what changes',
  draftPreview: (d) => `<strong>Draft preview.</strong> This revision is scheduled to be announced on ${d}; it is not on the public site yet.`,
  noLongerInForce: (from, until) => `<strong>This version is no longer in force.</strong> It was in force from ${from}${until ? ` to ${until}` : ''}.`,
  readInForce: 'Read the version in force',
  thisIsInForce: (link) => `This is the version in force. Its permanent address is this page; ${link} always shows the version in force.`,
  whatChanged: 'What changed',
  corrections: 'Corrections',
  correctionsText: "Typos corrected in this version after it was published, as recorded in the site's lock file.",
  correctedOn: (d) => `Corrected on ${d}:`,
  lineAsPublished: (n) => `Line ${n} as published: `,
  lineAsCorrected: (n) => `Line ${n} as corrected: `,
  hashBefore: 'SHA-256 before this correction',
  previousVersion: (d) => `Previous version (${d})`,
  whatChangedHere: 'What changed in this version',
  compareWithCurrent: 'Compare with current',
  nextVersion: (d) => `Next version (${d})`,
  permanentLink: 'Permanent link to this version',
  markdownSource: 'Markdown source',
  printControl: 'Print or save as PDF',
  printHint:
    'To print this page or save it as a PDF, use your browser’s Print command (<kbd>Ctrl</kbd>+<kbd>P</kbd>, or <kbd>⌘</kbd>+<kbd>P</kbd> on a Mac) and choose “Save as PDF” as the printer if you want a file.',
  contents: 'Contents',

  historyTitle: (t) => `${t}: history`,
  historyDescription: (t) => `Every version of the ${t}, with what changed and when.`,
  historyLede: (t) => `Every version of the ${t}, newest first. Each stays at its own permanent address.`,
  inForceOnLabel: 'Which version was in force on',
  show: 'Show',
  fromVersion: 'From the version effective',
  toVersion: 'to the version effective',
  compare: 'Compare',
  compareText: 'Shows what changed between any two versions, word by word.',
  effectiveOn: 'Effective',
  states: { 'in-force': 'In force', superseded: 'Superseded', upcoming: 'Upcoming', scheduled: 'Draft' },
  editorial: 'Editorial',
  announcedLabel: 'Announced',
  inForceLabel: 'In force',
  inForceFrom: (d) => `from ${d}`,
  inForceRange: (f, u) => `${f} to ${u}`,
  inForceSinceDate: (d) => `since ${d}`,
  firstVersion: 'First published version.',
  read: 'Read',
  markdown: 'Markdown',
  theVersionEffective: (d) => ` the version effective ${d}`,
  ofTheVersionEffective: (d) => ` of the version effective ${d}`,
  inTheVersionEffective: (d) => ` in the version effective ${d}`,
  whatChangedLink: 'What changed',
  compareWithCurrentSpoken: (d) => `: the version effective ${d} and the version in force`,
  inForceScript: {
    enter: 'Enter a date.',
    none: 'No version was in force on {date}: the policy first took effect on {first}.',
    was: 'On {date}, the version {version} was in force.',
    is: 'On {date}, the version {version} is in force.',
    willBe: 'On {date}, the version {version} will be in force.',
  },

  changesTitle: (t, d) => `What changed in the ${t} on ${d}`,
  compareTitle: (t, a, b) => `${t}: ${a} compared with ${b}`,
  changesDescription: (t, a, b) => `What changed between the versions of the ${t} effective ${a} and ${b}, word by word.`,
  compareDescription: (t, a, b) => `The differences between the versions of the ${t} effective ${a} and ${b}, word by word.`,
  versionLabel: (d, inForce) => `the version effective ${d}${inForce ? ' (in force)' : ''}`,
  fromTo: (f, t, notYet) => `From ${f} to ${t}${notYet ? ', which is not in force yet' : ''}.`,
  draft: 'Draft',
  whyChanged: 'Why it changed',
  changesJson: 'The changes as JSON',
  compareOther: 'Compare other versions',
  compareFormTitle: (t) => `${t}: compare two versions`,
  compareFormDescription: (t) => `What changed between any two versions of the ${t}, word by word.`,
  compareFormLede: 'Choose two versions to see what changed between them, word by word.',
  builtComparisons: 'Comparisons ready to read',
  builtComparisonsText: 'These work without JavaScript. Comparing other pairs of versions needs JavaScript, which this page uses only for that.',
  eachWithInForce: (d) => `Each version compared with the version in force (${d})`,
  eachWithPrevious: 'Each version compared with the one before it',
  whatChangedOn: (d) => `What changed on ${d}`,
  compareScript: {
    choose: 'Choose two versions from the lists.',
    same: 'These are the same version: choose two different versions.',
    comparing: 'Comparing the two versions…',
    failed: 'The two versions could not be compared here. Try again, or open each version from the history.',
    heading: 'From the version effective {from} to the version effective {to}',
    title: '{from} compared with {to}',
    label: 'the version effective {date}',
    inForce: ' (in force)',
  },
  movedTitle: 'What changed, side by side',

  redline: REDLINE_EN,
  ui: UI_EN,

  feed: {
    announcedHash: (sha256, lockUrl) => `SHA-256 of the text as announced: <code>${sha256}</code> (<a href="${lockUrl}">the site's lock</a>).`,
    entryTitle: (title, first, date, editorial) => `${title} ${first ? 'published' : 'revised'} — effective ${date}${editorial ? ' (editorial)' : ''}`,
    firstSummary: (title) => `The first published version of the ${title}.`,
    takesEffectAnnounced: (e, p) => `<strong>Takes effect on ${e}.</strong> Announced on ${p}.`,
    effective: (d) => `<strong>Effective ${d}.</strong>`,
    editorialNote: '<strong>Editorial revision:</strong> its authors mark it as a change of wording or presentation only.',
    changedSections: (n) => (n === 1 ? 'Changed section' : 'Changed sections'),
    moreSections: (n, href) => `and <a href="${href}">${n} more ${n === 1 ? 'section' : 'sections'}</a>`,
    onlyStart: (href) => `This is only the start of the changes. <a href="${href}">See all changes</a>.`,
    seeAll: (href) => `<a href="${href}">See all changes</a> on the site.`,
    readIt: (href, title, date) => `<a href="${href}">Read the ${title} effective ${date}</a>.`,
    description: (owner, title) => (title ? `Every new version of the ${title} of ${owner}, as soon as it is announced.` : `Every new version of the policies of ${owner}, as soon as it is announced.`),
    newVersions: (name, format, policy) => (policy ? `${policy}: new versions (${format})` : `${name}: new versions of every policy (${format})`),
    translationTitle: (title, date) => `${title}: English translation added — version effective ${date}`,
    translationSummary: (language, title, date) => `The ${title} effective ${date} can now be read in English. The ${language} text prevails.`,
    notTranslated: (language, href) => `This version has not been translated into English yet: <a href="${href}">read the ${language} text</a>, which prevails.`,
    translationOutdated: (date) => `This translation was made for the version effective ${date} and has not been updated since.`,
    sectionAtBeginning: 'At the beginning',
  },

  translation: {
    notice: 'This translation is provided for reference. If it differs from the {language} version, the {language} version prevails.',
    controllingText: (l) => `the ${l} text`,
    outdated: (inForce, language, link) =>
      `<strong>This translation is out of date.</strong> The version in force since ${inForce} has not been translated into English yet. ${link} (in ${language}), which prevails.`,
    outdatedPin: (translated, self) => `<strong>This translation is out of date.</strong> It translates the version effective ${translated}, not the version effective ${self}, whose changes it does not include.`,
    missingTitle: (title) => `${title}: not translated yet`,
    missing: (language, thisLanguage) => `The version of this policy in force has not been translated into ${thisLanguage} yet. The ${language} text is the one that applies.`,
    missingVersion: (date, language, thisLanguage) => `The version effective ${date} has not been translated into ${thisLanguage}. The ${language} text is the one that applies.`,
    readControlling: (l) => `Read the ${l} text`,
    olderTranslation: (d) => `An earlier translation, of the version effective ${d}, is still available; it does not include later changes.`,
    noComparison: (l) => `One of the two versions has not been translated into English: compare them in ${l}.`,
    status: { current: 'up to date', outdated: 'out of date', missing: 'not translated yet' },
    translationLabel: (l) => `${l} translation`,
  },
};

const JA_LANGS: Record<string, string> = { en: '英語', ja: '日本語', zh: '中国語', ko: '韓国語', fr: 'フランス語', de: 'ドイツ語', es: 'スペイン語' };

const ja: Strings = {
  languageName: (lang) => JA_LANGS[lang] ?? lang,
  words: REDLINE_JA.words,
  number: (n) => n.toLocaleString('ja'),
  list: (items) => items.join('、'),

  skip: '本文へ移動',
  siteNav: 'サイト',
  navPolicies: 'ポリシー一覧',
  navAllPolicies: 'すべてのポリシー',
  navHistory: '改定履歴',
  navSearch: '検索',
  navSubscribe: '更新の通知',
  languageSwitcher: '言語',
  footerPublished: (owner, contactHtml) => `発行：${owner}。ポリシーに関するお問い合わせ：${contactHtml}。`,
  footerPrivacy: 'このサイトは Cookie を使用せず、他のサイトから何も読み込みません。',
  printVersion: (date, state) => `${date}施行版（${({ draft: '下書き', 'in force': '現行版', 'no longer in force': '失効', 'not yet in force': '施行前' } as const)[state]}）`,
  printChanges: (from, to) => `${from}施行版から${to}施行版への変更`,

  homeDescription: (owner) => `${owner}のポリシー：現行版、過去のすべての版、そして変更点。`,
  homeLede: (owner) => `${owner}のポリシーです。過去のすべての版と、その変更点を正確に確認できます。`,
  inForceSince: (first, last) => `${first}から施行。最終改定：${last}。`,
  takesEffectOn: (date) => `${date}に施行予定。`,
  changingOn: (date) => `${date}に改定予定。`,
  readUpcoming: '改定後の版を読む',
  ofPolicy: (title) => `（${title}）`,
  upcomingRevision: (kind, date) => `${date}に${({ draft: '下書きの', material: '', editorial: '表現上の' } as const)[kind]}改定予定。`,
  historyLink: '改定履歴',
  versions: (n) => `${n.toLocaleString('ja')}版`,
  notTranslatedYet: (language) => `日本語訳はまだありません。${language}版が適用されます。`,

  notFoundTitle: 'ページが見つかりません',
  notFoundDescription: 'このアドレスには、ポリシーもその版もありません。アドレスをご確認ください。',
  notFoundText:
    'このアドレスには、ポリシーもその版もありません。公開されたすべての版は固有のアドレスで公開され続けるため、版へのリンクが切れることはありません。リンクからこのページに来た場合は、アドレスが誤っている可能性があります。',
  allVersions: 'すべての版',
  allVersionsLink: 'すべての版',

  searchTitle: '検索',
  searchDescription: (owner) => `${owner}のポリシーを検索します：現行版と、過去のすべての版。`,
  searchHeading: 'ポリシーを検索',
  searchNoJs: (homeHtml) => `検索はブラウザ上で動作し、JavaScript が必要ですが、無効になっているか読み込まれていません。すべてのポリシーとその改定履歴は${homeHtml}に掲載しています。`,
  homePage: 'トップページ',
  searchLabel: '検索する語句',
  searchButton: '検索',
  searchHint: 'すべての版を検索します。ポリシーごとに現行版を先に示し、過去の版はその下に折りたたんで示します。入力に合わせて結果が更新されます。',
  searchScript: {
    searching: '検索しています…',
    unavailable: '現在、検索を利用できません。検索索引を読み込めませんでした。',
    nothing: '「{term}」は見つかりませんでした。',
    found: '「{term}」は{policies}（{versions}）で見つかりました。',
    policies: ['{n}件のポリシー', '{n}件のポリシー'],
    versions: ['{n}版', '{n}版'],
    inForce: '現行版',
    upcoming: '施行予定',
    notInForce: '現行版にはありません。',
    past: ['ほかに過去の版{n}件にもあります', 'ほかに過去の版{n}件にもあります'],
    pastOnly: ['過去の版{n}件にあります', '過去の版{n}件にあります'],
    versionOf: '（{title}）',
  },
  searchMeta: (date) => `${date}施行`,

  subscribe: {
    title: '更新の通知を受け取る',
    description: (owner) => `${owner}のポリシーの新しい版が公表されたら、すぐに知ることができます：フィード、カレンダー、電子メール。`,
    lede: 'ポリシーの新しい版は、通常は施行前に公表されます。公表と同時に知ることができるので、このサイトを確認しに来る必要はありません。',
    feeds: 'フィード',
    feedsText:
      'フィードとは、フィードリーダー（アプリやウェブサイト。無料のものも多くあります）が代わりに確認してくれる更新情報の一覧です。下のフィードのアドレスをフィードリーダーに登録してください。ポリシーの新しい版が公表されるたびに、変更の内容と理由、施行日、変更された節、このサイトで変更箇所を示したページへのリンクが届きます。',
    formatsText: 'RSS と Atom は同じ内容です。お使いのリーダーに合わせてお選びください（多くのリーダーはどちらも読めます）。JSON Feed も同じ内容で、プログラム向けです。',
    everyPolicy: 'すべてのポリシー',
    feedOfEvery: '：すべてのポリシーのフィード',
    feedOf: (title) => `：${title}のフィード`,
    forReaders: 'フィードリーダー向け',
    forPrograms: 'JSON を読むプログラム向け',
    calendar: 'カレンダー',
    calendarOf: (title) => `：${title}`,
    calendarText: '（カレンダーアプリが開きます）。または、次のアドレスをカレンダーに追加してください：',
    calendars: 'カレンダー',
    calendarsText:
      '各ポリシーには、その版が施行される日（過去と今後）に終日の予定が入ったカレンダーもあります。ファイルをダウンロードするのではなく、カレンダーアプリで購読してください（「URL でカレンダーを追加」「カレンダーを購読」などと呼ばれます）。今後の変更が公表され次第、予定に表示されます。',
    email: '電子メールで受け取る',
    emailText: 'このサイトは電子メールを送信せず、購読者の一覧も保持しません。新しい版ごとに電子メールを受け取るには、フィードを電子メールで届けるサービスをご利用ください：',
    emailSteps: [
      'フィードの新着を電子メールで送るサービスを選びます。無料のものを含め多数あります。「RSS メール 配信」などで検索してください。Thunderbird など、フィードを直接購読できるメールソフトもあります。',
      '上の一覧から、必要な RSS フィードのアドレスをコピーします（すべてのポリシー、または個別のポリシー）。',
      'サービスのフィードアドレスの欄に貼り付け、ご自身の電子メールアドレスを登録します。',
      'サービスから届く電子メールで購読を確認します。',
    ],
    emailAfter: 'この場合、電子メールアドレスを知るのはこのサイトではなくそのサービスです。登録の前に、そのサービスのプライバシーポリシーをお読みください。購読はいつでも、通常は各メールの末尾のリンクから停止できます。',
    otherLanguages: '他の言語のフィード',
  },

  effective: (d) => `${d}施行`,
  takesEffect: (d) => `${d}に施行予定`,
  announced: (d) => ` · ${d}公表`,
  editorialRevision: '表現上の改定',
  updatingOn: (d) => `このポリシーは${d}に改定されます。`,
  untilThen: 'それまでは、以下のポリシーが適用されます。',
  readNewVersion: '改定後の版を読む',
  seeWhatChanges: '変更点を見る',
  draftPreview: (d) => `<strong>下書きのプレビューです。</strong>この改定は${d}に公表される予定で、まだ公開サイトには掲載されていません。`,
  noLongerInForce: (from, until) => `<strong>この版は現在は効力を有しません。</strong>${from}${until ? `から${until}まで` : 'から'}施行されていました。`,
  readInForce: '現行版を読む',
  thisIsInForce: (link) => `これは現行版です。このページがこの版の固有のアドレスです。${link}には常に現行版が表示されます。`,
  whatChanged: '変更の概要',
  corrections: '訂正',
  correctionsText: '公開後にこの版で訂正された誤字です。サイトのロックファイルに記録されています。',
  correctedOn: (d) => `${d}に訂正：`,
  lineAsPublished: (n) => `${n}行目（公開時）：`,
  lineAsCorrected: (n) => `${n}行目（訂正後）：`,
  hashBefore: '訂正前の SHA-256',
  previousVersion: (d) => `前の版（${d}）`,
  whatChangedHere: 'この版での変更点',
  compareWithCurrent: '現行版と比較',
  nextVersion: (d) => `次の版（${d}）`,
  permanentLink: 'この版の固定リンク',
  markdownSource: 'Markdown 原文',
  printControl: '印刷または PDF で保存',
  printHint:
    'このページを印刷するか PDF として保存するには、ブラウザの印刷コマンド（<kbd>Ctrl</kbd>+<kbd>P</kbd>、Mac では <kbd>⌘</kbd>+<kbd>P</kbd>）を使い、ファイルにする場合はプリンターとして「PDF に保存」を選んでください。',
  contents: '目次',

  historyTitle: (t) => `${t}：改定履歴`,
  historyDescription: (t) => `${t}のすべての版と、いつ何が変わったか。`,
  historyLede: (t) => `${t}のすべての版です（新しい順）。各版は固有のアドレスで公開され続けます。`,
  inForceOnLabel: '次の日に施行されていた版',
  show: '表示',
  fromVersion: '比較元（施行日）',
  toVersion: '比較先（施行日）',
  compare: '比較',
  compareText: '任意の2つの版の間の変更を、語句単位で表示します。',
  effectiveOn: '施行',
  states: { 'in-force': '現行版', superseded: '失効', upcoming: '施行予定', scheduled: '下書き' },
  editorial: '表現上の改定',
  announcedLabel: '公表日',
  inForceLabel: '施行期間',
  inForceFrom: (d) => `${d}から`,
  inForceRange: (f, u) => `${f}から${u}まで`,
  inForceSinceDate: (d) => `${d}から`,
  firstVersion: '最初に公開された版。',
  read: '読む',
  markdown: 'Markdown',
  theVersionEffective: (d) => `：${d}施行版`,
  ofTheVersionEffective: (d) => `：${d}施行版`,
  inTheVersionEffective: (d) => `：${d}施行版`,
  whatChangedLink: '変更点',
  compareWithCurrentSpoken: (d) => `：${d}施行版と現行版`,
  inForceScript: {
    enter: '日付を入力してください。',
    none: '{date}に施行されていた版はありません。このポリシーは{first}に初めて施行されました。',
    was: '{date}には、{version}が施行されていました。',
    is: '{date}には、{version}が施行されています。',
    willBe: '{date}には、{version}が施行されます。',
  },

  changesTitle: (t, d) => `${t}の${d}の変更点`,
  compareTitle: (t, a, b) => `${t}：${a}施行版と${b}施行版の比較`,
  changesDescription: (t, a, b) => `${t}の${a}施行版と${b}施行版の間の変更点（語句単位）。`,
  compareDescription: (t, a, b) => `${t}の${a}施行版と${b}施行版の違い（語句単位）。`,
  versionLabel: (d, inForce) => `${d}施行版${inForce ? '（現行版）' : ''}`,
  fromTo: (f, t, notYet) => `${f}から${t}${notYet ? '（まだ施行されていません）' : ''}への変更。`,
  draft: '下書き',
  whyChanged: '変更の理由',
  changesJson: '変更点（JSON）',
  compareOther: '他の版を比較',
  compareFormTitle: (t) => `${t}：2つの版を比較`,
  compareFormDescription: (t) => `${t}の任意の2つの版の間の変更点（語句単位）。`,
  compareFormLede: '2つの版を選ぶと、その間の変更点を語句単位で表示します。',
  builtComparisons: 'すぐに読める比較',
  builtComparisonsText: 'これらは JavaScript なしで表示できます。その他の組み合わせの比較には JavaScript が必要で、このページはそのためだけに使用します。',
  eachWithInForce: (d) => `各版と現行版（${d}）の比較`,
  eachWithPrevious: '各版とその前の版の比較',
  whatChangedOn: (d) => `${d}の変更点`,
  compareScript: {
    choose: '一覧から2つの版を選んでください。',
    same: '同じ版です。異なる2つの版を選んでください。',
    comparing: '2つの版を比較しています…',
    failed: 'ここでは2つの版を比較できませんでした。もう一度お試しいただくか、改定履歴から各版を開いてください。',
    heading: '{from}施行版から{to}施行版への変更',
    title: '{from}施行版と{to}施行版の比較',
    label: '{date}施行版',
    inForce: '（現行版）',
  },
  movedTitle: '変更点（左右に並べて表示）',

  redline: REDLINE_JA,
  ui: UI_JA,

  feed: {
    announcedHash: (sha256, lockUrl) => `公表時の本文の SHA-256：<code>${sha256}</code>（<a href="${lockUrl}">サイトのロックファイル</a>）。`,
    entryTitle: (title, first, date, editorial) => `${title}を${first ? '公開' : '改定'}（${date}施行）${editorial ? '（表現上の改定）' : ''}`,
    firstSummary: (title) => `${title}の最初に公開された版です。`,
    takesEffectAnnounced: (e, p) => `<strong>${e}に施行されます。</strong>${p}に公表。`,
    effective: (d) => `<strong>${d}施行。</strong>`,
    editorialNote: '<strong>表現上の改定：</strong>作成者が、文言または体裁のみの変更としたものです。',
    changedSections: () => '変更された節：',
    moreSections: (n, href) => `ほか<a href="${href}">${n}節</a>`,
    onlyStart: (href) => `ここに示したのは変更の冒頭のみです。<a href="${href}">すべての変更を見る</a>。`,
    seeAll: (href) => `サイトで<a href="${href}">すべての変更を見る</a>。`,
    readIt: (href, title, date) => `<a href="${href}">${date}施行の${title}を読む</a>。`,
    description: (owner, title) => (title ? `${owner}の${title}の新しい版を、公表と同時にお知らせします。` : `${owner}のポリシーの新しい版を、公表と同時にお知らせします。`),
    newVersions: (name, format, policy) => (policy ? `${policy}：新しい版（${format}）` : `${name}：すべてのポリシーの新しい版（${format}）`),
    translationTitle: (title, date) => `${title}の日本語訳を公開（${date}施行版）`,
    translationSummary: (language, title, date) => `${date}施行の${title}を日本語で読めるようになりました。${language}の原文が優先します。`,
    notTranslated: (language, href) => `この版の日本語訳はまだありません。<a href="${href}">${language}の原文を読む</a>（こちらが優先します）。`,
    translationOutdated: (date) => `この翻訳は${date}施行版に基づくもので、その後の変更は反映されていません。`,
    sectionAtBeginning: '冒頭',
  },

  translation: {
    notice: 'この翻訳は参考のために提供するものです。{language}版と内容に相違がある場合は、{language}版が優先します。',
    controllingText: (l) => `${l}の原文`,
    outdated: (inForce, language, link) => `<strong>この翻訳は最新ではありません。</strong>${inForce}から施行されている現行版は、まだ日本語に翻訳されていません。${link}（${language}、こちらが優先します）。`,
    outdatedPin: (translated, self) => `<strong>この翻訳は最新ではありません。</strong>${translated}施行版を翻訳したもので、${self}施行版での変更は反映されていません。`,
    missingTitle: (title) => `${title}：日本語訳はまだありません`,
    missing: (language, _thisLanguage) => `このポリシーの現行版は、まだ日本語に翻訳されていません。適用されるのは${language}の原文です。`,
    missingVersion: (date, language, _thisLanguage) => `${date}施行版は日本語に翻訳されていません。適用されるのは${language}の原文です。`,
    readControlling: (l) => `${l}の原文を読む`,
    olderTranslation: (d) => `以前の版（${d}施行）の日本語訳は引き続きご覧いただけますが、その後の変更は反映されていません。`,
    noComparison: (l) => `2つの版のいずれかが日本語に翻訳されていません。${l}の原文で比較してください。`,
    status: { current: '最新', outdated: '最新ではありません', missing: '未翻訳' },
    translationLabel: (l) => `${l}訳`,
  },
};

const TABLES: Record<string, Strings> = { en, ja };

/** The strings of a language: its own table, else (a language without one) English. */
export function stringsFor(lang: string): Strings {
  return TABLES[lang] ?? TABLES[lang.split('-')[0]!.toLowerCase()] ?? en;
}

/** Whether Redline has interface strings in a language (else its pages are in English). */
export function hasStrings(lang: string): boolean {
  return (TABLES[lang] ?? TABLES[lang.split('-')[0]!.toLowerCase()]) !== undefined;
}

/** A language's name in itself, for the language switcher: "English", 「日本語」. */
export function endonym(lang: string): string {
  return ({ en: 'English', ja: '日本語', zh: '中文', ko: '한국어', fr: 'Français', de: 'Deutsch', es: 'Español' } as Record<string, string>)[lang.split('-')[0]!.toLowerCase()] ?? lang;
}
