import { describe, expect, it } from 'vitest';
import { roleOfColumn } from './preview.js';

describe('the role a preview column plays', () => {
  const roles = { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', amount: 'Quantity * `Unit Price`' };
  it('is the role mapped to it (case and blanks aside), or the amount for the columns of its expression', () => {
    expect(roleOfColumn('customerid', roles)).toBe('customer');
    expect(roleOfColumn('InvoiceDate', roles)).toBe('date');
    expect(roleOfColumn('Quantity', roles)).toBe('amount');
    expect(roleOfColumn('Unit Price', roles)).toBe('amount');
    expect(roleOfColumn('Country', roles)).toBeNull();
    expect(roleOfColumn('column3', { amount: 'column3', customer: 'column1' })).toBe('amount');
    expect(roleOfColumn('x', { amount: 'Quantity *' })).toBeNull();
  });
});
