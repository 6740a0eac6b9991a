// English messages of the engine: notes on the customer relation an analyst could be misled by.
// Codes are stable.
import type { Template } from '../template.js';

export const metrics = {
  /** params: value (as given) */
  'metrics.as_of_invalid': { message: "the as-of date must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '{value}'" },
  'metrics.as_of_option_invalid': { message: "the as-of option must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '{value}'" },
  'metrics.as_of_rules_invalid': { message: "the rule file's as of must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got '{value}'" },
  /** params: count (customers with M <= 0 among those with transactions), noPurchase (of all
   * customers with transactions, those with F = 0: no order with a positive net amount) */
  'metrics.net_not_positive': {
    message: '{count} customers have refunds at least as large as their purchases (M <= 0); {noPurchase} of those with transactions have no purchase left at all (F = 0, no R)',
    hint: 'Rules on M, F and R count them as customers who never bought; to leave them out, add "F > 0" (or "M > 0") to a rule'
  }
} satisfies Record<string, Template>;
