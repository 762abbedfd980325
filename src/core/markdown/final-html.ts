/**
 * The last look at user text: the HTML a page or feed finally holds, once
 * every rewrite is done (the redline renderer's, and rebaseHtml's, which
 * puts the site's base path or URL into addresses), checked by the same
 * rules as raw HTML in a revision (src/core/markdown/html-rules.ts). The
 * lint rules check the body as written and rendered; this checks what the
 * reader gets, so that a setting or a rewrite can never turn text that
 * passed into markup that runs.
 *
 * Only the part that comes from user text is checked, not the whole page,
 * and each distinct piece once: the result is kept by the SHA-256 of the
 * HTML, so a fragment shown on many pages (a revision's text, a redline in
 * every feed) is read once per build.
 */
import { RedlineError } from '../errors.ts';
import { sha256 } from '../hash.ts';
import { htmlProblem } from './html-rules.ts';
import { rebaseHtml } from '../urls.ts';

/** Hashes of HTML found clean (a build checks some thousands of fragments; the set is emptied past this many). */
const clean = new Set<string>();
const MAX_KEPT = 200_000;

/**
 * The problem with HTML a page or feed is about to hold, if any (a rendered
 * task list's checkbox is allowed). `site`: the site's absolute address, when
 * the HTML's addresses are absolute (feeds).
 */
export function finalHtmlProblem(html: string, site?: string): string | undefined {
  const key = sha256(`${site ?? ''}\0${html}`);
  if (clean.has(key)) return undefined;
  const problem = htmlProblem(html, { taskCheckbox: true, site });
  if (problem) return problem.message;
  if (clean.size >= MAX_KEPT) clean.clear();
  clean.add(key);
  return undefined;
}

/**
 * `rebaseHtml`, then the final check: the HTML as the reader gets it, or a
 * one-line error naming `file` (the revision the HTML comes from, when known).
 */
export function rebaseChecked(html: string, prefix: string, file?: string): string {
  const out = rebaseHtml(html, prefix);
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(prefix) ? prefix.replace(/\/*$/, '/') : undefined;
  const problem = finalHtmlProblem(out, absolute);
  if (problem) {
    throw new RedlineError({
      file,
      message: `once its addresses are put under ${prefix}, the HTML of ${file ? 'this revision' : 'a page'} holds ${problem.replace(/ is not allowed$/, '')}, which a page may never hold`,
      hint: 'the site is not built; check the site URL (url in redline.config.ts, or --site), and report this to Redline with the revision if the URL is an ordinary one',
    });
  }
  return out;
}
