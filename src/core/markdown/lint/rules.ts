/**
 * The rules on a revision's Markdown, one unified plugin each. Raw HTML is
 * read as a browser reads it (src/core/markdown/html-rules.ts); links and
 * images may not run code or load from elsewhere; headings should be unique
 * and keep clear of the ids the pages use; a "TODO:" line is a placeholder.
 */
import { slug } from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { toHtml } from 'hast-util-to-html';
import { raw } from 'hast-util-raw';
import type { Nodes } from 'mdast';
import { HINTS, htmlProblem, unsafeScheme, urlTarget } from '../html-rules.ts';
import { toHastTree } from '../processor.ts';
import { report, walk, type Rule } from './rule.ts';

/** Raw HTML that runs code, loads from elsewhere or changes the page around the policy. */
export const rawHtml: Rule = () => (tree, file) => {
  walk(tree, (node) => {
    if (node.type !== 'html' || !node.position) return;
    const problem = htmlProblem(node.value);
    if (problem) report(file, 'raw-html', { at: { line: node.position.start.line + problem.line - 1, column: 1 }, message: problem.message, hint: problem.hint });
  });
};

/** `javascript:`, `vbscript:` and `data:` addresses in links, images and definitions. */
export const urlScheme: Rule = () => (tree, file) => {
  walk(tree, (node) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && unsafeScheme(node.url)) {
      report(file, 'url-scheme', { at: node, message: `link to "${unsafeScheme(node.url)}:" URL is not allowed`, hint: 'link to an https:// address, a mailto: address or a page of this site' });
    }
  });
};

/** Images must be served by the site itself: not from another site (a third-party request), not beside the revisions. */
export const imageSource: Rule = () => (tree, file) => {
  const definitions = new Map<string, string>();
  walk(tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node.url); // the first one counts
  });
  const check = (node: Nodes, url: string) => {
    const target = urlTarget(url);
    if (target === 'remote') report(file, 'image-source', { at: node, message: 'an image from another site is not allowed', hint: HINTS.remoteImage });
    else if (target !== 'site') report(file, 'image-source', { at: node, message: `image "${url}" has a relative address, which the site cannot serve`, hint: HINTS.relativeImage });
  };
  walk(tree, (node) => {
    if (node.type === 'image' && !unsafeScheme(node.url)) check(node, node.url);
    else if (node.type === 'imageReference') {
      // ![chart][c] with [c]: https://… is an image from that address too.
      const url = definitions.get(node.identifier);
      if (url !== undefined && !unsafeScheme(url)) check(node, url);
    }
  });
};

/** Ids that pages showing a policy's text give their own parts: a heading must not take one. The others start with "rl-". */
const PAGE_IDS = new Set(['main', 'print']);

/** Headings unique within a revision, so that every link to a section is unambiguous, and clear of the pages' own ids. */
export const headingIds: Rule = () => (tree, file) => {
  const seen = new Map<string, number>();
  walk(tree, (node) => {
    if (node.type !== 'heading' || !node.position) return;
    const line = node.position.start.line;
    const text = toString(node).trim();
    const id = slug(text);
    const first = seen.get(id);
    if (first !== undefined) {
      report(file, 'heading-unique', { at: node, warning: true, related: first, message: `heading "${text}" repeats the heading on line {line}`, hint: 'make each heading unique so that links to its section stay unambiguous' });
      return;
    }
    if (PAGE_IDS.has(id) || id.startsWith('rl-')) {
      report(file, 'heading-id', { at: node, warning: true, message: `heading "${text}" would get the id "${id}", which the pages use for themselves`, hint: 'reword the heading, so that its link and the page’s own stay apart' });
    }
    seen.set(id, line);
  });
};

const PLACEHOLDER_LINE = /^[ \t>*+-]*(?:\d+\.[ \t]+)?#*[ \t]*TODO:/m;

/** A line of text starting with "TODO:" is what `redline new` leaves for the author to write. */
export const placeholder: Rule = () => (_tree, file) => {
  const text = String(file.value);
  const todo = PLACEHOLDER_LINE.exec(text);
  if (!todo) return;
  let line = 1;
  for (let i = 0; i < todo.index; i++) if (text.charCodeAt(i) === 10) line++;
  report(file, 'placeholder', { at: { line, column: 1 }, message: 'the text still holds a "TODO:" placeholder', hint: 'write the text it stands for, or delete the line' });
};

/** A rendered page holds the checkbox of a Markdown task list item, which an author may not write as raw HTML. */
const RENDERED = { taskCheckbox: true };

/**
 * A defence in depth, run last: when nothing else is wrong and the body holds
 * raw HTML, the body is rendered as the site renders it (raw HTML parsed into
 * the page) and as a redline writes it (raw HTML as written), and the whole
 * fragment is checked again by the same rules, so that a tag or quote opened
 * in one raw HTML block and closed in another cannot slip through. A problem
 * is reported on the first raw HTML line: where in the source a problem that
 * only appears once the page is put together comes from cannot be known.
 */
export const renderedHtml: Rule = () => (tree, file) => {
  if (file.messages.some((m) => m.fatal)) return;
  let first: number | undefined;
  walk(tree, (n) => {
    if (n.type === 'html' && n.position) first ??= n.position.start.line;
  });
  if (first === undefined) return;
  const hast = toHastTree(tree);
  const problem = htmlProblem(toHtml(hast, { allowDangerousHtml: true }), RENDERED) ?? htmlProblem(toHtml(raw(hast), { allowDangerousHtml: true }), RENDERED);
  if (problem) {
    report(file, 'rendered-html', {
      at: { line: first, column: 1 },
      message: `${problem.message}, once the revision's raw HTML is read as a whole`,
      hint: `${problem.hint}; look for a tag, quote or comment left open in one raw HTML block and closed in a later one`,
    });
  }
};
