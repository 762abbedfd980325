// What Redline's pages (and a host site's pages) import, as `virtual:redline/site`.
export { siteData, type SiteData } from './site-data.ts';
export { revisionText, revisionAnalysis, revisionDiff, revisionRedline, changedBlocksHtml, compareDataJson } from './diff-data.ts';
export { feedResponse } from './feeds-data.ts';
export { localeOf, langOf, type Locale } from './locale.ts';
