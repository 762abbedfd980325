export interface Command {
  /** One line: the command and its options. */
  usage: string;
  /** One sentence: what it does. */
  summary: string;
  /** Runs the command; resolves to the exit code. Throws RedlineError for user mistakes. */
  run(argv: string[]): Promise<number>;
}
