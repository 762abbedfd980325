#!/usr/bin/env node
// The `redline` command: npm run redline -- <command> [options]
import { runCli } from './index.ts';

// Output piped into a program that stops reading early (`| head`): stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
