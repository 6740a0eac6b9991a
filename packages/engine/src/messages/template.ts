// One message of the engine's catalogues: the text a user reads for a stable code, in one
// language, with {name} placeholders filled from the params.
import { formatParam } from '@segmint/dsl';

export interface Template {
  message: string;
  /** what the user can do about it; a setting is named by the command line's flag */
  hint?: string;
  /** the same advice in the app's words (the fields and switches of its load settings), where
   * `hint` names a flag, an option or the command line; without it `hint` serves both */
  hintApp?: string;
}

export type Params = Record<string, string | number>;

/** Fills {name} placeholders; an unknown name stays as written (a test checks none is left).
 * A number is written in the locale's format (1,234), except positions and data values (line,
 * row, offset, value...: see @segmint/dsl formatParam); params keep the raw value. */
export function fill(text: string, params: Params, locale: string = 'en'): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? formatParam(name, params[name] as string | number, locale) : m));
}
