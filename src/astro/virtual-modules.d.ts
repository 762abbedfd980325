// Types of Redline's virtual modules (src/astro/virtual.ts).
declare module 'virtual:redline/config' {
  const config: import('./virtual.ts').PublicConfig;
  export default config;
}
declare module 'virtual:redline/site' {
  type Runtime = typeof import('./runtime/index.ts');
  export type SiteData = import('./runtime/index.ts').SiteData;
  export const siteData: Runtime['siteData'];
  export const revisionText: Runtime['revisionText'];
  export const revisionAnalysis: Runtime['revisionAnalysis'];
  export const revisionDiff: Runtime['revisionDiff'];
  export const revisionRedline: Runtime['revisionRedline'];
  export const changedBlocksHtml: Runtime['changedBlocksHtml'];
  export const compareDataJson: Runtime['compareDataJson'];
  export const feedResponse: Runtime['feedResponse'];
  export const localeOf: Runtime['localeOf'];
  export const langOf: Runtime['langOf'];
  export type Locale = import('./runtime/index.ts').Locale;
}
declare module 'virtual:redline/layout' {
  const layout: ((props: Record<string, unknown>) => unknown) | undefined;
  export default layout;
}
