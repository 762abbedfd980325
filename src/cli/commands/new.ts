import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { parse, dateOption } from '../args.ts';
import { loadSettings, today, policiesDir, artifacts as projectArtifacts } from '../context.ts';
import { POLICY_ID, RESERVED_POLICY_IDS, SUMMARY_PLACEHOLDER, BODY_PLACEHOLDER, type Revision } from '../../core/revisions.ts';
import { displayPath, loadPolicies, revisionBody } from '../../node/policies.ts';
import { RedlineError } from '../../core/errors.ts';
import { proposedDates, NOTICE_DAYS } from '../../core/lifecycle.ts';
import { daysBetween } from '../../core/dates.ts';

/**
 * `redline new <policy>`: writes the next revision of a policy, copied from
 * the revision it replaces, with a summary placeholder that `check` and
 * `build` refuse until the author replaces it. `--title` starts a new policy.
 * Never overwrites a file.
 */
export const newRevision: Command = {
  usage: 'new <policy> [--effective YYYY-MM-DD] [--published YYYY-MM-DD] [--editorial] [--title "..."] [--policies DIR] [--now YYYY-MM-DD]',
  summary: `Starts the next revision of a policy from the text it replaces (material: announced today, in force in ${NOTICE_DAYS} days), or a new policy with --title.`,
  async run(argv) {
    const { values, positionals } = parse(
      'new',
      argv,
      {
        effective: { type: 'string' },
        published: { type: 'string' },
        editorial: { type: 'boolean' },
        title: { type: 'string' },
        policies: { type: 'string' },
        now: { type: 'string' },
      },
      true,
    );
    const usageHint = 'run as: npm run redline -- new <policy> [--effective YYYY-MM-DD] [--published YYYY-MM-DD] [--editorial], or new <policy> --title "..." for a new policy';
    if (positionals.length !== 1) {
      throw new RedlineError({ message: positionals.length === 0 ? 'new: which policy?' : `new: one policy at a time (got ${positionals.join(', ')})`, hint: usageHint });
    }
    const id = positionals[0]!;
    if (!POLICY_ID.test(id)) {
      throw new RedlineError({ message: `"${id}" is not a valid policy name`, hint: 'use lower-case letters, digits and single hyphens, such as "privacy" or "terms-of-service"' });
    }
    if (RESERVED_POLICY_IDS.has(id)) {
      throw new RedlineError({ message: `"${id}" is reserved for the site's own pages`, hint: `choose another name, such as "${id}-policy"` });
    }
    const settings = await loadSettings();
    const day = today(settings, values.now);
    const change = values.editorial ? 'editorial' : 'material';
    const given = { effective: dateOption('effective', values.effective), published: dateOption('published', values.published) };
    // History is only added to at its end: a revision is announced and takes effect today or later.
    for (const [option, date] of [['published', given.published], ['effective', given.effective]] as const) {
      if (date !== undefined && date < day) {
        throw new RedlineError({
          message: `--${option} ${date} is before today (${day})`,
          hint: `a revision ${option === 'published' ? 'is announced' : 'takes effect'} today or later; a correction of a published text is "npm run redline -- correct"`,
        });
      }
    }
    const dir = policiesDir(values.policies);
    const folder = join(dir, id);
    const artifacts = projectArtifacts();
    if (!existsSync(dir)) {
      throw new RedlineError({ file: displayPath(dir), message: 'policies folder not found', hint: 'create it, or point to it with --policies DIR' });
    }

    let base: Revision | undefined;
    let dates: { effective: string; published: string };
    let title: string;
    if (values.title !== undefined) {
      title = values.title.trim();
      if (title === '' || /[\n\r]/.test(title)) throw new RedlineError({ message: '--title must be one line of text', hint: 'such as --title "Cookie Policy"' });
      if (existsSync(folder) && readdirSync(folder).some((n) => !n.startsWith('.'))) {
        throw new RedlineError({ file: displayPath(folder), message: 'already exists', hint: `leave out --title to add the next revision of ${id}` });
      }
      // A policy's first revision replaces nothing: it needs no notice.
      dates = proposedDates(day, 'editorial', given);
    } else {
      if (!existsSync(folder)) {
        throw new RedlineError({ file: displayPath(folder), message: 'does not exist', hint: `to start a new policy, add --title "...": npm run redline -- new ${id} --title "..."` });
      }
      dates = proposedDates(day, change, given);
      const loaded = await loadPolicies(dir, artifacts);
      // Copying from a policy with a broken revision could copy the wrong text: fix it first.
      const broken = loaded.problems.filter((p) => p.severity === 'error' && p.file !== undefined && (p.file === displayPath(folder) || p.file.startsWith(displayPath(folder) + '/')));
      if (broken.length > 0) {
        throw new RedlineError({ file: broken[0]!.file, line: broken[0]!.line, message: `${broken[0]!.message}${broken.length > 1 ? ` (and ${broken.length - 1} more ${broken.length === 2 ? 'problem' : 'problems'} in ${displayPath(folder)})` : ''}`, hint: 'fix the revisions of this policy first (npm run redline -- check), then run new again' });
      }
      const policy = loaded.policies.find((p) => p.id === id);
      base = policy?.revisions.filter((r) => r.effective < dates.effective).at(-1);
      if (!policy) {
        throw new RedlineError({ file: displayPath(folder), message: 'has no revision to start from', hint: 'fix the problems that "npm run redline -- check" reports, or start the policy with --title' });
      }
      if (!base) {
        throw new RedlineError({ message: `--effective ${dates.effective} is before the first revision of ${id} (${policy.revisions[0]!.file})`, hint: 'a new revision takes effect after the one it replaces' });
      }
      title = base.title;
    }
    if (dates.published > dates.effective) {
      throw new RedlineError({ message: `--published ${dates.published} is after the effective date ${dates.effective}`, hint: 'a revision is announced on or before the day it takes effect' });
    }

    const path = join(folder, `${dates.effective}.md`);
    const file = displayPath(path);
    if (existsSync(path)) {
      throw new RedlineError({ file, message: 'already exists', hint: 'edit it (if it is not published yet), or choose another day with --effective YYYY-MM-DD' });
    }
    const front = ['---', `title: ${yamlString(title)}`];
    if (base) front.push(`summary: ${yamlString(SUMMARY_PLACEHOLDER)}`);
    if (dates.published !== dates.effective) front.push(`published: ${dates.published}`);
    if (change === 'editorial') front.push('change: editorial');
    front.push('---');
    const text = `${front.join('\n')}\n${base ? revisionBody(artifacts, base) : `\n${BODY_PLACEHOLDER}\n`}`;
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });

    const lines = [file];
    lines.push(
      base
        ? `A ${change} revision of ${id}, copied from ${base.file}: announced on ${dates.published}, takes effect on ${dates.effective}.`
        : `The first revision of a new policy, "${title}": announced on ${dates.published}, takes effect on ${dates.effective}.`,
    );
    const notice = daysBetween(dates.published, dates.effective);
    if (base && change === 'material' && notice < NOTICE_DAYS) {
      lines.push(`Note: that is ${notice} ${notice === 1 ? "day's" : "days'"} notice; material changes usually get ${NOTICE_DAYS}.`);
    }
    lines.push(
      base
        ? 'Next: write the change into the text and replace the summary placeholder, then run "npm run redline -- check" and "npm run redline -- lock", and commit both files.'
        : 'Next: replace the placeholder with the policy text, then run "npm run redline -- check" and "npm run redline -- lock", and commit both files.',
    );
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};

/** A YAML scalar for a front matter value: plain when that reads back as the same text, else double-quoted. */
function yamlString(s: string): string {
  const plain = /^[\p{L}\p{N}][\p{L}\p{N} ,.'()&/_-]*$/u.test(s) && !/^(?:true|false|null|yes|no|on|off|~|[\d.+-].*)$/i.test(s) && !/\s$/.test(s);
  return plain ? s : JSON.stringify(s);
}
