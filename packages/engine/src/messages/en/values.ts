// English messages of the engine: values. Codes are stable (the app and scripts decide by them).
// Roles, dates and numbers of the loaded rows: which column plays which role, how dates and
// numbers are read, the rows left out (and why), strict-mode refusals, and the notes of
// building the customers (as of).
import type { Template } from '../template.js';

/** What to do about a strict-mode refusal (shared by the strict_* codes). */
const STRICT_HINT = 'Correct the value in the file, or load without strict mode (command line: leave out --strict): such rows are then left out, counted and reported';
const STRICT_HINT_APP = 'Correct the value in the file, or turn the Strict switch off in the load settings: such rows are then left out, counted and reported';
const DATE_FORMATS = 'YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, 2024年1月7日, DD/MM/YYYY or MM/DD/YYYY, Excel serial days';
const AMOUNT_COLUMN = 'If the amounts are in another column, map it: --map amount=COLUMN, or an expression of columns: --map "amount=Quantity * UnitPrice"';
const AMOUNT_COLUMN_APP = 'If the amounts are in another column, choose it in the load settings under "Amount: column or expression", or write an expression of columns there, such as Quantity * UnitPrice';
const KEEP_IMPLAUSIBLE_APP = 'turn on "Keep rows with implausible dates" in the load settings';

