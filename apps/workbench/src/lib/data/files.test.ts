import { describe, expect, it } from 'vitest';
import { pickFiles } from './files.js';

const f = (name: string) => ({ name });

describe('pickFiles (drag and drop)', () => {
  it('one file is the orders file', () => {
    expect(pickFiles([f('sales.csv')])).toEqual({ orders: f('sales.csv'), customers: null });
  });
  it('nothing dropped gives nothing', () => {
    expect(pickFiles([])).toEqual({ orders: null, customers: null });
  });
  it('the customer-named file is the customers file, in any order and in Chinese', () => {
    expect(pickFiles([f('customers.csv'), f('orders.csv')])).toEqual({ orders: f('orders.csv'), customers: f('customers.csv') });
    expect(pickFiles([f('订单.csv'), f('客户资料.csv')])).toEqual({ orders: f('订单.csv'), customers: f('客户资料.csv') });
  });
  it('without a hint in the names the second file is the customers file', () => {
    expect(pickFiles([f('a.csv'), f('b.csv')])).toEqual({ orders: f('a.csv'), customers: f('b.csv') });
  });
});
