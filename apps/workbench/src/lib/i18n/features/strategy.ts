// UI strings of the strategy feature (English and Chinese side by side; merged into en.ts / zh.ts).
export const en = {
  'strategy.title': 'Strategy'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'strategy.title': '策略'
};
