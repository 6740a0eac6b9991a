// UI strings of the export feature, English and Chinese side by side (merged into en.ts / zh.ts).
// Every English key must have its Chinese text (type-checked) with the same placeholders
// (dictionaries.test.ts).
export const en = {
  'export.title': 'Take results out',
  'export.mask': 'Mask personal columns',
  'export.maskHelp': 'Names, phone numbers, e-mail and addresses of the customers file are masked in the files (e.g. 138****5678).',
  'export.allCsv': 'All customers (CSV)',
  'export.allXlsx': 'All customers (.xlsx)',
  'export.summaryCsv': 'Segment summary (CSV)',
  'export.csv': 'Export CSV',
  'export.xlsx': 'Export .xlsx',
  'export.help': 'CSV is UTF-8 with a byte order mark, so Excel opens Chinese text. Each customer with their segment and tags.',
  'export.progress': 'Exporting… {rows} of {total} customers',
  'export.cancel': 'Cancel export',
  'export.done': 'Downloaded {file} ({rows} rows).',
  'export.doneMasked': 'Downloaded {file} ({rows} rows, personal columns masked).',
  'export.cancelled': 'Export cancelled.',
  'export.needsRules': 'Fix the errors in the rule file first: each customer’s segment and tags come from it.',
  'export.failed': 'The export failed: {message}'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'export.title': '导出结果',
  'export.mask': '遮盖个人信息列',
  'export.maskHelp': '客户文件中的姓名、电话、邮箱和地址在导出文件中会被遮盖（如 138****5678）。',
  'export.allCsv': '全部客户（CSV）',
  'export.allXlsx': '全部客户（.xlsx）',
  'export.summaryCsv': '分群汇总（CSV）',
  'export.csv': '导出 CSV',
  'export.xlsx': '导出 .xlsx',
  'export.help': 'CSV 为带 BOM 的 UTF-8，Excel 可正确打开中文。每位客户附其分群和标签。',
  'export.progress': '正在导出… {rows} / {total} 位客户',
  'export.cancel': '取消导出',
  'export.done': '已下载 {file}（{rows} 行）。',
  'export.doneMasked': '已下载 {file}（{rows} 行，个人信息列已遮盖）。',
  'export.cancelled': '导出已取消。',
  'export.needsRules': '请先修正规则文件中的错误：每位客户的分群和标签来自规则文件。',
  'export.failed': '导出失败：{message}'
};
