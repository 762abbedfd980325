/**
 * A redline as page markup: the summary ("In short", the sections with
 * changes), the legend, and both views (inline, side by side). Pure string
 * functions, so that the changes pages (built) and the compare page's script
 * (in the browser, for pairs not built) write the same HTML from the same
 * engine and renderer. In the page's language (src/core/i18n/redline-strings.ts).
 */
import type { ChangedSection, DiffStats, MarkdownDiff } from './types.ts';
import type { RedlineItem } from './render.ts';
import { redlineId } from './render.ts';
import { blockKinds } from './summary.ts';
import { redlineStringsFor } from '../i18n/redline-strings.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What one section's changes amount to: "12 words added, 3 removed", "moved, no words changed", "no visible change". */
export function sectionChange(sec: ChangedSection, lang = 'en'): string {
  const T = redlineStringsFor(lang);
  if (sec.wordsInserted || sec.wordsDeleted) return T.wordsChanged(sec.wordsInserted, sec.wordsDeleted);
  if (sec.blocksMoved > 0) return sec.blocksMoved === sec.blocksChanged ? T.movedNoWords : T.movedSpacing;
  if (sec.invisible) return T.noVisible;
  return T.formatting;
}

/** What happened to a section's heading, when the section as a whole came, went or moved. */
export function sectionTag(sec: ChangedSection, lang = 'en'): string | undefined {
  const T = redlineStringsFor(lang).tags;
  if (sec.heading === 'inserted') return T.inserted;
  if (sec.heading === 'deleted') return T.deleted;
  if (sec.heading === 'moved') return sec.side === 'new' ? T.movedHere : T.movedAway;
  return undefined;
}

/** The stats when there is nothing to count: identical texts, or changes a reader cannot see. */
export function nothingToCount(s: DiffStats, lang = 'en'): string | undefined {
  const T = redlineStringsFor(lang);
  if (s.identical) return T.sameText;
  if (s.blocksChanged > 0) return undefined;
  if (s.blocksInvisible > 0) return T.invisibleOnly;
  return T.spacingOnly;
}

/** "12 words added, 3 removed", "4 words removed", "no wording change": one phrase for the history and the changes pages. */
export function wordsChanged(inserted: number, deleted: number, lang = 'en'): string {
  return redlineStringsFor(lang).wordsChanged(inserted, deleted);
}

/**
 * "In short": the counts, and the sections with changes, each linking to its
 * place in the inline view. On small screens one line (words added and
 * removed, in how many sections) that opens to the rest, so that the first
 * change comes first; open on wide screens (site.css, .rl-fold).
 */
export function summaryHtml(diff: MarkdownDiff, lang = 'en'): string {
  const T = redlineStringsFor(lang);
  const s = diff.stats;
  const none = nothingToCount(s, lang);
  const kinds = blockKinds(s, lang);
  const ja = lang === 'ja';
  const out: string[] = ['<section class="rl-summary" aria-labelledby="rl-summary-title">', `<h2 id="rl-summary-title" class="rl-narrow-hidden">${esc(T.inShort)}</h2>`];
  if (none) out.push(`<p>${esc(none)}</p>`);
  if (!none || diff.sections.length > 0) {
    const line = none
      ? `<span>${esc(T.sectionsWithChanges)} <span class="rl-fold-count">${esc(T.sectionCount(diff.sections.length))}</span></span>`
      : `<span>${esc(T.wordsChanged(s.wordsInserted, s.wordsDeleted))} <span class="rl-fold-count">${esc(T.inSections(s.sectionsChanged))}</span></span>`;
    out.push('<details class="rl-fold rl-sections-fold">', `<summary>${line}</summary>`);
  }
  if (!none) {
    out.push(
      '<ul class="rl-stats">',
      ja ? `<li>${esc(T.added)}：<strong class="rl-count-ins">${esc(T.statWords(s.wordsInserted))}</strong></li>` : `<li><strong class="rl-count-ins">${esc(T.statWords(s.wordsInserted))}</strong> ${esc(T.added)}</li>`,
      ja ? `<li>${esc(T.removed)}：<strong class="rl-count-del">${esc(T.statWords(s.wordsDeleted))}</strong></li>` : `<li><strong class="rl-count-del">${esc(T.statWords(s.wordsDeleted))}</strong> ${esc(T.removed)}</li>`,
      `<li>${T.touched(s.blocksChanged, esc(kinds.join(ja ? '、' : ', ')))}</li>`,
      `<li>${T.withChanges(s.sectionsChanged)}</li>`,
      '</ul>',
    );
  }
  if (diff.sections.length > 0) {
    out.push(`<h3 id="rl-sections-title">${esc(T.sectionsWithChanges)}</h3>`, '<ol class="rl-sections" aria-labelledby="rl-sections-title">');
    for (const sec of diff.sections) {
      const tag = sectionTag(sec, lang);
      out.push(
        `<li><a href="#${esc(redlineId(sec) ?? 'rl-beginning')}">${esc(sec.anchor === null ? T.beforeFirstHeading : sec.title)}</a>` +
          (tag ? ` <span class="rl-tag">${esc(tag)}</span>` : '') +
          ` <span class="rl-words">— ${esc(sectionChange(sec, lang))}</span></li>`,
      );
    }
    out.push('</ol>');
  }
  if (!none || diff.sections.length > 0) out.push('</details>');
  out.push('</section>');
  return out.join('\n');
}

