// The bundled example data set (examples/retail in the repository), emitted by Vite as
// assets of this app: fetched from the app's own origin, never from anywhere else.
import ordersUrl from '../../../../../examples/retail/orders.csv?url';
import customersUrl from '../../../../../examples/retail/customers.csv?url';
import tiers from '../../../../../examples/retail/tiers.seg?raw';

export const exampleRules: string = tiers;
export const exampleQuickRule = 'R < 30 and F > 5';

async function fetchFile(url: string, name: string): Promise<File> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return new File([await res.blob()], name, { type: 'text/csv' });
}

export async function exampleFiles(): Promise<{ orders: File; customers: File }> {
  const [orders, customers] = await Promise.all([fetchFile(ordersUrl, 'orders.csv'), fetchFile(customersUrl, 'customers.csv')]);
  return { orders, customers };
}
