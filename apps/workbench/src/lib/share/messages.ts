// A share link's failure in words, by its code (en/zh catalogue: i18n/features/share.ts).
import { t } from '../i18n/index.svelte.js';
import { fmtBytes } from '../ui/bytes.js';
import { LIMITS, type ShareError } from './link.js';

export function shareErrorText(code: ShareError): string {
  return t(`share.error.${code}`, { max: fmtBytes(LIMITS.maxText) });
}
