import type { Command } from './command.ts';
import { build } from './build.ts';
import { preview } from './preview.ts';
import { check } from './check.ts';
import { newRevision } from './new.ts';
import { lock } from './lock.ts';
import { correct } from './correct.ts';
import { diff } from './diff.ts';
import { translate } from './translate.ts';
import { notify } from './notify.ts';
import { verify } from './verify.ts';

/** Every `redline` command. Add a command by adding its module here. */
export const commands: Record<string, Command> = {
  build,
  preview,
  check,
  new: newRevision,
  lock,
  correct,
  verify,
  diff,
  translate,
  notify,
};

export function usage(): string {
  const lines = ['Usage: npm run redline -- <command> [options]', '', 'Commands:'];
  for (const c of Object.values(commands)) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  return lines.join('\n') + '\n';
}
