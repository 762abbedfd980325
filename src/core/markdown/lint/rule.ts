import type { Root, Nodes } from 'mdast';
import type { VFile } from 'vfile';
import type { Point } from 'unist';

/**
 * A lint rule: a unified plugin over a revision body's mdast that reports
 * problems as vfile messages (remark-lint's way), each with its rule id, a
 * hint (`note`) and whether it is an error (`fatal`) or a warning.
 */
export type Rule = () => (tree: Root, file: VFile) => void;

export interface Report {
  /** Where: a node, or a point. */
  at: Nodes | Point | undefined;
  message: string;
  hint: string;
  warning?: boolean;
  /** Another line the message names ("repeats the heading on line N"), written `{line}` in it: counted in the body here, in the file when shown. */
  related?: number;
}

/** Reports a problem for the rule `ruleId`. */
export function report(file: VFile, ruleId: string, r: Report): void {
  const place = r.at && 'type' in r.at ? r.at.position : r.at;
  const m = file.message(r.message, { place, ruleId, source: 'redline' });
  m.note = r.hint;
  m.fatal = !r.warning;
  if (r.related !== undefined) (m as { related?: number }).related = r.related;
}

/** Every node, depth first, in document order. */
export function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}