export const values = {
  // --- roles
  /** params: role (customer|date|amount), columns (display text), map (the --map argument that would fix it) */
  'values.role_missing': {
    message: 'no column was recognised as the {role} column (columns: {columns})',
    hint: 'Map one: --map {map}',
    hintApp: 'Choose the {role} column in the load settings'
  },
  /** params: role, column (as given), columns */
  'values.role_column_not_found': {
    message: "the column '{column}' given for {role} is not in the file",
    hint: 'Its columns are: {columns}'
  },
  /** the customers file: params role (customer), columns */
  'values.customers_id_missing': {
    message: 'no column was recognised as the customer id (columns: {columns})',
    hint: "Name the customers file's id column like the orders' customer column: the command line looks for that name",
    // (the words "choose it in the app's load settings, under the customers file" are checked by an e2e test)
    hintApp: "Name the customers file's id column like the orders' customer column, or choose it in the app's load settings, under the customers file (Customer id column of the customers file)"
  },
  /** params: role, expression, detail (the rules language's diagnostics), columns */
  'values.amount_expression_invalid': {
    message: "{role} '{expression}' is neither a column nor an arithmetic expression of columns: {detail}",
    hint: 'Map {role} to a column or an expression such as "Quantity * UnitPrice"; the columns are: {columns}'
  },

  // --- dates
  /** params: column, example, row */
  'values.date_order_ambiguous': {
    message: "the dates in column '{column}' can be read both as DD/MM/YYYY and as MM/DD/YYYY (e.g. '{example}' at data row {row}), and no date has a day above 12 to decide",
    hint: 'Say which: dayFirst=true for DD/MM/YYYY, dayFirst=false for MM/DD/YYYY (command line: --day-first or --month-first)',
    hintApp: 'Say which in the load settings, under Date order: Day first (DD/MM/YYYY) or Month first (MM/DD/YYYY)'
  },
  /** params: column, order (DD/MM/YYYY|MM/DD/YYYY), count */
  'values.date_order_decided': {
    message: 'dates read as {order} (decided from {count} dates whose day is above 12)'
  },
  /** params: column, order */
  'values.date_order_given': {
    message: 'dates read as {order} (given)'
  },
  /** params: column, dayFirst, monthFirst (counts), order */
  'values.date_order_mixed': {
    message: 'dates mix DD/MM and MM/DD: {dayFirst} have a first number above 12, {monthFirst} a second; read as {order}, the others are left out as unreadable',
    hint: 'Check these dates in the source; give the order if it is known (command line: --day-first or --month-first)',
    hintApp: 'Check these dates in the source; if the order is known, choose it in the load settings, under Date order'
  },
  /** params: column */
  'values.dates_serial': {
    message: 'dates are read as Excel serial day numbers (45292 = 2024-01-01)'
  },
  /** rows dated outside the plausible range were kept (keepImplausibleDates); params: column, count, first, last, earliest, latest */
  'values.date_implausible_kept': {
    message: '{count} rows dated before {first} or after {last} were kept as asked (from {earliest} to {latest}); they count like any other row, and the latest date sets the default as-of',
    hint: 'Give the as-of date if these dates are placeholders (command line: --as-of YYYY-MM-DD)',
    hintApp: 'Give the as-of date in the As-of date field if these dates are placeholders'
  },

  // --- numbers
  /** params: column */
  'values.decimal_comma': {
    message: 'numbers read with a decimal comma (1.234,50)'
  },
  /** params: column, point, comma (counts), pointExample, pointFile, pointRow, commaExample, commaFile, commaRow, either (how 1,234 was read) */
  'values.number_formats_mixed': {
    message:
      "mixed number formats: {point} values are written like 1,234.50 (e.g. '{pointExample}' in {pointFile} at data row {pointRow}) and {comma} like 1.234,50 (e.g. '{commaExample}' in {commaFile} at data row {commaRow}); each was read by its own separators, and values that could be either (1,234) as {either}",
    hint: 'Check these values in the source; export the numbers with one format'
  },

  // --- rows left out (LoadReport.leftOut reasons; params: column, or expression)
  'values.no_customer': {
    message: "no customer id (column '{column}' empty)",
    hint: 'Rows without a customer id are not customers: they are counted, not used. If the customer ids are in another column, map it: --map customer=COLUMN',
    hintApp: 'Rows without a customer id are not customers: they are counted, not used. If the customer ids are in another column, choose it in the load settings (customer column)'
  },
  'values.no_date': {
    message: "no date (column '{column}' empty)",
    hint: 'If the dates are in another column, map it: --map date=COLUMN',
    hintApp: 'If the dates are in another column, choose it in the load settings (date column)'
  },
  'values.date_unreadable': {
    message: "date that cannot be read (column '{column}')",
    hint: `Dates are read as ${DATE_FORMATS}. If the dates are in another column, map it: --map date=COLUMN; for DD/MM or MM/DD: --day-first or --month-first`,
    hintApp: `Dates are read as ${DATE_FORMATS}. If the dates are in another column, choose it in the load settings (date column); for DD/MM or MM/DD, choose the Date order there`
  },
  /** params: column, first (1900-01-01), last (the day of loading) */
  'values.date_implausible': {
    message: "date before {first} or after {last}, the day of loading (column '{column}')",
    hint: 'A placeholder such as 9999-12-31 or 0001-01-01, or a wrong column? Such dates would move the default as-of and every R. Check them in the source; to load them anyway: keepImplausibleDates (command line: --keep-implausible-dates)',
    hintApp: `A placeholder such as 9999-12-31 or 0001-01-01, or a wrong column? Such dates would move the default as-of and every R. Check them in the source; to load them anyway, ${KEEP_IMPLAUSIBLE_APP}`
  },
  'values.no_amount': {
    message: "no amount (column '{column}' empty)",
    hint: AMOUNT_COLUMN,
    hintApp: AMOUNT_COLUMN_APP
  },
  'values.amount_unreadable': {
    message: "amount that cannot be read as a number (column '{column}')",
    hint: `Numbers are read as 1234.5, 1,234.50, 1.234,50, ¥1,200 or (35.00). ${AMOUNT_COLUMN}`,
    hintApp: `Numbers are read as 1234.5, 1,234.50, 1.234,50, ¥1,200 or (35.00). ${AMOUNT_COLUMN_APP}`
  },
  /** an amount expression: params expression */
  'values.amount_not_computed': {
    message: "amount '{expression}' cannot be computed (a value is missing or not a number)",
    hint: 'Check the columns the expression reads in these rows'
  },
  'values.amount_too_large': {
    message: "amount too large to add up exactly (10^14 or more, column '{column}'): a misplaced decimal point or run-together numbers?",
    hint: 'Amounts are added up as exact decimals below 10^14; check these values in the source'
  },
  /** an amount expression: params expression */
  'values.amount_too_large_computed': {
    message: "amount '{expression}' too large to add up exactly (10^14 or more): a misplaced decimal point or run-together numbers?",
    hint: 'Amounts are added up as exact decimals below 10^14; check the columns the expression reads in these rows'
  },

  // --- strict mode: the first value that cannot be used stops the load (params: column, value, count, ...)
  'values.strict_no_date': {
    message: 'the date is empty; in strict mode this stops the load ({count} rows in all)',
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_date_unreadable': {
    message: "the date '{value}' cannot be read; in strict mode this stops the load ({count} rows in all)",
    hint: `Dates are read as ${DATE_FORMATS}. ${STRICT_HINT}`,
    hintApp: `Dates are read as ${DATE_FORMATS}. ${STRICT_HINT_APP}`
  },
  /** params also first, last */
  'values.strict_date_implausible': {
    message: "the date '{value}' is before {first} or after {last}, the day of loading; in strict mode this stops the load ({count} rows in all)",
    hint: `${STRICT_HINT}; or keep such dates: keepImplausibleDates (command line: --keep-implausible-dates)`,
    hintApp: `${STRICT_HINT_APP}; or keep such dates: ${KEEP_IMPLAUSIBLE_APP}`
  },
  'values.strict_no_amount': {
    message: 'the amount is empty; in strict mode this stops the load ({count} rows in all)',
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_amount_unreadable': {
    message: "the amount '{value}' cannot be read as a number; in strict mode this stops the load ({count} rows in all)",
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  /** params also expression */
  'values.strict_amount_not_computed': {
    message: "the amount '{expression}' cannot be computed from {value}; in strict mode this stops the load ({count} rows in all)",
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_amount_too_large': {
    message: "the amount '{value}' is 10^14 or more, too large to add up exactly; in strict mode this stops the load ({count} rows in all)",
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },

  // --- the load as a whole
  /** params: rows, columns (display text) */
  'values.no_usable_rows': {
    message: 'no row could be used, all {rows} were left out',
    hint: "Nothing was loaded. Check which column plays each role (command line: --map ROLE=COLUMN); the file's columns are: {columns}",
    hintApp: "Nothing was loaded. Check which column plays each role in the load settings; the file's columns are: {columns}"
  },
  /** params: usable, rows */
  'values.rows_loaded': {
    message: '{usable} of {rows} rows loaded as transactions'
  },

  // --- the customers file
  /** params: column, name */
  'values.customers_column_renamed': {
    message: "column renamed to '{name}' (the name is taken by the customer id)"
  },
  /** params: ids (how many), id, rows, first, last (of the first repeated id), examples (ids, display text) */
  'values.customer_ids_repeated': {
    message: "{ids} customer ids appear on more than one row, e.g. '{id}' ({rows} rows, data row {first} and data row {last}); ids: {examples}",
    hint: 'A customers file should have one row per customer: remove the duplicates, or the metrics will use the first row of each'
  },
  /** params: column */
  'values.customers_no_ids': {
    message: "every row lacks a customer id (column '{column}')",
    hint: "Name the customers file's id column like the orders' customer column: the command line looks for that name",
    hintApp: "Choose the customers file's id column in the load settings (Customer id column of the customers file)"
  },

  // --- building the customers (BuildCustomersResult.notices)
  /** params: asOf, first, last (the dates of the transactions) */
  'values.as_of_outside_range': {
    message: 'the as-of date {asOf} is outside the dates of the transactions ({first} to {last})',
    hint: 'R and T count the days to the as-of date, and transactions after it are ignored: check the date (command line: --as-of, or the rule file\'s "as of" line)',
    hintApp: 'R and T count the days to the as-of date, and transactions after it are ignored: check the date (the As-of date field, or the rule file\'s "as of" line)'
  },
  /** params: count */
  'values.attrs_duplicate_ids': {
    message: '{count} rows of the customers file repeat a customer id already seen; the first row of each customer is used'
  },
  /** params: from, to */
  'values.attr_renamed_metric': {
    message: "the customers file's column '{from}' has the name of a built-in metric; it is available as '{to}'"
  },
  /** params: from, to */
  'values.attr_renamed_segment': {
    message: "the customers file's column '{from}' has the name of the segment column of the results; it is available as '{to}'"
  }
} satisfies Record<string, Template>;
