// 引擎消息（简体中文）：可能误导分析的客户指标说明。代码稳定不变。
import type { Template } from '../template.js';
import type { metrics as en } from '../en/metrics.js';

export const metrics: Record<keyof typeof en, Template> = {
  'metrics.as_of_invalid': { message: "分析日期必须是 YYYY-MM-DD 格式的有效日期（例如 2024-06-30），而不是 '{value}'" },
  'metrics.as_of_option_invalid': { message: "as-of 选项必须是 YYYY-MM-DD 格式的有效日期（例如 2024-06-30），而不是 '{value}'" },
  'metrics.as_of_rules_invalid': { message: "规则文件中的 as of 必须是 YYYY-MM-DD 格式的有效日期（例如 2024-06-30），而不是 '{value}'" },
  'metrics.net_not_positive': {
    message: '{count} 位客户的退款不少于购买金额（M <= 0）；有交易的客户中有 {noPurchase} 位已没有任何购买（F = 0，无 R）',
    hint: '基于 M、F、R 的规则会把他们当作从未购买的客户；如需排除，请在规则中加上 "F > 0"（或 "M > 0"）'
  }
};
