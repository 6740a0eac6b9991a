// 简体中文 messages of the engine: files as a whole (one for every English code).
import type { Template } from '../template.js';
import type { file as en } from '../en/file.js';

export const file: Record<keyof typeof en, Template> = {
  'file.cancelled': { message: '已取消载入；之前载入的数据仍然保留' },
  'file.none': { message: '没有要载入的文件', hint: '请至少选择一个文件或文件夹' },
  'file.empty': { message: '是空文件（0 字节）', hint: '请重新导出数据；这个文件没有任何内容' },
  'file.no_text': { message: '是空文件（没有文字行）', hint: '请重新导出数据；文件中只有空白' },
  'file.no_records': { message: '是空文件（没有记录）', hint: '请重新导出数据' },
  'file.binary': { message: '不是文本文件：第 {offset} 个字节处是二进制数据', hint: '请载入 CSV、TSV、Excel（.xlsx）、Parquet 或 JSON 文件；如果它就是这些格式之一，请检查文件是否损坏、扩展名是否与内容相符' },
  'file.unknown_encoding': { message: 'Segmint 不认识编码“{encoding}”', hint: '可用的编码：{known}' },
  'file.too_big': { message: '太大，无法在这里载入：{where}，超过了此浏览器标签页可容纳的 {limit}', hint: '请使用 segmint 命令行（原生 DuckDB，没有此限制），或少载入一些天数或列，例如用体积小得多的 Parquet 格式', hintApp: '请少载入一些天数或列，例如用体积小得多的 Parquet 格式；电脑上的 segmint 程序（原生 DuckDB）没有此限制' },
  'file.different_columns': { message: '的列与 {first} 不同（{diff}）：[{columns}] 对比 [{firstColumns}]', hint: '一起载入的文件必须有相同的列、相同的顺序；请单独载入此文件，或修正它的表头' },
  'file.no_rows': { message: '没有数据行', hint: '请连同数据行重新导出；检查导出的筛选条件或日期范围' },
  'file.header_no_rows': { message: '有表头（{columns}）但没有数据行', hint: '请连同数据行重新导出；检查导出的筛选条件或日期范围' },
  'file.header_no_rows_other': { message: '有表头但没有数据行', hint: '没有从中读取任何数据；其他文件已载入' },
  'file.all_rows_left_out': { message: '没有一行可以读取：全部 {count} 行都未计入', hint: '每一行都列出了问题所在；请修正文件（或载入设置）后重新载入' },
  'file.parquet_unreadable': { message: '无法作为 Parquet 读取（{detail}）', hint: '文件可能已损坏或不完整：请重新导出' },
  'file.duckdb_rejected': { message: '无法读取：{detail}（文件第 {line} 行）', hint: '请检查该行的引号和分隔符' }
};
