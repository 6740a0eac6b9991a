// UI strings of the report feature (English and Chinese side by side; merged into en.ts / zh.ts).
export const en = {
  'report.title': 'Report',
  'report.intro': 'The segment report of the rule file on the data loaded: the numbers of each segment, its playbook and KPIs, and the Pareto line: the same file as the command segmint report writes.',
  'report.md': 'Markdown',
  'report.html': 'HTML',
  'report.csv': 'CSV',
  'report.json': 'JSON',
  'report.formats': 'Download the report',
  'report.sources': 'Written in English; rule file {rules}; {playbook}.',
  'report.playbook': 'playbook {name}',
  'report.noPlaybook': 'no playbook',
  'report.making': 'Making the report…',
  'report.done': 'Downloaded {file}.',
  'report.failed': 'The report could not be made: {message}',
  'report.blocked.no-data': 'Load a data set first.',
  'report.blocked.rule-errors': 'The rule file has errors: fix them to make the report.',
  'report.blocked.playbook-errors': 'The playbook has errors: fix them to make the report.'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'report.title': '报告',
  'report.intro': '规则文件在已加载数据上的细分报告：每个细分的数字、策略与 KPI，以及帕累托线：与命令 segmint report 写出的文件相同。',
  'report.md': 'Markdown',
  'report.html': 'HTML',
  'report.csv': 'CSV',
  'report.json': 'JSON',
  'report.formats': '下载报告',
  'report.sources': '以中文撰写；规则文件 {rules}；{playbook}。',
  'report.playbook': '策略文件 {name}',
  'report.noPlaybook': '无策略文件',
  'report.making': '正在生成报告…',
  'report.done': '已下载 {file}。',
  'report.failed': '无法生成报告：{message}',
  'report.blocked.no-data': '请先加载数据。',
  'report.blocked.rule-errors': '规则文件有错误：改正后才能生成报告。',
  'report.blocked.playbook-errors': '策略文件有错误：改正后才能生成报告。'
};
