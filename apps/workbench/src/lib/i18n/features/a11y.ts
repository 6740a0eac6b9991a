// UI strings of the a11y feature, English and Chinese side by side (merged into en.ts / zh.ts).
// Every English key must have its Chinese text (type-checked) with the same placeholders
// (dictionaries.test.ts).
export const en = {
  'a11y.skip': 'Skip to content',
  'a11y.useModel': 'Use model',
  'a11y.segmentsTable': 'Segments table',
  'a11y.metricsTable': 'Customer metrics table'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'a11y.skip': '跳到主要内容',
  'a11y.useModel': '使用模型',
  'a11y.segmentsTable': '分群表',
  'a11y.metricsTable': '客户指标表'
};