/** The switch between the two views: links to #rl-inline and #side-by-side (CSS :target shows one; no JavaScript). */
export function viewsNavHtml(lang = 'en'): string {
  const T = redlineStringsFor(lang);
  const views = [
    ['rl-inline', esc(T.inline)],
    ['side-by-side', esc(T.sideBySide)],
  ];
  return `<nav class="rl-views" aria-label="${esc(T.views)}"><ul>${views.map(([id, name]) => `<li><a href="#${id}" class="rl-view-link rl-view-link-${id}">${name}</a></li>`).join('')}</ul></nav>`;
}

/** How to read a redline: what the marks mean (once per page, for both views), in a line or two. */
export function legendHtml(lang = 'en'): string {
  return `<div class="rl-legend" role="note"><p>${redlineStringsFor(lang).legend}</p></div>`;
}

/** The id of the n-th change (1-based) of the inline view: "jump to the first change" and each change's previous/next links lead there. */
export const changeId = (n: number) => `rl-change-${n}`;

/** Before each change of the inline view: which it is, and links to the one before and after (a keyboard reader steps through them). */
function stepHtml(n: number, total: number, lang: string): string {
  const T = redlineStringsFor(lang).step;
  const to = (k: number, dir: 'previous' | 'next') =>
    k >= 1 && k <= total
      ? `<a href="#${changeId(k)}" class="rl-step-${dir}">${esc(T[dir])}${T.hidden ? `<span class="visually-hidden">${esc(T.hidden)}</span>` : ''}</a>`
      : '';
  return `<p class="rl-step" id="${changeId(n)}"><span class="rl-step-n">${esc(T.of(n, total))}</span>${to(n - 1, 'previous')}${to(n + 1, 'next')}</p>`;
}

export interface ViewOptions {
  view: 'inline' | 'side-by-side';
  /** "the version effective 1 April 2024" */
  oldLabel: string;
  newLabel: string;
  /** Site-relative links (/…) made to work under the site's base path. */
  rebase?: (html: string) => string;
  /** The page's language (default English). */
  lang?: string;
}

/**
 * One view of a redline: unchanged runs collapsed (<details>, no JavaScript
 * needed), changed blocks marked. Only the inline view keeps heading ids: the
 * side-by-side view shares its page.
 */
