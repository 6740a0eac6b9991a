// The engine's messages in the UI's language. The engine gives every issue, repair and left-out
// reason a stable code and its params (and English text); the text the user reads is rendered
// from the code in the current language. Without a code (a message the engine has not coded
// yet) the English text is shown as it came. Nothing here reads the English text to decide.
// Hints are rendered for the app: they name its load settings' fields and switches, where the
// command line's wording names flags (--day-first) or option names (keepImplausibleDates).
import { MESSAGE_CODES, renderMessage, type MessageCode, type MessageLocale, type Params } from '@segmint/engine';

/** Anything the engine says with a code: a load issue, a repair group, a left-out reason. */
export interface Coded {
  /** a code of the engine's catalogues (a string: a code this app's engine does not know is
   * shown with its English text) */
  code?: string;
  params?: Params;
  /** the English text the engine rendered */
  message: string;
  hint?: string;
}

export interface Text {
  message: string;
  hint?: string;
}

const known = new Set<string>(MESSAGE_CODES);

export function isMessageCode(code: string | undefined): code is MessageCode {
  return code !== undefined && known.has(code);
}

/** The message (and hint) of `item` in `locale`: from its code when it has one, else its own text. */
export function localize(item: Coded, locale: MessageLocale): Text {
  const code = item.code;
  if (isMessageCode(code)) return renderMessage(code, item.params ?? {}, locale, 'app');
  return item.hint !== undefined ? { message: item.message, hint: item.hint } : { message: item.message };
}
