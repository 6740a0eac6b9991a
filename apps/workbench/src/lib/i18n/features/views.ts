// UI strings of the workbench's views (the tabs under the top bar), English and Chinese.
export const en = {
  'views.label': 'Workbench views',
  'views.segments': 'Segments',
  'views.charts': 'Charts',
  'views.strategy': 'Strategy',
  'views.migration': 'Migration'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'views.label': '工作台视图',
  'views.segments': '分群',
  'views.charts': '图表',
  'views.strategy': '策略',
  'views.migration': '迁移'
};
