// 简体中文 messages of the engine: writing a table out (one for every English code).
import type { Template } from '../template.js';
import type { exportMessages as en } from '../en/export.js';

export const exportMessages: Record<keyof typeof en, Template> = {
  'export.kept_as_text': {
    message: '按文本写出，而不是 {type}：有 {count} 个值无法读作 {type}（第一个：“{example}”）',
    hint: '在源文件中修正这些值，即可把该列写成 {type}（类型由前 {sample} 行推断）'
  },
  'export.leading_zeros': { message: '按文本写出，而不是 {type}：有 {count} 个值以 0 开头，写成数字会丢掉这个 0（第一个：“{example}”）' },
  'export.dates_ambiguous': { message: '按文本写出，而不是 {type}：{reason}', hint: '说明日期的顺序（命令行：--day-first 或 --month-first），即可写成日期', hintApp: '在加载设置的“日期顺序”中选择日在前或月在前，即可写成日期' },
  'export.provenance_renamed': { message: '{what}列命名为“{name}”：文件中已有列“{wanted}”' }
};
