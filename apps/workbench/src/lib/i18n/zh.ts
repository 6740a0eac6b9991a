// 简体中文界面文字。与 en.ts 的键一一对应（类型检查保证）。
import type { Dictionary } from './en.js';

export const zh: Dictionary = {
  'app.tagline': '客户细分工作台',
  'app.privacy': '完全在浏览器中运行：您的数据不会离开这台电脑。',
  'app.language': '语言',

  'progress.title': '正在准备工作台',
  'progress.engine': '启动引擎',
  'progress.data': '加载数据',
  'progress.metrics': '计算客户指标',
  'progress.done': '完成',
  'progress.working': '处理中…',

  'data.title': '数据',
  'data.example': '示例数据：零售店',
  'data.current': '已加载',
  'data.files': '文件',
  'data.transactions': '交易',
  'data.customers': '客户',
  'data.asOf': '分析日期',
  'data.leftOut': '未计入',
  'data.orders': '订单文件（CSV）',
  'data.customersFile': '客户文件（CSV，可选）',
  'data.load': '加载文件',
  'data.loadExample': '重新加载示例数据',
  'data.dropHint': '也可以把 CSV 文件拖放到本页任意位置。',
  'data.dropOverlay': '松开鼠标即可加载 CSV 文件',
  'data.chooseOrders': '请先选择订单文件。',
  'data.rowsLeftOut': '{n} 行未计入：{reason}',

  'error.loadTitle': '无法加载 {file}',
  'error.kept': '之前的数据仍然保留。',
  'error.engineTitle': '引擎无法启动',
  'error.engineHint': '请刷新页面。如果仍然失败，请使用最新版的 Chrome、Edge 或 Firefox。',
  'error.generic': '出错了',
  'error.hint': '处理建议',

  'preview.title': '客户指标',
  'preview.caption': '共 {total} 位客户，显示前 {n} 位，分析日期 {date}',

  'col.customer': '客户',
  'col.R': 'R（天）',
  'col.F': 'F',
  'col.M': 'M',
  'col.T': 'T（天）',
  'col.AOV': '客单价',
  'col.R_score': 'R 分',
  'col.F_score': 'F 分',
  'col.M_score': 'M 分',
  'col.RFM': 'RFM',

  'quick.title': '快速规则',
  'quick.label': '规则表达式',
  'quick.placeholder': '例如 R < 30 and F > 5',
  'quick.help': '字段：R、F、M、T、AOV、各项评分以及数据中的列。输入时实时更新。',
  'quick.matched': '位匹配客户',
  'quick.share': '占 {total} 位客户的 {share}',
  'quick.stale': '显示的是上一次有效结果',
  'quick.empty': '输入规则即可统计匹配的客户数。',
  'quick.computing': '计算中…',

  'diag.error': '错误',
  'diag.warning': '警告',
  'diag.at': '第 {line} 行，第 {column} 列',

  'sql.title': '编译后的 SQL',
  'sql.params': '参数',

  'rules.title': '客户分群',
  'rules.label': '规则文件',
  'rules.help': '每行一个分群；客户归入第一个匹配的分群。',
  'rules.total': '已细分 {n} 位客户',

  'seg.segment': '分群',
  'seg.customers': '客户数',
  'seg.share': '占比',
  'seg.shareM': '金额占比',
  'seg.R': 'R 范围',
  'seg.F': 'F 范围',
  'seg.M': 'M 范围',
  'seg.unassigned': '未分群'
};
