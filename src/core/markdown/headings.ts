import GithubSlugger from 'github-slugger';
import type { Root as HastRoot, Element, Nodes } from 'hast';

/** A heading of a rendered body, as Astro reports it (depth, id, text). */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

const HEADING = /^h([1-6])$/;

function headingElements(tree: HastRoot): Element[] {
  const out: Element[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'element' && HEADING.test(n.tagName)) out.push(n);
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return out;
}

/**
 * Gives every heading the id Astro's Markdown pipeline gives it (its
 * rehypeHeadingIds: github-slugger over the heading's text and raw HTML other
 * than lone tags, `{` written `${` outside code), and lists the headings. Ids
 * already set are kept.
 */
export function headingIds(tree: HastRoot): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  for (const h of headingElements(tree)) {
    let text = '';
    const collect = (n: Nodes, parent: Element | undefined) => {
      if (n.type === 'element') {
        for (const c of n.children) collect(c as Nodes, n);
        return;
      }
      if (n.type === 'raw' && /^\n?<.*>\n?$/.test(n.value)) return;
      if ((n.type === 'text' || n.type === 'raw') && parent) {
        text += parent.tagName === 'code' || parent.tagName === 'pre' ? n.value : n.value.replace(/\{/g, '${');
      }
    };
    for (const c of h.children) collect(c as Nodes, h);
    if (typeof h.properties.id !== 'string') h.properties.id = slugger.slug(text);
    headings.push({ depth: Number(h.tagName[1]), slug: h.properties.id as string, text });
  }
  return headings;
}

/** Gives the headings the ids in `ids`, in order (undefined: no id), as the redline renderer needs them. */
export function setHeadingIds(tree: HastRoot, ids: readonly (string | undefined)[]): void {
  headingElements(tree).forEach((h, k) => {
    const id = ids[k];
    if (id) h.properties.id = id;
    else delete h.properties.id;
  });
}
