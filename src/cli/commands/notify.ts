import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from './command.ts';
import { parse } from '../args.ts';
import { cacheDir, loadSettings } from '../context.ts';
import { RedlineError } from '../../core/errors.ts';
import { normaliseSiteUrl } from '../../core/settings.ts';
import { changedFeeds, nextState } from '../../core/websub.ts';
import { displayPath } from '../../node/policies.ts';
import { publish, readFeeds, readState, writeState, type FeedSource, type Ping } from '../../node/websub.ts';

/**
 * `redline notify`: after a deploy, tells the WebSub hub which feeds changed
 * since it was last told (src/core/websub.ts), once each, with retries.
 */
export const notify: Command = {
  usage: 'notify [--hub URL] [--out DIR | --site URL] [--state FILE] [--all]',
  summary: 'After a deploy, tells the WebSub hub (hub in redline.config.ts, or --hub) which feeds changed since it was last told.',
  async run(argv) {
    const { values } = parse('notify', argv, {
      hub: { type: 'string' },
      out: { type: 'string' },
      site: { type: 'string' },
      state: { type: 'string' },
      all: { type: 'boolean' },
    });
    if (values.out !== undefined && values.site !== undefined) {
      throw new RedlineError({ message: 'notify: give --out or --site, not both', hint: '--out reads the built folder that was deployed, --site the deployed site' });
    }
    const settings = await loadSettings();
    const given = values.hub ?? settings.hub;
    if (given === undefined) {
      process.stdout.write('No WebSub hub is set (hub in redline.config.ts, or --hub URL): nothing to notify.\n');
      return 0;
    }
    if (!/^https?:\/\/[^/]/i.test(given) || !URL.canParse(given)) {
      throw new RedlineError({ file: values.hub !== undefined ? '--hub' : 'redline.config.ts', message: `"${given}" is not an http(s) URL`, hint: 'give the address of the WebSub hub, such as https://pubsubhubbub.appspot.com/' });
    }
    const hub = new URL(given).href;

    // What was deployed: the site itself (--site), else the built folder that was deployed (--out, default dist).
    let source: FeedSource;
    if (values.site !== undefined) source = { url: normaliseSiteUrl(values.site) };
    else {
      const dir = resolve(values.out ?? 'dist');
      if (!existsSync(dir)) throw new RedlineError({ file: displayPath(dir), message: 'not found', hint: 'give --out the folder that was deployed (redline build --out), or --site its address' });
      source = { dir };
    }
    const { site, feeds } = await readFeeds(source);

    const stateFile = resolve(values.state ?? join(cacheDir(), 'notify-state.json'));
    const state = values.all ? undefined : readState(stateFile);
    const changed = changedFeeds(feeds, state, hub, site);
    if (changed.length === 0) {
      process.stdout.write(`No feed changed since ${hub} was last told (${feeds.size} feeds).\n`);
      return 0;
    }

    // One at a time, in order: a hub is a shared service, and each feed is told once. When the hub
    // cannot be reached or keeps failing, the others are left for the next run.
    const pings: Ping[] = [];
    for (const feed of changed) {
      const ping = await publish(hub, feed);
      pings.push(ping);
      if (ping.unavailable) break;
    }
    const failed = pings.filter((p) => !p.ok);
    const untold = changed.slice(pings.length);
    writeState(stateFile, nextState(feeds, state, hub, site, new Set([...failed.map((p) => p.feed), ...untold])));
    const told = pings.filter((p) => p.ok);
    if (told.length > 0) {
      process.stdout.write(`Told ${hub} of ${told.length} changed ${told.length === 1 ? 'feed' : 'feeds'}:\n${told.map((p) => `  ${p.feed}\n`).join('')}`);
    }
    if (failed.length > 0) {
      const first = failed[0]!;
      const others = failed.length - 1 + untold.length;
      const more = others > 0 ? ` (nor ${others} more changed ${others === 1 ? 'feed' : 'feeds'})` : '';
      throw new RedlineError({
        message: `notify: ${hub} did not take ${first.feed}${more}: ${first.error} after ${first.tries} ${first.tries === 1 ? 'try' : 'tries'}`,
        hint: `the feeds it took are recorded in ${displayPath(stateFile)}; run notify again to tell it of the others`,
      });
    }
    return 0;
  },
};
