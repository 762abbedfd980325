import { formatDate } from './dates.ts';
import type { RevisionView } from './site.ts';
import { paths } from './urls.ts';
import { stringsFor } from './i18n/strings.ts';

/** What heads the printed copy of a revision: policy, version and effective date, permanent address. */
export function printHeader(view: RevisionView, lang: string, title = view.revision.title): { title: string; version: string; address: string } {
  const rev = view.revision;
  const state = view.draft ? 'draft' : view.state === 'in-force' ? 'in force' : view.state === 'superseded' ? 'no longer in force' : 'not yet in force';
  return {
    title,
    version: stringsFor(lang).printVersion(formatDate(rev.effective, lang), state),
    address: paths.revision(rev.policy, rev.effective),
  };
}
