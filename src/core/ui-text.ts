/**
 * Interface words the reading pages share (contents, the version menu,
 * counts, navigation between changes), one table per language like the rest
 * of the interface's strings (src/core/i18n/strings.ts, whose `ui` they are).
 * Numbers are written with the language's grouping ("1,208"), as everywhere.
 */
import { REDLINE_EN, REDLINE_JA } from './i18n/redline-strings.ts';

export interface UiText {
  contents: string;
  /** How many entries the contents have: "12 sections"; 「12節」 (the redline's own words for a count of sections). */
  sections: (n: number) => string;
  /** The policy page's menu of links about the version (phone: folded under this line). */
  versionMenu: string;
  versionMenuLabel: string;
  /** The changes pages' menu (phone: folded under this line). */
  changesMenu: string;
  compareMenu: string;
  changesMenuLabel: string;
  jumpToFirstChange: string;
  otherChanges: string;
  previousChange: string;
  nextChange: string;
  firstChange: string;
  latestChange: string;
  /** A link's words and the date it leads to: "Next change (1 April 2025)" (the date is HTML). */
  dated: (words: string, dateHtml: string) => string;
  /** "(12 words added, 3 removed)". */
  inParens: (text: string) => string;
  /** The history's compare form (phone: folded under this line). */
  compareTwoVersions: string;
}

export const UI_EN: UiText = {
  contents: 'Contents',
  sections: REDLINE_EN.sectionCount,
  versionMenu: 'Versions, source and print',
  versionMenuLabel: 'This version',
  changesMenu: 'Other changes, data and print',
  compareMenu: 'Other comparisons and print',
  changesMenuLabel: 'About these changes',
  jumpToFirstChange: 'Jump to the first change',
  otherChanges: 'Changes before and after this one',
  previousChange: 'Previous change',
  nextChange: 'Next change',
  firstChange: 'This is the first version: no change before it',
  latestChange: 'No later change',
  dated: (words, date) => `${words} (${date})`,
  inParens: (text) => `(${text})`,
  compareTwoVersions: 'Compare two versions',
};

export const UI_JA: UiText = {
  contents: '目次',
  sections: REDLINE_JA.sectionCount,
  versionMenu: '版・原文・印刷',
  versionMenuLabel: 'この版',
  changesMenu: 'ほかの変更・データ・印刷',
  compareMenu: 'ほかの比較・印刷',
  changesMenuLabel: 'この変更について',
  jumpToFirstChange: '最初の変更へ移動',
  otherChanges: 'この前後の変更',
  previousChange: '前の変更',
  nextChange: '次の変更',
  firstChange: '最初の版です。これより前の変更はありません',
  latestChange: 'これより後の変更はありません',
  dated: (words, date) => `${words}（${date}）`,
  inParens: (text) => `（${text}）`,
  compareTwoVersions: '2つの版を比較',
};

const TABLES: Record<string, UiText> = { en: UI_EN, ja: UI_JA };

/** The reading pages' words in a language: its own table, else (a language without one) English, as stringsFor. */
export function uiText(lang = 'en'): UiText {
  return TABLES[lang] ?? TABLES[lang.split('-')[0]!.toLowerCase()] ?? UI_EN;
}
