import { unified } from 'unified';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { headingIds, imageSource, placeholder, rawHtml, renderedHtml, urlScheme } from './rules.ts';

export { rawHtml, urlScheme, imageSource, headingIds, placeholder, renderedHtml };
export type { Rule } from './rule.ts';

/** Redline's rules, in the order they run (the rendered-page check last: it runs only when the others found no error). */
export const redlineLint = unified().use(placeholder).use(rawHtml).use(urlScheme).use(imageSource).use(headingIds).use(renderedHtml).freeze();

/** A problem found in a body: its line in the body (1-based), what is wrong, how to fix it. */
export interface LintProblem {
  line: number;
  message: string;
  hint: string;
  severity: 'error' | 'warning';
  rule: string;
  /** Another line the message names, as `{line}` (src/core/markdown/lint/rule.ts). */
  related?: number;
}

/** Runs the rules over a parsed body; the problems in the order the rules report them. */
export function lintTree(tree: Root, body: string): LintProblem[] {
  const file = new VFile({ value: body });
  redlineLint.runSync(tree, file);
  return file.messages.map((m) => ({
    line: m.line ?? 1,
    message: m.reason,
    hint: m.note ?? '',
    severity: m.fatal ? 'error' : 'warning',
    rule: m.ruleId ?? '',
    ...((m as { related?: number }).related !== undefined ? { related: (m as { related?: number }).related } : {}),
  }));
}
