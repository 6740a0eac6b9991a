// English messages of the engine: writing a table out (segmint convert). Codes are stable.
import type { Template } from '../template.js';

export const exportMessages = {
  'export.kept_as_text': {
    message: "written as text, not {type}: values that cannot be read as {type}: {count} (the first: '{example}')",
    hint: 'Fix those values in the source to write the column as {type} (the type is inferred from the first {sample} rows)'
  },
  'export.leading_zeros': { message: "written as text, not {type}: values with a leading zero a number would drop: {count} (the first: '{example}')" },
  'export.dates_ambiguous': { message: 'written as text, not {type}: {reason}', hint: 'Say which order the dates are in (command line: --day-first or --month-first) to write them as dates', hintApp: 'Choose the Date order in the load settings (Day first or Month first) to write them as dates' },
  'export.provenance_renamed': { message: "the {what} column is named '{name}': the file has a column '{wanted}'" }
} satisfies Record<string, Template>;
