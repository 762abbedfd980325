/**
 * Runs a command and measures it: wall time, and the peak memory (RSS) and
 * CPU time of its whole process tree (Astro may start workers; the search
 * indexer is a separate binary). Linux only for memory and CPU: it samples
 * /proc every 50 ms and also reads each process's own high-water mark
 * (VmHWM), so a short peak between samples is still seen.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface Measured {
  /** Exit code (or -1 when killed by a signal). */
  code: number;
  wallMs: number;
  /** Peak RSS of the process tree in bytes, or undefined where /proc is not available. */
  peakRss: number | undefined;
  /** User + system CPU time of the process tree, in ms (sampled; undefined without /proc). */
  cpuMs: number | undefined;
  /** The peak RSS of each kind of process in the tree (by command name: node, pagefind_extended…), in bytes. */
  peakByCommand: Record<string, number>;
  stdout: string;
  stderr: string;
}

const PAGE = 4096;
const TICK_MS = 10; // USER_HZ is 100 on Linux

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function children(pid: number): number[] {
  const tasks = (() => {
    try {
      return readdirSync(`/proc/${pid}/task`);
    } catch {
      return [];
    }
  })();
  const out: number[] = [];
  for (const t of tasks) {
    const c = read(`/proc/${pid}/task/${t}/children`);
    if (c) for (const s of c.trim().split(/\s+/)) if (s) out.push(Number(s));
  }
  return out;
}

function tree(root: number): number[] {
  const all: number[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop()!;
    all.push(pid);
    todo.push(...children(pid));
  }
  return all;
}

/** Runs `cmd args` with `env`, sampling its process tree until it exits. */
export function measure(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Promise<Measured> {
  const haveProc = read('/proc/self/statm') !== undefined;
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (opts.echo) process.stderr.write(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (opts.echo) process.stderr.write(d);
    });
    let peak = 0;
    const byCommand: Record<string, number> = {};
    const cpu = new Map<number, number>();
    const sample = () => {
      if (!haveProc || child.pid === undefined) return;
      let rss = 0;
      for (const pid of tree(child.pid)) {
        const statm = read(`/proc/${pid}/statm`);
        if (statm) rss += Number(statm.split(' ')[1]) * PAGE;
        const status = read(`/proc/${pid}/status`);
        const hwm = status && /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) {
          peak = Math.max(peak, Number(hwm[1]) * 1024);
          const name = /^Name:\s+(.+)$/m.exec(status!)?.[1] ?? '?';
          byCommand[name] = Math.max(byCommand[name] ?? 0, Number(hwm[1]) * 1024);
        }
        const stat = read(`/proc/${pid}/stat`);
        if (stat) {
          // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          cpu.set(pid, (Number(f[11]) + Number(f[12])) * TICK_MS);
        }
      }
      peak = Math.max(peak, rss);
    };
    const timer = setInterval(sample, 50);
    sample();
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const wallMs = performance.now() - start;
      let cpuMs = 0;
      for (const v of cpu.values()) cpuMs += v;
      resolvePromise({ code: code ?? -1, wallMs, peakRss: haveProc ? peak : undefined, cpuMs: haveProc ? cpuMs : undefined, peakByCommand: byCommand, stdout, stderr });
    });
  });
}
