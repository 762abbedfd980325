/**
 * An Open Terms Archive declaration for each policy, so that the archive can
 * track it without guessing selectors: /<policy>/ota-declaration.json, in
 * the format of their service declarations (`name`, and under `terms` the
 * policy's terms type with the address to fetch and the selectors of the
 * policy's text).
 *
 * It points at the policy's page, /<policy>/, which always shows the version
 * in force, and selects the title and the text of the policy, nothing else:
 * not the dates, notices of upcoming changes, links or contents, which change
 * without the policy changing. The selectors are attributes the page keeps
 * for this purpose (`data-redline-title`, `data-redline-text`), not its
 * classes, so that a new design does not break them.
 *
 * A policy whose terms type is unknown (src/core/terms-types.ts; set it with
 * `types` in redline.config.ts) has no declaration: the archive's format
 * names every document by its type.
 */
import type { SiteSettings } from './settings.ts';
import type { PolicyView } from './site.ts';
import { absolute, paths } from './urls.ts';
import { termsTypeOf } from './terms-types.ts';

/** The attributes on the policy pages that the declaration selects. */
export const TITLE_ATTRIBUTE = 'data-redline-title';
export const TEXT_ATTRIBUTE = 'data-redline-text';

export interface OtaDeclaration {
  name: string;
  terms: Record<string, { fetch: string; select: string[] }>;
}

/** The declaration of a policy, or undefined when its terms type is unknown. */
export function otaDeclaration(settings: SiteSettings, policy: Pick<PolicyView, 'id' | 'title'>): OtaDeclaration | undefined {
  const type = termsTypeOf(policy, settings.types?.[policy.id]);
  if (!type) return undefined;
  return {
    name: settings.owner,
    terms: {
      [type]: {
        fetch: absolute(settings.url, paths.policy(policy.id)),
        select: [`[${TITLE_ATTRIBUTE}]`, `[${TEXT_ATTRIBUTE}]`],
      },
    },
  };
}

export function otaDeclarationJson(settings: SiteSettings, policy: Pick<PolicyView, 'id' | 'title'>): string {
  const d = otaDeclaration(settings, policy);
  if (!d) throw new Error(`policy "${policy.id}" has no terms type`);
  return `${JSON.stringify(d, null, 2)}\n`;
}
