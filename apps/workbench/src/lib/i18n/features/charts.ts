// UI strings of the charts (English and Chinese side by side; merged into en.ts / zh.ts).
export const en = {
  'charts.title': 'Charts',
  'charts.asTable': 'Show the numbers as a table'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'charts.title': '图表',
  'charts.asTable': '以表格显示数字'
};
