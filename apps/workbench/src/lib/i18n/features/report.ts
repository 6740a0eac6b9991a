// UI strings of the report feature (English and Chinese side by side; merged into en.ts / zh.ts).
export const en = {
  'report.title': 'Report'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'report.title': '报告'
};
