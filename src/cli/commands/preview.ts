import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { loadSettings } from '../context.ts';
import { RedlineError } from '../../lib/errors.ts';
import { serveStatic } from '../../lib/static-server.ts';
import { basePath } from '../../lib/settings.ts';
import { displayPath } from '../../lib/revisions.ts';

export const preview: Command = {
  usage: 'preview [--out DIR] [--port N]',
  summary: 'Serves a built site on http://localhost:4321/ to read it as visitors will.',
  async run(argv) {
    const { values } = parse('preview', argv, { out: { type: 'string' }, port: { type: 'string' }, site: { type: 'string' } });
    const out = resolve(values.out ?? 'dist');
    if (!existsSync(resolve(out, 'index.html'))) {
      throw new RedlineError({ file: displayPath(out), message: 'holds no built site', hint: 'run "npm run build" first' });
    }
    const port = Number(values.port ?? 4321);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RedlineError({ message: `--port "${values.port}" is not a port number`, hint: 'use a number such as 4321' });
    }
    const base = basePath(loadSettings(values.site).url);
    const server = serveStatic(out, base);
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
    const addr = server.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    process.stdout.write(`Serving ${displayPath(out)} on http://localhost:${actual}${base}/ (Ctrl+C to stop)\n`);
    await new Promise(() => {});
    return 0;
  },
};
