/**
 * A redline as page markup: the summary ("In short", the sections with
 * changes), the legend, and both views (inline, side by side). Pure string
 * functions, so that the changes pages (built) and the compare page's script
 * (in the browser, for pairs not built) write the same HTML from the same
 * engine and renderer.
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
  if (sec.wordsInserted || sec.wordsDeleted) return T.sectionWords(sec.wordsInserted, sec.wordsDeleted);
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

/** "In short": the counts, and the sections with changes, each linking to its place in the inline view. */
export function summaryHtml(diff: MarkdownDiff, lang = 'en'): string {
  const T = redlineStringsFor(lang);
  const s = diff.stats;
  const none = nothingToCount(s, lang);
  const kinds = blockKinds(s, lang);
  const ja = lang === 'ja';
  const out: string[] = ['<section class="rl-summary" aria-labelledby="rl-summary-title">', `<h2 id="rl-summary-title">${esc(T.inShort)}</h2>`];
  if (none) out.push(`<p>${esc(none)}</p>`);
  else {
    out.push(
      '<ul class="rl-stats">',
      ja ? `<li>${esc(T.added)}：<strong class="rl-count-ins">${esc(T.words(s.wordsInserted))}</strong></li>` : `<li><strong class="rl-count-ins">${esc(T.words(s.wordsInserted))}</strong> ${esc(T.added)}</li>`,
      ja ? `<li>${esc(T.removed)}：<strong class="rl-count-del">${esc(T.words(s.wordsDeleted))}</strong></li>` : `<li><strong class="rl-count-del">${esc(T.words(s.wordsDeleted))}</strong> ${esc(T.removed)}</li>`,
      `<li>${T.touched(s.blocksChanged, esc(kinds.join(ja ? '、' : ', ')))}</li>`,
      `<li>${T.withChanges(s.sectionsChanged)}</li>`,
      '</ul>',
    );
  }
  if (diff.sections.length > 0) {
    out.push(`<h2 id="rl-sections-title">${esc(T.sectionsWithChanges)}</h2>`, '<ol class="rl-sections" aria-labelledby="rl-sections-title">');
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

/** How to read a redline: what the marks mean (once per page, for both views). */
export function legendHtml(oldLabel: string, newLabel: string, lang = 'en'): string {
  return `<div class="rl-legend" role="note"><p>${redlineStringsFor(lang).legend(esc(newLabel), esc(oldLabel))}</p></div>`;
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
  const T = redlineStringsFor(options.lang ?? 'en');
  const rebase = options.rebase ?? ((h: string) => h);
  const html = (h: string) => (view === 'inline' ? rebase(h) : rebase(h).replace(/<(h[1-6])\b([^>]*?)\sid="[^"]*"/gi, '<$1$2'));
  const beginning = items.findIndex((i) => i.kind === 'changed' && (i.section < 0 || sections[i.section]?.anchor === null));
  const note = (n: RedlineItem['notes'][number]) => `<p class="rl-note">${n.target ? `<a href="#${esc(n.target)}">${esc(n.text)}</a>` : esc(n.text)}</p>`;
  const out: string[] = [];
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
      out.push(`<div class="${cls}"${k === beginning ? ' id="rl-beginning"' : ''}>${rebase(item.inline)}${item.notes.map(note).join('')}</div>`);
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
  return out.join('\n');
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
    `<h2 id="rl-changes-title">${esc(redlineStringsFor(lang).theChanges)}</h2>`,
    legendHtml(options.oldLabel, options.newLabel, lang),
    `<div id="rl-inline" class="rl-view rl-view-inline">${view('inline')}</div>`,
    `<div id="side-by-side" class="rl-view rl-view-side-by-side">${view('side-by-side')}</div>`,
    '</section>',
  ].join('\n');
}
