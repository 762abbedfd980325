import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.ts';
import { parse, dateOption } from '../args.ts';
import { loadSettings, today, policiesDir, artifacts as projectArtifacts } from '../context.ts';
import { RedlineError } from '../../core/errors.ts';
import { displayPath, loadPolicies, revisionBody } from '../../node/policies.ts';
import { readLock } from '../../node/lock-file.ts';
import { controllingLanguage, matchPins, siteLanguages, statusOf } from '../../core/translations.ts';
import { stringsFor } from '../../core/i18n/strings.ts';
import { diffMarkdown } from '../../core/diff/index.ts';

/**
 * `redline translate <policy> <lang>`: starts the translation of a revision
 * (the one in force, or --effective) into one of the site's languages:
 * `<policy>/<date>.<lang>.md`, pinned to the SHA-256 of the revision it
 * translates, with placeholders that `check` and `build` refuse until the
 * translator replaces them. The text to translate is the revision's; when
 * the policy has an earlier translation, it is that translation's text, and
 * the command prints what changed in the source since. A translation of a
 * revision already announced is published today (`published:`), never
 * back-dated. Never overwrites a file.
 */
export const translate: Command = {
  usage: 'translate <policy> <lang> [--effective YYYY-MM-DD] [--policies DIR] [--now YYYY-MM-DD]',
  summary: 'Starts the translation of a revision (the one in force, or --effective) into one of the site\'s languages, pinned to its SHA-256.',
  async run(argv) {
    const { values, positionals } = parse('translate', argv, { effective: { type: 'string' }, policies: { type: 'string' }, now: { type: 'string' } }, true);
    const hint = 'run as: npm run redline -- translate <policy> <lang> [--effective YYYY-MM-DD], such as translate privacy ja';
    if (positionals.length !== 2) throw new RedlineError({ message: `translate: ${positionals.length < 2 ? 'which policy, into which language?' : 'one policy and one language'}`, hint });
    const [id, lang] = positionals as [string, string];
    const settings = await loadSettings();
    const day = today(settings, values.now);
    const effective = dateOption('effective', values.effective);
    const languages = siteLanguages(settings);
    if (!languages.includes(lang)) {
      throw new RedlineError({ message: `"${lang}" is not one of the site's languages (${languages.join(', ')})`, hint: `add it to "languages" in the settings (docs/reference/settings.md), or use one of them` });
    }
    const controlling = controllingLanguage(settings, id);
    if (lang === controlling) throw new RedlineError({ message: `${lang} is the controlling language of ${id}: its revisions are written in it`, hint: `translate into another language: ${languages.filter((l) => l !== lang).join(', ')}` });
    const dir = policiesDir(values.policies);
    const artifacts = projectArtifacts();
    const loaded = await loadPolicies(dir, artifacts);
    const policy = loaded.policies.find((p) => p.id === id);
    if (!policy) throw new RedlineError({ file: displayPath(join(dir, id)), message: existsSync(join(dir, id)) ? 'has no revision to translate' : 'does not exist', hint: 'name a policy folder of the policies folder, such as privacy' });
    const rev = effective
      ? policy.revisions.find((r) => r.effective === effective)
      : [...policy.revisions].reverse().find((r) => r.effective <= day && r.published <= day) ?? policy.revisions.find((r) => r.published <= day) ?? policy.revisions[0];
    if (!rev) throw new RedlineError({ message: `${id} has no revision effective ${effective}`, hint: `its revisions: ${policy.revisions.map((r) => r.effective).join(', ')}` });
    const path = join(dir, id, `${rev.effective}.${lang}.md`);
    const file = displayPath(path);
    if (existsSync(path)) {
      const problems: RedlineError[] = [];
      const [t] = matchPins(policy, (policy.translations ?? []).filter((x) => x.lang === lang && x.effective === rev.effective), settings, readLock(dir).lock, problems);
      throw new RedlineError({ file, message: t && statusOf(t) === 'current' ? 'already exists, and is current' : 'already exists', hint: t && statusOf(t) !== 'current' ? `translate what changed since ${t.translates}, then set "translates: ${rev.sha256}"` : 'edit it, if it is not published yet' });
    }
    const broken = loaded.problems.filter((p) => p.severity === 'error' && p.file?.startsWith(displayPath(join(dir, id))));
    if (broken.length > 0) throw new RedlineError({ file: broken[0]!.file, line: broken[0]!.line, message: broken[0]!.message, hint: 'fix the revisions of this policy first (npm run redline -- check), then run translate again' });
    // The latest translation before this revision: its text is the start, and what changed in the source since is shown.
    const problems: RedlineError[] = [];
    const earlier = matchPins(policy, (policy.translations ?? []).filter((x) => x.lang === lang && x.effective < rev.effective), settings, readLock(dir).lock, problems).at(-1);
    const name = stringsFor('en').languageName(lang);
    const front = ['---', `title: ${JSON.stringify(`TODO: ${earlier ? earlier.title : `translate “${rev.title}”`}`)}`];
    if (rev.summary) front.push(`summary: ${JSON.stringify(`TODO: translate “${rev.summary}”`)}`);
    front.push(`translates: ${rev.sha256}`);
    // A translation of a revision already announced is published the day it is added, not back-dated.
    if (rev.published < day) front.push(`published: ${day}`);
    front.push('---');
    const source = earlier ? revisionBody(artifacts, policy.revisions.find((r) => r.effective === earlier.translates)!) : undefined;
    const body = earlier ? artifacts.text(earlier.sha256)!.slice(earlier.bodyStart) : revisionBody(artifacts, rev);
    const todo = earlier
      ? `TODO: this is the ${name} translation of ${id}/${earlier.translates}.md: bring it up to date with ${displayPath(rev.path)} (its changes are listed by this command), then delete this line.`
      : `TODO: translate the text below from ${stringsFor('en').languageName(controlling)} into ${name}, then delete this line.`;
    writeFileSync(path, `${front.join('\n')}\n\n${todo}\n${body.startsWith('\n') ? body : `\n${body}`}`, { flag: 'wx' });
    const lines = [file, `The ${name} translation of ${displayPath(rev.path)} (SHA-256 ${rev.sha256}), ${rev.published < day ? `published on ${day}` : `published with the revision on ${rev.published}`}.`];
    if (earlier && source !== undefined) {
      const d = diffMarkdown(source, revisionBody(artifacts, rev));
      lines.push(`Started from ${displayPath(join(dir, id, `${earlier.effective}.${lang}.md`))}. What changed in the ${stringsFor('en').languageName(controlling)} text since ${earlier.translates}: ${d.stats.wordsInserted} words added, ${d.stats.wordsDeleted} removed, in ${d.sections.length} ${d.sections.length === 1 ? 'section' : 'sections'}${d.sections.length ? ` (${d.sections.map((s) => s.title || 'the beginning').join('; ')})` : ''}:`);
      for (const u of d.units) if (u.kind !== 'equal' && u.segments) lines.push(`  ${u.segments.map(([k, t]) => (k === '=' ? t : k === '-' ? `[-${t}-]` : `{+${t}+}`)).join('').trim().replace(/\n+/g, ' ')}`);
    }
    lines.push('Next: translate the title, summary and text, delete the TODO line, then run "npm run redline -- check" and "npm run redline -- lock", and commit both files.');
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  },
};
