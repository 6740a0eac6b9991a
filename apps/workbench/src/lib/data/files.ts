// Which dropped file is which: with two files, the one named like a customer list is the
// customers file and the other the orders; one file is the orders file.
export function pickFiles<F extends { name: string }>(files: F[]): { orders: F | null; customers: F | null } {
  if (files.length < 2) return { orders: files[0] ?? null, customers: null };
  const isCustomers = (f: F) => /customer|client|member|客户|会员/i.test(f.name);
  const customers = files.find(isCustomers) ?? files[1]!;
  const orders = files.find((f) => f !== customers) ?? null;
  return { orders, customers };
}

/** Files the data panel accepts: what the engine reads (delimited text, Excel, Parquet, JSON). */
export const ACCEPT = '.csv,.tsv,.txt,.tab,.psv,.dat,.xlsx,.xls,.parquet,.json,.ndjson,.jsonl,text/csv';

/** The sheet names of an Excel workbook (reads the workbook index only); [] for other files. */
export async function sheetNames(file: Blob & { name: string }): Promise<string[]> {
  if (!/\.xlsx?$/i.test(file.name)) return [];
  try {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(new Uint8Array(await file.arrayBuffer()), { type: 'array', bookSheets: true });
    return wb.SheetNames;
  } catch {
    return []; // the load itself says what is wrong with the file
  }
}
