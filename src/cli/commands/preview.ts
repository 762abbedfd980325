import { existsSync } from 'node:fs';
import { readRegularFile } from '../../node/files.ts';
import { recoverOutput } from '../../node/output.ts';
import { resolve } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings } from '../context.ts';
import { RedlineError } from '../../core/errors.ts';
import { serveStatic } from '../../node/static-server.ts';
import { basePath } from '../../core/settings.ts';
import { displayPath } from '../../node/policies.ts';

export const preview: Command = {
  usage: 'preview [--out DIR] [--port N] [--site URL]',
  summary: 'Serves a built site on http://localhost:4321/ to read it as visitors will.',
  async run(argv) {
    const { values } = parse('preview', argv, { out: { type: 'string' }, port: { type: 'string' }, site: { type: 'string' } });
    const out = resolve(values.out ?? 'dist');
    // Before anything else: the last complete site back in place, if a build was stopped mid-swap.
    for (const note of recoverOutput(out)) process.stderr.write(`note: ${note}\n`);
    if (!existsSync(resolve(out, 'index.html'))) {
      throw new RedlineError({ file: displayPath(out), message: 'holds no built site', hint: 'run "npm run build" first' });
    }
    const port = Number(values.port ?? 4321);
    if ((values.port !== undefined && !/^\d+$/.test(values.port)) || port > 65535) {
      throw new RedlineError({ message: `--port "${values.port}" is not a port number`, hint: 'use a number such as 4321' });
    }
    // The sub-path the site was built for: --site, else the one its pages were built with, else the settings'.
    const base = basePath(values.site ? (await loadSettings(values.site)).url : (builtFor(out) ?? (await loadSettings()).url));
    const server = serveStatic(out, base);
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') throw new RedlineError({ message: `port ${port} is in use`, hint: 'stop what uses it, or choose another port with --port N (--port 0 picks a free one)' });
      if (e.code === 'EACCES') throw new RedlineError({ message: `port ${port} needs privileges`, hint: 'choose a port above 1023 with --port N' });
      throw e;
    });
    const addr = server.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    process.stdout.write(`Serving ${displayPath(out)} on http://localhost:${actual}${base}/ (Ctrl+C to stop)\n`);
    await new Promise(() => {});
    return 0;
  },
};

/** The site URL a built site's pages name as canonical (every page has one), if it can be read. */
function builtFor(out: string): string | undefined {
  try {
    const read = readRegularFile(resolve(out, 'index.html'), 16 * 1024 * 1024);
    if (read.kind !== 'file') return undefined;
    const html = read.bytes.toString('utf8');
    const href = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    return href ? new URL(href).href : undefined;
  } catch {
    return undefined;
  }
}
