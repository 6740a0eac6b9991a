// Which dropped file is which: with two files, the one named like a customer list is the
// customers file and the other the orders; one file is the orders file.
export function pickFiles<F extends { name: string }>(files: F[]): { orders: F | null; customers: F | null } {
  if (files.length < 2) return { orders: files[0] ?? null, customers: null };
  const isCustomers = (f: F) => /customer|client|member|客户|会员/i.test(f.name);
  const customers = files.find(isCustomers) ?? files[1]!;
  const orders = files.find((f) => f !== customers) ?? null;
  return { orders, customers };
}
