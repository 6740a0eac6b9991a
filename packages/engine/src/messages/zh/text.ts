// 简体中文 messages of the engine: reading delimited text (one for every English code).
import type { Template } from '../template.js';
import type { text as en } from '../en/text.js';

export const text: Record<keyof typeof en, Template> = {
  'text.preamble': { message: '表格上方的行（标题或说明）已跳过', hint: '表格数据没有丢失；请确认表头所在的行是否正确' },
  'text.footer': { message: '表格下方的行（合计或说明）已跳过', hint: '这些行不是表格的数据行；如果它们应该是，请检查' },
  'text.total_line': { message: '合计行（第一个值为“合计”或 Total 等）已跳过', hint: '合计会把同一笔销售算两次' },
  'text.comment_line': { message: '注释行（以 # 或 // 开头）已跳过' },
  'text.blank_lines': { message: '空行已跳过' },
  'text.repeated_header': { message: '数据中重复出现的表头（多个文件拼接而成）已跳过' },
  'text.header_quote': { message: '表头中有未闭合的引号，已从列名中去掉', hint: '如果列名不对，请修改文件的表头行' },
  'text.header_trailing_empty': { message: '表头以分隔符结尾、最后没有列名，这一空列已去掉' },
  'text.quote_literal': { message: '既不开始也不结束引用值的引号被当作普通字符读取', hint: '含引号的值本身应加引号，并把其中的引号写两次（""）' },
  'text.nul_removed': { message: '已从行中删除 NUL 字符' },
  'text.bom_removed': { message: '已删除文本中间的字节顺序标记（BOM，多个文件拼接而成）' },
  'text.row_trailing_empty': { message: '有 {found} 个字段的行（表头有 {expected} 个）：已去掉末尾的空字段' },
  'text.row_merged_number': { message: "带千位分隔符的数字被分隔符拆开（1,234.50），已作为列“{column}”中的一个值读取", hint: '给这类值加引号（"1,234.50"），或导出不带千位分隔符的数字' },
  'text.row_merged_text': { message: "列“{column}”中未加引号的值里含有分隔符，各部分已作为一个值读取", hint: '给含分隔符的值加引号' },
  'text.row_padded': { message: '有 {found} 个字段的行（表头有 {expected} 个）：缺少的末尾字段按空值读取' },
  'text.row_too_many_fields': { message: '有 {found} 个字段的行（表头有 {expected} 个）未计入：没有一种读法与各列相符', hint: '修正这些行（给含分隔符的值加引号）后重新载入文件' },
  'text.row_too_few_fields': { message: '有 {found} 个字段的行（表头有 {expected} 个）未计入：缺了一个值，且无法确定缺在哪里', hint: '修正这些行后重新载入文件' },
  'text.row_ambiguous': { message: '可以有多种读法的行未计入（每种读法都已列出）', hint: '给含分隔符的值加引号后重新载入文件' },
  'text.row_invalid_bytes': { message: '含有在文件编码中无效的字节（显示为 �）的行未计入', hint: '请用正确的编码载入文件，或重新导出为 UTF-8' },
  'text.mixed_line_endings': { message: '文件混用了换行符（{lf} 个 \\n，{crlf} 个 \\r\\n，{cr} 个 \\r），所有行都已读取' },
  'text.tables': { message: '文件中有 {tables} 个表格，已读取第 {table} 个', hint: '可用 --csv-table N 读取其他表格', hintApp: '可在加载设置的“文件中的表格”中选择其他表格' },
  'text.other_table': { message: '文件中的第 {table} 个表格（第 {first}-{last} 行，{rows} 行数据，列：{columns}）未读取', hint: '可用 --csv-table {table} 读取它', hintApp: '可在加载设置的“文件中的表格”中选择它（第 {table} 个表格）' },
  'text.no_such_table': { message: '中没有第 {table} 个表格（共 {tables} 个）', hint: '请选择第 1 到第 {tables} 个表格' },
  'text.no_header': { message: '没有表头行：各列按位置命名为 column1、column2……' },
  'text.strict_repaired': { message: '严格模式在此停止，而不是修复：{problem}', hint: '请在文件中修正这一行，或关闭严格模式，在报告修复内容的同时读取' },
  'text.strict_left_out': { message: '严格模式在此停止，而不是排除这一行：{problem}', hint: '请在文件中修正这一行，或关闭严格模式，将其排除（并报告）' },
  'text.strict_skipped': { message: '严格模式在此停止，而不是跳过这一行：{problem}', hint: '请从文件中删除这一行，或关闭严格模式，将其跳过（并报告）' },
  'text.strict_refused': { message: '严格模式：不修复也不排除任何行；关闭严格模式即可在报告修复内容的同时读取文件' },
  'text.unreadable': { message: '无法作为分隔文本读取（{detail}）', hint: '请确认文件是文本，有一行表头，并使用同一种分隔符（逗号、制表符、分号或竖线）' },
  'text.invalid_bytes': { message: '有 {count} 个字节不是有效的 {encoding}（第一个在第 {line} 行）', hint: '请换一种编码载入（例如简体中文 Windows 用 gb18030，繁体用 big5，日文用 shift_jis，或 utf-16le），或重新导出为 UTF-8' }
};
