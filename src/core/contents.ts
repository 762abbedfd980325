/**
 * A policy page's contents: its h2 and h3 headings as a nested list (each h3
 * under the h2 before it, so that a list numbers the sections as the text
 * does), and what the page's CSS needs to mark the section being read
 * without JavaScript (src/astro/styles/contents.css): each entry's place
 * among the headings at the top level of the text.
 */

/** A heading of a rendered body (depth, id, text), as the analysis lists them. */
export interface ContentsHeading {
  depth: number;
  slug: string;
  text: string;
}

export interface ContentsEntry {
  slug: string;
  text: string;
  /**
   * 1-based place of the heading among the h2 and h3 elements at the top level
   * of the text (CSS `:nth-child(n of h2, h3)`), when it is one of the first
   * SPY_LIMIT of them; undefined for a heading nested in a quotation or list.
   */
  spy: number | undefined;
  /** "2." for the second section, "2.1" for its first subsection; undefined when the headings carry numbers of their own. */
  number: string | undefined;
  children: ContentsEntry[];
}

export interface Contents {
  entries: ContentsEntry[];
  /** Every entry, nested ones included. */
  count: number;
  /** The headings carry numbers of their own ("1. Definitions", "B. Accounts"): the list shows none of its own. */
  ownNumbers: boolean;
}

/** How many sections the contents can follow as the reader scrolls: contents.css names one scroll timeline for each. */
export const SPY_LIMIT = 150;

/** "1.", "12)", "A.", "iv.", "§ 3", "Section 2": a heading that numbers itself. */
const NUMBERED = /^\s*(?:§+\s*\d|(?:section|article|part|clause)\s+[\dIVXLC]+\b|(?:\d+(?:\.\d+)*|[A-Za-z]|[IVXLCivxlc]+)[.)](?:\s|$))/i;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The ids of the h2 and h3 elements at the top level of rendered HTML, in
 * order (nested ones, in a quotation or a list, are left out). The HTML is the
 * analysis's, written by hast-util-to-html: every element but the void ones
 * is closed.
 */
export function topLevelHeadingIds(html: string): string[] {
  const ids: string[] = [];
  let depth = 0;
  const tag = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [, close, rawName, attrs = ''] = m;
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    if (close) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth === 0 && (name === 'h2' || name === 'h3')) ids.push(/\sid="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if (!VOID.has(name) && !attrs.endsWith('/')) depth++;
  }
  return ids;
}

/**
 * The contents of a page: h2 and h3 headings, each h3 under the h2 before it
 * (an h3 before any h2 stands at the top level). `html` is the rendered body,
 * for the entries' places at its top level.
 */
export function contentsOf(headings: readonly ContentsHeading[], html: string): Contents {
  const items = headings.filter((h) => h.depth === 2 || h.depth === 3);
  const top = topLevelHeadingIds(html);
  // The n-th top-level heading is the n-th top-level h2/h3; headings are unique by id (slugs are numbered).
  const place = new Map<string, number>();
  top.forEach((id, k) => {
    if (id && !place.has(id) && k < SPY_LIMIT) place.set(id, k + 1);
  });
  const entries: ContentsEntry[] = [];
  let parent: ContentsEntry | undefined;
  for (const h of items) {
    const entry: ContentsEntry = { slug: h.slug, text: h.text.replace(/\s+/g, ' ').trim(), spy: place.get(h.slug), number: undefined, children: [] };
    if (h.depth === 3 && parent) parent.children.push(entry);
    else {
      entries.push(entry);
      if (h.depth === 2) parent = entry;
    }
  }
  const numbered = items.filter((h) => NUMBERED.test(h.text)).length;
  const ownNumbers = items.length > 0 && numbered * 2 >= items.length;
  // Numbers in the text itself (not list markers, which assistive technologies do not read in full): 1., 1.1, 1.2, 2.
  if (!ownNumbers) {
    entries.forEach((e, k) => {
      e.number = `${k + 1}.`;
      e.children.forEach((c, j) => (c.number = `${k + 1}.${j + 1}`));
    });
  }
  return { entries, count: items.length, ownNumbers };
}

/**
 * The part of src/astro/styles/contents.css that scripts/contents-css.ts
 * writes: one scroll timeline per top-level heading of the text (the n-th
 * h2 or h3), scoped to the article so that the contents can see them, and for
 * the contents' n-th link the timelines of its heading and the next one
 * (highlighted once its heading has passed the reading line, until the next
 * one has).
 */
export function spyRules(limit = SPY_LIMIT): string {
  const names = Array.from({ length: limit }, (_, k) => `--rl-s${k + 1}`);
  const out = [`.rl-reading { timeline-scope: ${names.join(', ')}; }`];
  for (let n = 1; n <= limit; n++) {
    // Written per tag, so that the browser tests only headings against these rules.
    out.push(`.policy-text > h2:nth-child(${n} of h2, h3), .policy-text > h3:nth-child(${n} of h2, h3) { view-timeline-name: --rl-s${n}; }`);
    out.push(`.rl-s${n} { animation-timeline: --rl-s${n}, --rl-s${n + 1}; }`);
  }
  return out.join('\n');
}

/** The whole of src/astro/styles/contents-spy.css. */
export function spyCss(limit = SPY_LIMIT): string {
  return `/* Written by scripts/contents-css.ts (src/core/contents.ts): do not edit. How it is used: contents.css. */\n@supports (animation-timeline: view()) and (timeline-scope: none) {\n@media (min-width: 64em) {\n${spyRules(limit)}\n}\n}\n`;
}