export function viewHtml(items: readonly RedlineItem[], sections: readonly ChangedSection[], options: ViewOptions): string {
  const { view } = options;
  const lang = options.lang ?? 'en';
  const T = redlineStringsFor(lang);
  const rebase = options.rebase ?? ((h: string) => h);
  const html = (h: string) => (view === 'inline' ? rebase(h) : rebase(h).replace(/<(h[1-6])\b([^>]*?)\sid="[^"]*"/gi, '<$1$2'));
  const beginning = items.findIndex((i) => i.kind === 'changed' && (i.section < 0 || sections[i.section]?.anchor === null));
  const note = (n: RedlineItem['notes'][number]) => `<p class="rl-note">${n.target ? `<a href="#${esc(n.target)}">${esc(n.text)}</a>` : esc(n.text)}</p>`;
  const out: string[] = [];
  const total = items.filter((i) => i.kind === 'changed').length;
  let n = 0;
  if (items.length === 0) out.push(`<p>${esc(T.nothing)}</p>`);
  out.push(`<div class="rl-redline rl-${view} prose">`);
  if (view === 'side-by-side' && items.some((i) => i.kind === 'changed')) {
    out.push(`<div class="rl-pair rl-columns" aria-hidden="true"><p>${esc(T.beforeLabel(options.oldLabel))}</p><p>${esc(T.afterLabel(options.newLabel))}</p></div>`);
  }
  items.forEach((item, k) => {
    if (item.kind === 'same') out.push(`<details class="rl-same"><summary>${esc(item.summary)}</summary><div class="rl-text">${html(item.inline)}</div></details>`);
    else if (item.kind === 'pinned') out.push(`<div class="rl-context">${html(item.inline)}</div>`);
    else if (view === 'inline') {
      const cls = item.invisible ? 'rl-change rl-invisible' : 'rl-change';
      out.push(`<div class="${cls}"${k === beginning ? ' id="rl-beginning"' : ''}>${stepHtml(++n, total, lang)}${rebase(item.inline)}${item.notes.map(note).join('')}</div>`);
    } else {
      out.push(
        `<div class="rl-pair rl-change${item.invisible ? ' rl-invisible' : ''}">` +
          `<div class="rl-old"><p class="rl-side">${esc(T.before)}</p>${item.old ? html(item.old) : `<p class="rl-none">${esc(T.notInVersion)}</p>`}</div>` +
          `<div class="rl-new"><p class="rl-side">${esc(T.after)}</p>${item.new ? html(item.new) : `<p class="rl-none">${esc(T.removedBlock)}</p>`}</div>` +
          item.notes.map(note).join('') +
          '</div>',
      );
    }
  });
  out.push('</div>');
  return outline(out.join('\n'));
}

/**
 * Heading levels that a reader's outline can follow: a redline joins blocks of
 * two documents whose headings may sit at different levels (a section that was
 * h3 under "C." and is h2 now, its removed h4 subsections after it), so each
 * heading is made at most one level below the one before it, from the page's
 * "The changes" (h2). Only the element changes, never the words or the marks.
 */
export function outline(html: string, start = 2): string {
  let prev = start;
  let open = 0;
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_m, close: string, level: string) => {
    if (close) return `</h${open || level}`;
    open = Math.min(Number(level), prev + 1);
    prev = open;
    return `<h${open}`;
  });
}

export interface ChangesOptions {
  oldLabel: string;
  newLabel: string;
  rebase?: (html: string) => string;
  /** The page's language (default English). */
  lang?: string;
}

/** Everything a changes page shows of a redline: the summary, then the legend and both views (switched by #side-by-side). */
export function changesHtml(diff: MarkdownDiff, items: readonly RedlineItem[], options: ChangesOptions): string {
  const view = (v: ViewOptions['view']) => viewHtml(items, diff.sections, { ...options, view: v });
  const lang = options.lang ?? 'en';
  return [
    summaryHtml(diff, lang),
    '<section class="rl-changes" aria-labelledby="rl-changes-title">',
    `<h2 id="rl-changes-title" class="rl-narrow-hidden">${esc(redlineStringsFor(lang).theChanges)}</h2>`,
    legendHtml(lang),
    `<div id="rl-inline" class="rl-view rl-view-inline">${view('inline')}</div>`,
    `<div id="side-by-side" class="rl-view rl-view-side-by-side">${view('side-by-side')}</div>`,
    '</section>',
  ].join('\n');
}
