// The command table. Each command takes its arguments (after the command name) and resolves
// to an exit code: 0 success, 1 rule errors, 2 bad usage or data.
import { check } from './check.js';
import { fmt } from './fmt.js';
import { sql } from './sql.js';
import { profile } from './profile.js';
import { segment } from './segment.js';
import { report } from './report.js';
import { migrate } from './migrate.js';
import { convert } from './convert.js';
import { diff } from './diff.js';

export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = { check, fmt, sql, profile, segment, report, migrate, diff, convert };
