import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RedlineError } from '../core/errors.ts';
import { dateRangeHint, inDateRange, isCalendarDate } from '../core/dates.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: an unknown or malformed option is a one-line user error. */
export function parse<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new RedlineError({ message: `${command}: ${msg.replace(/\.$/, '')}`, hint: `run "npm run redline -- help" for the options of ${command}` });
  }
}

/** Checks a `YYYY-MM-DD` option value. */
export function dateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) {
    throw new RedlineError({ message: `--${name} "${value}" is not a calendar date`, hint: `write it as YYYY-MM-DD, such as --${name} 2026-01-01` });
  }
  if (!inDateRange(value)) throw new RedlineError({ message: `--${name} ${value} is outside the dates Redline handles`, hint: dateRangeHint(value) });
  return value;
}
