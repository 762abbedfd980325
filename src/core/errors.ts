/**
 * One error type for every mistake a user can make: it names the file (and
 * line), says what is wrong, and says how to fix it. The CLI prints it on one
 * line and exits with code 1, never with a stack trace.
 */
export type Severity = 'error' | 'warning';

export interface ProblemInit {
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  hint?: string | undefined;
  /** Errors stop `build` and `check`; warnings stop only `check`. Default: error. */
  severity?: Severity;
}

export class RedlineError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly hint: string | undefined;
  readonly severity: Severity;

  constructor(init: ProblemInit) {
    super(init.message);
    this.name = 'RedlineError';
    this.file = init.file;
    this.line = init.line;
    this.hint = init.hint;
    this.severity = init.severity ?? 'error';
  }

  /** `file:line: message — hint`, on one line. */
  format(): string {
    return formatProblem(this);
  }
}

export function formatProblem(p: ProblemInit): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : '';
  const hint = p.hint ? ` — ${p.hint}` : '';
  return oneLine(`${where}${p.message}${hint}`);
}

/** Several problems found in one pass (for example by `check`). */
export class RedlineProblems extends Error {
  readonly problems: RedlineError[];
  constructor(problems: RedlineError[]) {
    super(problems.map((p) => p.format()).join('\n'));
    this.name = 'RedlineProblems';
    this.problems = problems;
  }
}

export function isUserError(e: unknown): e is RedlineError | RedlineProblems {
  return e instanceof RedlineError || e instanceof RedlineProblems;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}
