import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings, today, policiesDir, artifacts } from '../context.ts';
import { RedlineError } from '../../core/errors.ts';
import { stateOf } from '../../core/lifecycle.ts';
import { sortProblems } from '../../core/lock.ts';
import { displayPath } from '../../node/policies.ts';
import { inspectPolicies } from '../../node/inspect.ts';
import { statusOf } from '../../core/translations.ts';
import { stringsFor } from '../../core/i18n/strings.ts';

/**
 * `redline check`: every rule `build` applies (file names, front matter,
 * dates, summaries, Markdown and its raw-HTML policy, the lock), without
 * building. Every problem is reported in one run; warnings count too.
 */
export const check: Command = {
  usage: 'check [--policies DIR] [--now YYYY-MM-DD] [--strict]',
  summary: 'Checks every revision and policies/redline.lock without building, as a build would; exit code 1 on an error (with --strict, on a warning too).',
  async run(argv) {
    const { values } = parse('check', argv, { policies: { type: 'string' }, now: { type: 'string' }, strict: { type: 'boolean' } });
    const settings = await loadSettings();
    const day = today(settings, values.now);
    const dir = policiesDir(values.policies);

    // The same pass the content loader makes before a build (src/node/inspect.ts).
    const { policies, errors: found, warnings: cautions } = await inspectPolicies(dir, { artifacts: artifacts(), today: day, realToday: today(settings), parallel: true, settings });
    const problems = [...found, ...cautions];
    const all = sortProblems(problems);
    if (policies.length === 0 && problems.length === 0) {
      all.push(new RedlineError({ file: displayPath(dir), message: 'holds no policies', hint: 'add one with: npm run redline -- new <policy> --title "..."' }));
    } else if (!all.some((p) => p.severity === 'error') && policies.length > 0 && policies.every((p) => p.revisions.every((r) => stateOf(r, p.revisions, day) === 'scheduled'))) {
      // build would have no page to write: the same error here.
      all.push(new RedlineError({ file: displayPath(dir), message: `nothing is announced yet as of ${day}`, hint: 'check the "published" dates, or preview with --drafts' }));
    }

    const out: string[] = [];
    const revisions = policies.reduce((n, p) => n + p.revisions.length, 0);
    // Revision files that could not be loaded are listed too, in their place, as having errors.
    const listed = new Set(policies.flatMap((p) => p.revisions.map((r) => r.file)));
    const failed = [...new Set(problems.filter((p) => p.severity === 'error' && p.file?.endsWith('.md') && !listed.has(p.file)).map((p) => p.file!))];
    const lines: [string, string][] = failed.map((f) => [f, `  ${f}  has errors (below)`]);
    const translations = policies.reduce((n, p) => n + (p.translations?.length ?? 0), 0);
    out.push(`As of ${day} (${settings.timeZone}): ${policies.length} ${policies.length === 1 ? 'policy' : 'policies'}, ${revisions} ${revisions === 1 ? 'revision' : 'revisions'}${translations ? `, ${translations} ${translations === 1 ? 'translation' : 'translations'}` : ''}${failed.length ? ` and ${failed.length} with errors` : ''}`);
    for (const policy of policies) {
      for (const rev of policy.revisions) {
        const state = stateOf(rev, policy.revisions, day);
        const what =
          state === 'scheduled' ? `scheduled: announced on ${rev.published}, takes effect on ${rev.effective}`
          : state === 'upcoming' ? `upcoming: announced on ${rev.published}, takes effect on ${rev.effective}`
          : state === 'in-force' ? 'in force'
          : 'superseded';
        lines.push([rev.file, `  ${rev.file}  ${what}${rev.change === 'editorial' ? ' (editorial)' : ''}`]);
      }
      for (const t of policy.translations ?? []) {
        const status = statusOf(t) === 'current' ? 'current' : `outdated (it translates ${policy.id}/${t.translates}.md)`;
        lines.push([t.file, `  ${t.file}  ${stringsFor('en').languageName(t.lang)} translation: ${status}${t.published > day ? `, published on ${t.published}` : ''}`]);
      }
    }
    lines.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push(...lines.map(([, line]) => line));
    process.stdout.write(out.join('\n') + '\n');

    if (all.length === 0) {
      process.stdout.write('No problems.\n');
      return 0;
    }
    for (const p of all) process.stderr.write(`${p.severity === 'warning' ? 'warning: ' : ''}${p.format()}\n`);
    const errors = all.filter((p) => p.severity === 'error').length;
    const warnings = all.length - errors;
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    process.stderr.write(`${count(all.length, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')}).\n`);
    // Warnings do not stop a build; --strict (for pull requests) fails on them too.
    return errors > 0 || values.strict ? 1 : 0;
  },
};
