// 简体中文 messages of the engine: formats (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { formats as en } from '../en/formats.js';

const PARQUET_AGAIN = '文件不完整或不是 Parquet：请重新复制或导出（下载或复制可能被中断了）';

export const formats: Record<keyof typeof en, Template> = {
  'formats.json_record_not_object': {
    message: '第 {row} 个数据行不是带字段名的对象',
    hint: '每条记录必须是这样的对象：{"customer": "C1", "date": "2024-01-31", "amount": 12.5}'
  },
  'formats.json_invalid': {
    message: '不是有效的 JSON（{detail}）',
    hint: '请检查文件是否完整（没有被截断）且以 JSON 导出；如果每行一条记录，请把文件命名为 .ndjson'
  },
  'formats.json_no_records': {
    message: '不含任何记录',
    hint: 'JSON 必须是对象数组（每行一个对象）'
  },
  'formats.ndjson_line_invalid': {
    message: '第 {line} 行不是有效的 JSON（{detail}）',
    hint: 'NDJSON 每行需要一个完整的 JSON 对象；请修正或删除该行'
  },

  'formats.excel_unreadable': {
    message: '无法作为 Excel 工作簿读取（{detail}）',
    hint: '请在 Excel 中打开并另存为 .xlsx，或导出为 CSV'
  },
  'formats.excel_sheet_missing': {
    message: "没有工作表 '{sheet}'",
    hint: '请选择其中一个工作表：{sheets}'
  },
  'formats.excel_sheet_index_missing': {
    message: '没有编号为 {index} 的工作表（从 0 开始）',
    hint: '请选择其中一个工作表：{sheets}'
  },
  'formats.excel_sheet_empty': {
    message: "工作表 '{sheet}' 是空的",
    hint: '请在第一个工作表中放入标题行和数据行'
  },
  'formats.excel_sheet_empty_others': {
    message: "工作表 '{sheet}' 是空的",
    hint: '请选择另一个工作表：{sheets}'
  },

  'formats.parquet_not_parquet': {
    message: '不是 Parquet 文件（开头没有 Parquet 标记 PAR1）',
    hint: PARQUET_AGAIN
  },
  'formats.parquet_truncated': {
    message: '是被截断的 Parquet 文件（{bytes} 字节，缺少结尾的 Parquet 标记）',
    hint: PARQUET_AGAIN
  },
  'formats.parquet_unreadable': {
    message: '无法作为 Parquet 读取（{detail}）',
    hint: '文件可能已损坏或被截断：请重新导出'
  }
};
