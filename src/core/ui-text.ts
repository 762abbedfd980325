/**
 * Interface words the reading pages share (contents, the version menu,
 * counts, navigation between changes), gathered in one place for the site's
 * language, and the one way numbers are written on every page: the site's
 * language's grouping ("1,208"), never the raw number.
 * English for now; a translation replaces this table (issue 16).
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 1208 → "1,208" in the site's language. */
export function formatNumber(n: number, lang = 'en'): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

/** "1 word", "1,208 words". */
export function countOf(n: number, one: string, many = `${one}s`, lang = 'en'): string {
  return `${formatNumber(n, lang)} ${n === 1 ? one : many}`;
}

export const UI = {
  contents: 'Contents',
  sections: (n: number) => countOf(n, 'section'),
  /** The policy page's menu of links about the version (phone: folded under this line). */
  versionMenu: 'Versions, source and print',
  versionMenuLabel: 'This version',
  /** The changes pages' menu (phone: folded under this line). */
  changesMenu: 'Other changes, data and print',
  compareMenu: 'Other comparisons and print',
  changesMenuLabel: 'About these changes',
  jumpToFirstChange: 'Jump to the first change',
  otherChanges: 'Changes before and after this one',
  previousChange: 'Previous change',
  nextChange: 'Next change',
  firstChange: 'This is the first version: no change before it',
  latestChange: 'No later change',
} as const;
