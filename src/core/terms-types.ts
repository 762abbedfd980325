/**
 * What kind of policy each policy is, in the words of the Open Terms Archive
 * ontology of terms types (the npm package `@opentermsarchive/terms-types`:
 * "Privacy Policy", "Terms of Service", "Trackers Policy" with its alias
 * "Cookies Policy", …). It names the policy in its Open Terms Archive
 * declaration (/<policy>/ota-declaration.json) and in the versions API, and
 * gives the home page its RFC 6903 links (`privacy-policy`, `terms-of-service`).
 *
 * A policy's type is the one the settings give it (`types` in
 * redline.config.ts), else the type whose name or alias its title or its id
 * reads as, else none.
 */
import TERMS_TYPES from '@opentermsarchive/terms-types/termsTypes.json' with { type: 'json' };

export interface TermsTypeInfo {
  topic?: string;
  obligee?: string;
  aliases?: string[];
}

/** Every terms type of the ontology, by name. */
export const TERMS_TYPE_NAMES: readonly string[] = Object.keys(TERMS_TYPES as Record<string, TermsTypeInfo>);

export function isTermsType(name: unknown): name is string {
  return typeof name === 'string' && Object.hasOwn(TERMS_TYPES, name);
}

/** "Cookie policies" and "cookies policy" read alike: lower case, words without a plural "s", "and" for "&". */
function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => (w.length > 3 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))
    .join(' ');
}

/** Every name and alias of the ontology, normalised, to the type's name. */
const BY_NAME = new Map<string, string>();
for (const [name, info] of Object.entries(TERMS_TYPES as Record<string, TermsTypeInfo>)) {
  for (const n of [name, ...(info.aliases ?? [])]) if (!BY_NAME.has(normalise(n))) BY_NAME.set(normalise(n), name);
}

/** Short ids that name a type without saying "policy" or "of service". */
const SHORT: Record<string, string> = {
  terms: 'Terms of Service',
  tos: 'Terms of Service',
  toc: 'Terms of Service',
  privacy: 'Privacy Policy',
  cookie: 'Trackers Policy',
  imprint: 'Imprint',
  impressum: 'Imprint',
  aup: 'Acceptable Use Policy',
  dpa: 'Data Processor Agreement',
  sla: 'Service Level Agreement',
  accessibility: 'Accessibility Statement',
};

/**
 * The terms type of a policy: `given` (from the settings), else the one its
 * title or id names, else undefined. `Terms of Service` for a policy titled
 * "Terms and Conditions" or with the id `terms`; `Trackers Policy` for a
 * "Cookie Policy".
 */
export function termsTypeOf(policy: { id: string; title: string }, given?: string): string | undefined {
  if (given !== undefined) return given;
  const title = normalise(policy.title);
  const id = normalise(policy.id.replace(/-/g, ' '));
  for (const candidate of [title, id, `${id} policy`]) {
    const found = BY_NAME.get(candidate);
    if (found) return found;
  }
  return SHORT[policy.id];
}

/** The RFC 6903 relation a terms type stands for, if any. */
export function rfc6903Relation(type: string | undefined): 'privacy-policy' | 'terms-of-service' | undefined {
  return type === 'Privacy Policy' ? 'privacy-policy' : type === 'Terms of Service' ? 'terms-of-service' : undefined;
}
