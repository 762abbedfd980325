// Once per `npm test` run: a folder of its own for the sites the test files build once and share
// (test/helpers/cli.ts, buildFixture), removed at the end.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers/cli.ts';

export default function setup(): () => void {
  const run = `${process.pid}-${Date.now()}`;
  process.env.REDLINE_TEST_RUN = run;
  return () => rmSync(join(root, 'node_modules', '.cache', 'redline-test', run), { recursive: true, force: true });
}
