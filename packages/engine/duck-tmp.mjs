import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const q = async (sql) => { try { const r = await c.runAndReadAll(sql); console.log(JSON.stringify(r.getRowObjectsJson())); } catch (e) { console.log('ERR', e.message.split('\n').slice(0,3).join(' | ')); } };
const f = process.argv[2];
const cols = process.argv[3];
const opts = process.argv[4] ?? '';
await q(`SELECT * FROM read_csv('${f}', columns={${cols}}, header=true, delim=',', quote='"', escape='"', auto_detect=false ${opts})`);
