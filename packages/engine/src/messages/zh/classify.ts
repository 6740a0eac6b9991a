// 简体中文 messages of the engine: the role guessed for each file (one for every English code).
import type { Template } from '../template.js';
import type { classify as en } from '../en/classify.js';

export const classify: Record<keyof typeof en, Template> = {
  'classify.orders': { message: '订单：客户 {customer}，日期 {date}，金额 {amount}' },
  'classify.customers': { message: '客户文件：每个 {customer} 一行，没有金额' },
  'classify.not_a_table': { message: '不是 Segmint 能读取的表格（.{extension}）' },
  'classify.no_customer': { message: '没有像客户编号的列（列：{columns}）', hint: '如果它属于这份数据，请自行指定它的角色' },
  'classify.ids_repeat': { message: '有客户列（{customer}），但没有日期和金额，而且编号重复：既不是订单也不是客户文件' },
  'classify.incomplete': { message: '有客户列（{customer}），但没有{missing}', hint: '把它选为订单，并在载入设置中指定{missing}' },
  'classify.other_columns': { message: '列与 {other} 不同的订单：另一张表', hint: '单独载入它，或改用它作为订单' },
  'classify.second_customers': { message: '另一个客户文件；使用的是 {first}', hint: '请选择使用哪个客户文件' }
};
