// 简体中文 messages of the engine: encoding (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { encoding as en } from '../en/encoding.js';

export const encoding: Record<keyof typeof en, Template> = {
  'encoding.bom': { message: '按 {name} 读取：文件以 {name} 字节顺序标记（BOM）开头' },
  'encoding.utf16_pattern': { message: '按 {name} 读取：每隔一个字节就是零，这是没有字节顺序标记的 UTF-16 文本的特征' },
  'encoding.utf8': { message: '按 UTF-8 读取：文本是有效的 UTF-8' },
  'encoding.utf8_foreign_lines': {
    message: '按 UTF-8 读取：除 {count} 行是 GB18030 编码（第一处在第 {first} 行）外，文本都是 UTF-8；这些行按 GB18030 读取',
    hint: '请核对这些行的文字；要避免这种情况，请把整个文件一次性另存为 UTF-8'
  },
  'encoding.utf8_bad_lines': {
    message: '按 UTF-8 读取：除 {count} 行既不是 UTF-8 也不是 GB18030（第一处在第 {first} 行）外，文本都是 UTF-8',
    hint: '这些行可能已损坏；如果整个文件看起来都不对，请在加载设置中选择它的编码'
  },
  'encoding.gb18030': {
    message: '按 GB18030 读取（简体中文，中文版 Windows 上的 Excel 保存的格式）：文本不是 UTF-8；它是有效的 GB18030，按简体中文读最通顺',
    hint: '如果文字显示不对，请在加载设置中选择其他编码（繁体中文选 big5，日文选 shift_jis）'
  },
  'encoding.big5': {
    message: '按 Big5 读取（繁体中文，台湾或香港 Windows 上的 Excel 保存的格式）：文本不是 UTF-8；它是有效的 Big5，按繁体中文读最通顺',
    hint: '如果文字显示不对，请在加载设置中选择其他编码（简体中文选 gb18030，日文选 shift_jis）'
  },
  'encoding.shift_jis': {
    message: '按 Shift_JIS 读取（日文，日文版 Windows 上的 Excel 保存的格式）：文本不是 UTF-8；它是有效的 Shift_JIS，按日文读最通顺',
    hint: '如果文字显示不对，请在加载设置中选择其他编码（简体中文选 gb18030，繁体中文选 big5）'
  },
  'encoding.windows_1252': {
    message: '按 Windows-1252 读取（西欧文字）：文本不是 UTF-8，也读不成中文或日文',
    hint: '如果字母显示不对（例如 é 变成 Ã©），请在加载设置中选择文件的编码，或把文件另存为 UTF-8'
  },
  'encoding.given': { message: '按加载设置中指定的 {name} 读取' },
  'encoding.foreign_lines': {
    message: '有些行不是 UTF-8 而是 GB18030（可能是从别的导出文件中粘贴来的），已按 GB18030 读取',
    hint: '请核对这些行的文字是否正确；要避免这种情况，请把整个文件一次性另存为 UTF-8'
  },
  'encoding.unknown': {
    message: 'Segmint 不认识编码“{given}”',
    hint: '请使用以下之一：{known}'
  }
};
