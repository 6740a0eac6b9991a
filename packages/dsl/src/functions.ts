// The fixed whitelist of functions. Nothing else can be called from a rule: a shared file
// must not be able to read files, call the network or run arbitrary SQL.
import type { FieldType } from './schema.js';

/** A type as the checker sees it: a field type, a duration, the null literal, or unknown
 * (a column of a data set the checker has not seen). */
export type Type = FieldType | 'duration' | 'null' | 'unknown';

export interface FunctionSig {
  /** smallest and largest number of arguments */
  min: number;
  max: number;
  /** allowed types of every argument ('same' = all arguments one of these, and alike) */
  args: FieldType[];
  same?: boolean;
  /** the result type, or 'arg' for the type of the arguments */
  result: FieldType | 'arg';
  doc: string;
}

const num1 = (doc: string): FunctionSig => ({ min: 1, max: 1, args: ['number'], result: 'number', doc });

export const FUNCTIONS: Record<string, FunctionSig> = {
  abs: num1('absolute value'),
  round: { min: 1, max: 2, args: ['number'], result: 'number', doc: 'round(x) to a whole number, round(x, 2) to 2 decimals (halves away from zero)' },
  floor: num1('largest whole number <= x'),
  ceil: num1('smallest whole number >= x'),
  ln: num1('natural logarithm; missing for x <= 0'),
  log10: num1('base-10 logarithm; missing for x <= 0'),
  sqrt: num1('square root; missing for x < 0'),
  least: { min: 1, max: 64, args: ['number', 'text', 'date'], same: true, result: 'arg', doc: 'smallest of the values, ignoring missing ones' },
  greatest: { min: 1, max: 64, args: ['number', 'text', 'date'], same: true, result: 'arg', doc: 'largest of the values, ignoring missing ones' },
  coalesce: { min: 1, max: 64, args: ['number', 'text', 'date', 'boolean'], same: true, result: 'arg', doc: 'the first value that is not missing' },
  lower: { min: 1, max: 1, args: ['text'], result: 'text', doc: 'text in lower case' },
  upper: { min: 1, max: 1, args: ['text'], result: 'text', doc: 'text in upper case' },
  length: { min: 1, max: 1, args: ['text'], result: 'number', doc: 'number of characters' },
  year: { min: 1, max: 1, args: ['date'], result: 'number', doc: 'the year of a date' },
  month: { min: 1, max: 1, args: ['date'], result: 'number', doc: 'the month of a date, 1..12' },
  pct: num1("the customer's percentile of x among all customers with a value, 0..100")
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS);
