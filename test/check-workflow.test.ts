import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from './helpers/cli.ts';
import config from '../redline.config.ts';
import { zoneOffsetMinutes } from '../src/core/dates.ts';

/** The scheduled rebuild (.github/workflows/publish.yml) that lets announced revisions take effect by themselves. */
const workflow = parse(readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8')) as {
  on: { push: { branches: string[] }; schedule: { cron: string }[] };
  jobs: Record<string, { if?: string; steps: { run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }[]; needs?: string; permissions?: Record<string, string> }>;
};

describe('the publishing workflow', () => {
  it('builds on every push to main and daily', async () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.schedule.length).toBeGreaterThanOrEqual(1);
  });

  it('runs first in the opening hour of the day in the site time zone, every day of the year', async () => {
    const [minute, hour, ...rest] = workflow.on.schedule[0]!.cron.split(' ');
    expect(rest).toEqual(['*', '*', '*']);
    // The local time of that UTC minute, on a winter and a summer day.
    for (const day of [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15)]) {
      const instant = day + (Number(hour) * 60 + Number(minute)) * 60_000;
      const local = (((Number(hour) * 60 + Number(minute) + zoneOffsetMinutes(instant, config.timeZone)) % 1440) + 1440) % 1440;
      expect(local, `${config.timeZone} ${new Date(day).toISOString().slice(0, 10)}`).toBeLessThan(60);
    }
  });

  it('checks the policies and the lock (strictly), verifies them against the live site, then builds and deploys to GitHub Pages', async () => {
    const steps = workflow.jobs.build!.steps;
    const check = steps.findIndex((s) => s.run === 'npm run redline -- check --strict');
    const verify = steps.findIndex((s) => s.run === 'npm run redline -- verify --against "$SITE_URL"');
    const build = steps.findIndex((s) => s.run?.startsWith('npm run redline -- build --site '));
    expect(check).toBeGreaterThan(steps.findIndex((s) => s.run === 'npm ci'));
    expect(verify).toBeGreaterThan(check);
    expect(steps[verify]!.env!.SITE_URL).toBe(steps[build]!.env!.SITE_URL);
    expect(build).toBeGreaterThan(verify);
    expect(steps[build]!.env!.SITE_URL).toContain('vars.REDLINE_SITE_URL');
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))).toBe(true);
    expect(workflow.jobs.deploy!.needs).toBe('build');
    expect(workflow.jobs.deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(workflow.jobs.deploy!.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });

  it('after each deploy, tells the WebSub hub which of the deployed feeds changed, keeping its state in the cache', async () => {
    const job = workflow.jobs.notify!;
    expect(job.needs).toBe('deploy');
    expect(job.if).toBe("github.event_name != 'pull_request'");
    const steps = job.steps;
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact@') && s.with?.name === 'github-pages');
    const restore = steps.findIndex((s) => s.uses?.startsWith('actions/cache/restore@'));
    const notify = steps.findIndex((s) => s.run === 'npm run redline -- notify --out deployed/site --state .redline-notify.json');
    const save = steps.findIndex((s) => s.uses?.startsWith('actions/cache/save@'));
    expect(download).toBeGreaterThan(steps.findIndex((s) => s.run === 'npm ci'));
    expect(restore).toBeGreaterThan(download);
    expect(notify).toBeGreaterThan(restore);
    expect(save).toBeGreaterThan(notify);
    expect(steps[restore]!.with!.path).toBe('.redline-notify.json');
    expect(steps[save]!.with!.path).toBe('.redline-notify.json');
  });
});
