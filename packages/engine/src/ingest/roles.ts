// Guessing which column plays which role (customer, date, amount, order) from column names in
// English and Chinese, and from the inferred types. The guess is always shown and can be
// overridden; an amount is never guessed from a type alone (Quantity and UnitPrice are numbers
// too, and neither is the amount of a line).
import { printFieldName } from '@segmint/dsl';
import type { Role, RoleMap } from '../types.js';

const QTY = /qty|quantity|数量|件数|number_?of|個数/i;
const PRICE = /price|单价|價格|价格|単価/i;

/**
 * The amount as an expression of columns when a file has no amount column but a quantity and a
 * unit price (Online Retail: `Quantity * UnitPrice`), in the rules language (names that are not
 * bare words in backticks); undefined when there is no such pair. One source for the guess shown
 * with dropped files and the hint of the missing-amount error.
 */
export function suggestAmountExpression(columns: readonly string[]): string | undefined {
  const qty = columns.find((c) => QTY.test(c));
  const price = columns.find((c) => PRICE.test(c) && c !== qty);
  return qty && price ? `${printFieldName(qty)} * ${printFieldName(price)}` : undefined;
}

const EXACT: Record<Role, string[]> = {
  customer: [
    'customerid', 'customer', 'customerno', 'customernumber', 'customercode', 'custid', 'custno', 'clientid', 'client', 'clientno',
    'memberid', 'member', 'memberno', 'membernumber', 'userid', 'buyerid', 'buyer', 'accountid', 'account', 'shopperid', 'consumerid',
    '客户编号', '客户id', '客户代码', '客户号', '客户编码', '客户', '会员号', '会员id', '会员编号', '会员卡号', '会员', '用户id', '用户编号', '顾客id', '顾客编号', '买家id', '买家', '客户账号',
    // Traditional Chinese and Japanese exports
    '客戶編號', '客戶id', '客戶代碼', '客戶', '會員號', '會員編號', '會員', '顧客', '顧客id', '顧客編號', '顧客番号', '顧客コード', '会員番号', '会員id'
  ],
  date: [
    'invoicedate', 'orderdate', 'date', 'transactiondate', 'purchasedate', 'paymentdate', 'orderdatetime', 'ordertime', 'datetime', 'timestamp',
    'createdat', 'created', 'saledate', 'salesdate', 'txdate', 'transdate', 'day', 'time', 'paidat', 'orderedat',
    '日期', '下单时间', '交易日期', '订单日期', '下单日期', '购买日期', '购买时间', '支付时间', '付款时间', '成交时间', '交易时间', '消费日期', '消费时间', '时间', '创建时间', '付款日期',
    '訂單日期', '購買日期', '下單時間', '交易時間', '日付', '注文日', '注文日時', '購入日', '売上日'
  ],
  amount: [
    'amount', 'total', 'totalamount', 'sales', 'revenue', 'value', 'dollarvalue', 'payment', 'paid', 'amountpaid', 'ordervalue', 'ordertotal',
    'gmv', 'spend', 'netamount', 'salesamount', 'totalprice', 'linetotal', 'totalsales', 'grandtotal', 'subtotal', 'turnover',
    '金额', '实付金额', '销售额', '订单金额', '支付金额', '付款金额', '实收金额', '总金额', '消费金额', '交易金额', '应付金额', '成交金额', '总价', '合计', '实付', '销售金额', '订单总额',
    '實付金額', '銷售額', '訂單金額', '支付金額', '總金額', '金額', '売上', '売上金額', '合計金額', '支払金額', '購入金額'
  ],
  order: [
    'orderid', 'orderno', 'ordernumber', 'order', 'invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'transactionid', 'txid', 'transid',
    'receiptno', 'receiptid', 'receipt', 'ticketid', 'basketid',
    '订单号', '订单编号', '订单id', '单号', '交易号', '流水号', '发票号', '订单', '交易单号', '小票号',
    '訂單號', '訂單編號', '訂單', '注文番号', '注文id', '伝票番号'
  ]
};

const PARTS: Record<Role, { any: RegExp; not?: RegExp }> = {
  customer: { any: /customer|client|member|buyer|shopper|客户|会员|顾客|买家|用户|客戶|會員|顧客/, not: /name|名|phone|电话|mail|地址|address|type|类型|level|等级|city|城市|segment/ },
  date: { any: /date|time|day|日期|时间|時間|日付|注文日/, not: /update|修改|birth|生日|register|注册/ },
  amount: { any: /amount|total|sales|revenue|spend|payment|金额|销售额|总价|实付|金額|銷售額|總價|売上/, not: /qty|quantity|数量|count|discount|折扣|tax|税|unit|单价/ },
  order: { any: /order|invoice|receipt|transaction|订单|单号|流水|訂單|單號|注文|伝票/, not: /date|time|日期|时间|amount|金额|status|状态|qty|line|行/ }
};

/** Tokens of a column name, lower case and without separators: 'Customer ID' -> 'customerid'. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.()（）:：/#]+/g, '');
}

const ROLE_TYPES: Record<Role, string[]> = {
  customer: ['integer', 'text', 'number'],
  date: ['date', 'timestamp'],
  amount: ['number', 'integer'],
  order: ['integer', 'text']
};

function score(role: Role, col: { name: string; type: string }): number {
  const n = normaliseName(col.name);
  const typeOk = ROLE_TYPES[role].includes(col.type) || col.type === 'empty';
  // a bare 'ID' / '编号' is the customer only when nothing better is there
  if (role === 'customer' && (n === 'id' || n === '编号')) return 1;
  if (EXACT[role].includes(n)) return typeOk ? 4 : 3;
  const p = PARTS[role];
  if (p.any.test(n) && !(p.not?.test(n) ?? false)) {
    if (role === 'customer' && !/id|no|number|code|编号|号|代码|编码|账号|編號|號|番号|コード/.test(n) && !/客户|会员|客戶|會員|顧客/.test(n)) return 0;
    return typeOk ? 2 : 1;
  }
  return 0;
}

/** The most likely column for each role; a column plays at most one role. */
export function guessRoles(columns: { name: string; type: string }[]): RoleMap {
  const roles: RoleMap = {};
  const used = new Set<string>();
  for (const role of ['customer', 'order', 'date', 'amount'] as const) {
    let best: { name: string; s: number } | null = null;
    for (const c of columns) {
      if (used.has(c.name)) continue;
      const s = score(role, c);
      if (s > 0 && (!best || s > best.s)) best = { name: c.name, s };
    }
    // a date column found by its type alone, when it is the only one
    if (!best && role === 'date') {
      const dates = columns.filter((c) => !used.has(c.name) && (c.type === 'date' || c.type === 'timestamp'));
      if (dates.length === 1) best = { name: dates[0]!.name, s: 1 };
    }
    if (best) {
      roles[role] = best.name;
      used.add(best.name);
    }
  }
  return roles;
}
