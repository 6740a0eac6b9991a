// English messages of the engine: the role guessed for each of many files (orders, customers,
// ignored) and why. Codes are stable.
import type { Template } from '../template.js';

export const classify = {
  'classify.orders': { message: 'orders: customer {customer}, date {date}, amount {amount}' },
  'classify.customers': { message: 'customers: one row per {customer}, no amounts' },
  'classify.not_a_table': { message: 'not a table Segmint can read (.{extension})' },
  'classify.no_customer': { message: 'no column looks like a customer id (columns: {columns})', hint: 'Choose its role yourself if it belongs to the data' },
  'classify.ids_repeat': { message: 'a customer column ({customer}) but no dates or amounts, and ids repeat: neither orders nor a customers file' },
  'classify.incomplete': { message: 'a customer column ({customer}) but no {missing}', hint: 'Choose it as orders and map the {missing} in the load settings' },
  'classify.other_columns': { message: 'orders with other columns than {other}: another table', hint: 'Load it on its own, or make it the orders instead' },
  'classify.second_customers': { message: 'another customers file; {first} is used', hint: 'Choose which customers file to use' }
} satisfies Record<string, Template>;
