// UI strings of the rule editor (completion details, hover docs, the format button, the pasted
// segment offer), English and Chinese side by side; merged into en.ts / zh.ts.
export const en = {
  'editor.type.number': 'number',
  'editor.type.text': 'text',
  'editor.type.date': 'date',
  'editor.type.boolean': 'yes/no',
  'editor.customers': '{n} customers',
  'editor.distinct': '{n} distinct values',
  'editor.range': 'min {min} · median {median} · max {max}',
  'editor.missing': '{n} of {total} customers have no value',
  'editor.format': 'Format',
  'editor.formatTitle': 'Format the rule file (Shift+Alt+F)',
  'editor.keys': 'Ctrl+Space completes · Shift+Alt+F formats · Ctrl+/ comments a line · Ctrl+Z undoes',
  'editor.pasted': 'You pasted a whole segment. Put it in the rule file (before the catch-all), or use its condition here?',
  'editor.pastedAdd': 'Add to the rule file',
  'editor.pastedUse': 'Use its condition here',
  'editor.pastedCancel': 'Cancel',
  'editor.fix': 'Fix: {title}'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'editor.type.number': '数值',
  'editor.type.text': '文本',
  'editor.type.date': '日期',
  'editor.type.boolean': '是/否',
  'editor.customers': '{n} 位客户',
  'editor.distinct': '{n} 个不同取值',
  'editor.range': '最小 {min} · 中位数 {median} · 最大 {max}',
  'editor.missing': '{total} 位客户中有 {n} 位没有取值',
  'editor.format': '格式化',
  'editor.formatTitle': '格式化规则文件（Shift+Alt+F）',
  'editor.keys': 'Ctrl+空格 补全 · Shift+Alt+F 格式化 · Ctrl+/ 注释一行 · Ctrl+Z 撤销',
  'editor.pasted': '您粘贴的是一整条分群语句。要把它加入规则文件（放在兜底分群之前），还是在这里只用它的条件？',
  'editor.pastedAdd': '加入规则文件',
  'editor.pastedUse': '在这里使用其条件',
  'editor.pastedCancel': '取消',
  'editor.fix': '修复：{title}'
};
