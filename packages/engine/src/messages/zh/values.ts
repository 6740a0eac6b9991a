// 简体中文 messages of the engine: values (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { values as en } from '../en/values.js';

const STRICT_HINT = '请在文件中改正该值，或不用严格模式加载（命令行：去掉 --strict）：这样的行会被排除，并计数和报告';
const STRICT_HINT_APP = '请在文件中改正该值，或在加载设置中关闭“严格模式”：这样的行会被排除，并计数和报告';
const DATE_FORMATS = 'YYYY-MM-DD、YYYYMMDD、YYYY/MM/DD、2024年1月7日、DD/MM/YYYY 或 MM/DD/YYYY、Excel 序列日期';
const AMOUNT_COLUMN = '如果金额在另一列，请指定：--map amount=列名，或列的表达式：--map "amount=Quantity * UnitPrice"';
const AMOUNT_COLUMN_APP = '如果金额在另一列，请在加载设置的“金额：列或表达式”中选择它，或在那里填写由列组成的表达式，例如 Quantity * UnitPrice';
const KEEP_IMPLAUSIBLE_APP = '在加载设置中勾选“保留日期不合理的行”';

export const values: Record<keyof typeof en, Template> = {
  'values.role_missing': {
    message: '没有识别出{role}列（各列：{columns}）',
    hint: '请指定一列：--map {map}',
    hintApp: '请在加载设置中选择{role}列'
  },
  'values.role_column_not_found': {
    message: "为{role}指定的列 '{column}' 不在文件中",
    hint: '文件的列为：{columns}'
  },
  'values.customers_id_missing': {
    message: '没有识别出客户编号列（各列：{columns}）',
    hint: '请把客户文件的编号列命名为与订单的客户列相同的名称：命令行按该名称查找',
    hintApp: '请把客户文件的编号列命名为与订单的客户列相同的名称，或在加载设置中选择它（“客户文件中客户编号所在的列”）'
  },
  'values.amount_expression_invalid': {
    message: "{role} '{expression}' 既不是列，也不是由列组成的算术表达式：{detail}",
    hint: '请把{role}指定为一列或一个表达式，例如 "Quantity * UnitPrice"；各列为：{columns}'
  },

  'values.date_order_ambiguous': {
    message: "列 '{column}' 中的日期既可读作 DD/MM/YYYY，也可读作 MM/DD/YYYY（例如第 {row} 个数据行的 '{example}'），且没有日期的日大于 12 可供判断",
    hint: '请说明是哪一种：dayFirst=true 表示 DD/MM/YYYY，dayFirst=false 表示 MM/DD/YYYY（命令行：--day-first 或 --month-first）',
    hintApp: '请在加载设置的“日期顺序”中选择：日在前（DD/MM/YYYY）或月在前（MM/DD/YYYY）'
  },
  'values.date_order_decided': {
    message: '日期按 {order} 读取（依据 {count} 个日大于 12 的日期判断）'
  },
  'values.date_order_given': {
    message: '日期按 {order} 读取（已指定）'
  },
  'values.date_order_mixed': {
    message: '日期混用了 DD/MM 和 MM/DD：{dayFirst} 个日期的第一个数大于 12，{monthFirst} 个日期的第二个数大于 12；按 {order} 读取，其余的作为无法读取的日期排除',
    hint: '请在源数据中检查这些日期；如果知道顺序，请指定（命令行：--day-first 或 --month-first）',
    hintApp: '请在源数据中检查这些日期；如果知道顺序，请在加载设置的“日期顺序”中选择'
  },
  'values.dates_serial': {
    message: '日期按 Excel 序列日数读取（45292 = 2024-01-01）'
  },
  'values.date_implausible_kept': {
    message: '按要求保留了 {count} 个日期早于 {first} 或晚于 {last} 的行（从 {earliest} 到 {latest}）；它们与其他行一样计算，最晚的日期决定默认的分析日期',
    hint: '如果这些日期是占位值，请指定分析日期（命令行：--as-of YYYY-MM-DD）',
    hintApp: '如果这些日期是占位值，请在“分析日期设置”中指定分析日期'
  },

  'values.decimal_comma': {
    message: '数字按小数逗号读取（1.234,50）'
  },
  'values.number_formats_mixed': {
    message:
      "数字格式混用：{point} 个值写成 1,234.50 的形式（例如 {pointFile} 第 {pointRow} 个数据行的 '{pointExample}'），{comma} 个写成 1.234,50 的形式（例如 {commaFile} 第 {commaRow} 个数据行的 '{commaExample}'）；每个值按其自身的分隔符读取，两种读法都可能的值（1,234）按 {either} 读取",
    hint: '请在源数据中检查这些值；导出时请统一数字格式'
  },

  'values.no_customer': {
    message: "没有客户编号（列 '{column}' 为空）",
    hint: '没有客户编号的行不是客户：只计数，不使用。如果客户编号在另一列，请指定：--map customer=列名',
    hintApp: '没有客户编号的行不是客户：只计数，不使用。如果客户编号在另一列，请在加载设置中选择它（客户列）'
  },
  'values.no_date': {
    message: "没有日期（列 '{column}' 为空）",
    hint: '如果日期在另一列，请指定：--map date=列名',
    hintApp: '如果日期在另一列，请在加载设置中选择它（日期列）'
  },
  'values.date_unreadable': {
    message: "无法读取的日期（列 '{column}'）",
    hint: `可读取的日期格式：${DATE_FORMATS}。如果日期在另一列，请指定：--map date=列名；DD/MM 或 MM/DD：--day-first 或 --month-first`,
    hintApp: `可读取的日期格式：${DATE_FORMATS}。如果日期在另一列，请在加载设置中选择它（日期列）；DD/MM 或 MM/DD：在那里选择“日期顺序”`
  },
  'values.date_implausible': {
    message: "早于 {first} 或晚于加载当天 {last} 的日期（列 '{column}'）",
    hint: '是 9999-12-31 或 0001-01-01 之类的占位值，还是选错了列？这样的日期会改变默认的分析日期和每个 R。请在源数据中检查；如仍要加载：keepImplausibleDates（命令行：--keep-implausible-dates）',
    hintApp: `是 9999-12-31 或 0001-01-01 之类的占位值，还是选错了列？这样的日期会改变默认的分析日期和每个 R。请在源数据中检查；如仍要加载：${KEEP_IMPLAUSIBLE_APP}`
  },
  'values.no_amount': {
    message: "没有金额（列 '{column}' 为空）",
    hint: AMOUNT_COLUMN,
    hintApp: AMOUNT_COLUMN_APP
  },
  'values.amount_unreadable': {
    message: "无法读取为数字的金额（列 '{column}'）",
    hint: `可读取的数字形式：1234.5、1,234.50、1.234,50、¥1,200 或 (35.00)。${AMOUNT_COLUMN}`,
    hintApp: `可读取的数字形式：1234.5、1,234.50、1.234,50、¥1,200 或 (35.00)。${AMOUNT_COLUMN_APP}`
  },
  'values.amount_not_computed': {
    message: "无法计算金额 '{expression}'（有值缺失或不是数字）",
    hint: '请检查这些行中表达式所用的列'
  },
  'values.amount_too_large': {
    message: "金额太大，无法精确求和（10^14 或以上，列 '{column}'）：小数点放错了，还是数字连在了一起？",
    hint: '金额按 10^14 以下的精确小数求和；请在源数据中检查这些值'
  },
  'values.amount_too_large_computed': {
    message: "金额 '{expression}' 太大，无法精确求和（10^14 或以上）：小数点放错了，还是数字连在了一起？",
    hint: '金额按 10^14 以下的精确小数求和；请检查这些行中表达式所用的列'
  },

  'values.strict_no_date': {
    message: '日期为空；在严格模式下这会中止加载（共 {count} 行）',
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_date_unreadable': {
    message: "无法读取日期 '{value}'；在严格模式下这会中止加载（共 {count} 行）",
    hint: `可读取的日期格式：${DATE_FORMATS}。${STRICT_HINT}`,
    hintApp: `可读取的日期格式：${DATE_FORMATS}。${STRICT_HINT_APP}`
  },
  'values.strict_date_implausible': {
    message: "日期 '{value}' 早于 {first} 或晚于加载当天 {last}；在严格模式下这会中止加载（共 {count} 行）",
    hint: `${STRICT_HINT}；或保留这样的日期：keepImplausibleDates（命令行：--keep-implausible-dates）`,
    hintApp: `${STRICT_HINT_APP}；或保留这样的日期：${KEEP_IMPLAUSIBLE_APP}`
  },
  'values.strict_no_amount': {
    message: '金额为空；在严格模式下这会中止加载（共 {count} 行）',
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_amount_unreadable': {
    message: "无法把金额 '{value}' 读取为数字；在严格模式下这会中止加载（共 {count} 行）",
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_amount_not_computed': {
    message: "无法由 {value} 计算金额 '{expression}'；在严格模式下这会中止加载（共 {count} 行）",
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },
  'values.strict_amount_too_large': {
    message: "金额 '{value}' 为 10^14 或以上，太大，无法精确求和；在严格模式下这会中止加载（共 {count} 行）",
    hint: STRICT_HINT,
    hintApp: STRICT_HINT_APP
  },

  'values.no_usable_rows': {
    message: '没有可用的行，全部 {rows} 行都被排除',
    hint: '没有加载任何数据。请检查每个角色对应的列（命令行：--map 角色=列名）；文件的列为：{columns}',
    hintApp: '没有加载任何数据。请在加载设置中检查每个角色对应的列；文件的列为：{columns}'
  },
  'values.rows_loaded': {
    message: '{rows} 行中有 {usable} 行作为交易加载'
  },

  'values.customers_column_renamed': {
    message: "列已重命名为 '{name}'（该名称已被客户编号占用）"
  },
  'values.customer_ids_repeated': {
    message: "{ids} 个客户编号出现在不止一行，例如 '{id}'（{rows} 行，第 {first} 个和第 {last} 个数据行）；编号：{examples}",
    hint: '客户文件应每个客户一行：请删除重复行，否则指标将使用每个客户的第一行'
  },
  'values.customers_no_ids': {
    message: "每一行都没有客户编号（列 '{column}'）",
    hint: '请把客户文件的编号列命名为与订单的客户列相同的名称：命令行按该名称查找',
    hintApp: '请在加载设置中选择客户文件的编号列（“客户文件中客户编号所在的列”）'
  },

  'values.as_of_outside_range': {
    message: '分析日期 {asOf} 不在交易日期范围内（{first} 至 {last}）',
    hint: 'R 和 T 按到分析日期的天数计算，分析日期之后的交易会被忽略：请检查该日期（命令行：--as-of，或规则文件中的 "as of" 行）',
    hintApp: 'R 和 T 按到分析日期的天数计算，分析日期之后的交易会被忽略：请检查该日期（“分析日期设置”，或规则文件中的 "as of" 行）'
  },
  'values.attrs_duplicate_ids': {
    message: '客户文件中有 {count} 行重复了已出现过的客户编号；每个客户使用其第一行'
  },
  'values.attr_renamed_metric': {
    message: "客户文件的列 '{from}' 与内置指标同名；可以用 '{to}' 使用它"
  },
  'values.attr_renamed_segment': {
    message: "客户文件的列 '{from}' 与结果中的分群列同名；可以用 '{to}' 使用它"
  }
};
