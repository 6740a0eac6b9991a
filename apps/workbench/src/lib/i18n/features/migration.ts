// UI strings of the migration feature (English and Chinese side by side; merged into en.ts / zh.ts).
export const en = {
  'migration.title': 'Migration'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'migration.title': '迁移'
};
