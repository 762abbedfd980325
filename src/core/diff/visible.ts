// What a reader sees of a block, for telling a change in the Markdown source only from one on the
// page. Pure and small: the browser's compare script loads it too.
import type { Nodes } from 'mdast';

/** HTML comments, as a browser ends them (`<!-->` and `<!--->` are whole comments). */
export const HTML_COMMENT = /<!--(?:>|->|[\s\S]*?--!?>)/g;

/** Node fields that change what a reader sees (text aside). */
const SHOWN = ['depth', 'ordered', 'start', 'checked', 'url', 'title', 'alt', 'lang', 'meta', 'align', 'identifier'] as const;

/**
 * What a reader sees of a block, as a short signature: its tree with the
 * text's spacing collapsed, HTML comments left out, and everything that
 * renders (emphasis, link addresses, images, code) kept. Two blocks with the
 * same signature look the same on the page; '' for a block that shows
 * nothing (an HTML comment, a link definition nobody sees by itself).
 */
export function visibleSignature(node: Nodes): string {
  if (node.type === 'definition') return '';
  const walk = (n: Nodes): unknown => {
    if (n.type === 'html') {
      const v = n.value.replace(HTML_COMMENT, '').replace(/\s+/g, ' ').trim();
      return v ? ['html', v] : null;
    }
    if (n.type === 'text') return n.value.replace(/\s+/g, ' ');
    if (n.type === 'inlineCode' || n.type === 'code') return [n.type, n.value, n.type === 'code' ? (n.lang ?? null) : null];
    const out: unknown[] = [n.type];
    const fields = n as unknown as Record<string, unknown>;
    for (const k of SHOWN) if (fields[k] !== undefined && fields[k] !== null) out.push(k, fields[k]);
    if ('children' in n) for (const c of n.children as Nodes[]) {
      const w = walk(c);
      if (w !== null) out.push(w);
    }
    return out;
  };
  const shape = walk(node);
  if (shape === null) return '';
  return hash53(JSON.stringify(shape));
}

/** A 53-bit hash of a string, in base 36 (cyrb53): short, pure, the same in Node and in browsers. */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
