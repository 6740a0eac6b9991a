// English messages of the engine: encoding. Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const encoding = {
  // how the encoding of a text file was decided (DetectedEncoding.code)
  'encoding.bom': { message: 'read as {name}: the file starts with a {name} byte-order mark' },
  'encoding.utf16_pattern': { message: 'read as {name}: every other byte is zero, as in UTF-16 text without a byte-order mark' },
  'encoding.utf8': { message: 'read as UTF-8: the text is valid UTF-8' },
  'encoding.utf8_foreign_lines': {
    message: 'read as UTF-8: the text is UTF-8 except {count} lines that are GB18030 (first on line {first}), which are read as GB18030',
    hint: 'Check the text of those lines; to avoid this, save the whole file as UTF-8 in one go'
  },
  'encoding.utf8_bad_lines': {
    message: 'read as UTF-8: the text is UTF-8 except {count} lines that are neither UTF-8 nor GB18030 (first on line {first})',
    hint: 'Those lines may be damaged; if the whole file looks wrong, choose its encoding in the load settings'
  },
  'encoding.gb18030': {
    message: 'read as GB18030 (Simplified Chinese, as Excel on Chinese Windows saves): the text is not UTF-8; it is valid GB18030 and reads best as Simplified Chinese',
    hint: 'If the text looks wrong, choose another encoding in the load settings (big5 for Traditional Chinese, shift_jis for Japanese)'
  },
  'encoding.big5': {
    message: 'read as Big5 (Traditional Chinese, as Excel on Taiwanese or Hong Kong Windows saves): the text is not UTF-8; it is valid Big5 and reads best as Traditional Chinese',
    hint: 'If the text looks wrong, choose another encoding in the load settings (gb18030 for Simplified Chinese, shift_jis for Japanese)'
  },
  'encoding.shift_jis': {
    message: 'read as Shift_JIS (Japanese, as Excel on Japanese Windows saves): the text is not UTF-8; it is valid Shift_JIS and reads best as Japanese',
    hint: 'If the text looks wrong, choose another encoding in the load settings (gb18030 for Simplified Chinese, big5 for Traditional Chinese)'
  },
  'encoding.windows_1252': {
    message: 'read as Windows-1252 (Western European): the text is not UTF-8, and does not read as Chinese or Japanese',
    hint: 'If letters look wrong (such as Ã© for é), choose the file\'s encoding in the load settings, or save the file again as UTF-8'
  },
  'encoding.given': { message: 'read as {name}, as given in the load settings' },
  // what the load found while reading (a repair group: its count and lines are given with it)
  'encoding.foreign_lines': {
    message: 'lines that are not UTF-8 but GB18030 (probably pasted from another export) were read as GB18030',
    hint: 'Check that their text looks right; to avoid this, save the whole file as UTF-8 in one go'
  },
  'encoding.unknown': {
    message: "encoding '{given}' is not one Segmint knows",
    hint: 'Use one of: {known}'
  }
} satisfies Record<string, Template>;
