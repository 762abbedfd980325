// The `redline` command as a function: the bin (src/cli/redline.ts) and in-process tests call it.
import { readFileSync } from 'node:fs';
import { isUserError, RedlineError, RedlineProblems } from '../core/errors.ts';
import { commands, usage } from './commands/index.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`redline ${pkg.version}\n`);
    return 0;
  }
  const command = commands[name];
  if (command && (rest.includes('--help') || rest.includes('-h'))) {
    process.stdout.write(`npm run redline -- ${command.usage}\n\n${command.summary}\nSee docs/reference/cli.md for every option.\n`);
    return 0;
  }
  if (!command) {
    throw new RedlineError({ message: `unknown command "${name}"`, hint: `use one of: ${Object.keys(commands).join(', ')}` });
  }
  return command.run(rest);
}

/** Runs a command; every user mistake is printed on one line (never a stack trace). The exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (e) {
    if (e instanceof RedlineProblems) {
      for (const p of e.problems) process.stderr.write(`${p.severity === 'warning' ? 'warning: ' : ''}${p.format()}\n`);
    } else if (isUserError(e)) {
      process.stderr.write(`${(e as RedlineError).format()}\n`);
    } else {
      const err = e as Error;
      process.stderr.write(`redline: unexpected failure: ${String(err?.message ?? err).split('\n')[0]} (set REDLINE_DEBUG=1 for details)\n`);
      if (process.env.REDLINE_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    }
    return 1;
  }
}
