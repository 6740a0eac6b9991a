// parse+check+compile time (median of many runs) for a one-line rule, a typical 10-segment
// file and a 200-segment file. Run after the build: npm run bench -w @segmint/dsl
import { builtinSchema, compileExpression, compileRules, formatRules } from '../dist/index.js';

const schema = { fields: [...builtinSchema.fields, { name: 'industry', type: 'text', hasNulls: true }, { name: 'satisfaction', type: 'number', hasNulls: true }] };

function ten() {
  return `# typical file
as of 2024-12-31
define AOV2 = M / F
segment platinum "Platinum 铂金客户" when R <= 30 and F >= 10 and M >= 50_000
segment gold "Gold" when R <= 30 and F between 5 and 9
segment churn_risk "Churn risk" when R > 90 and (F >= 3 or M > 5000)
segment champions "Champions" when R_score >= 4 and F_score >= 4 and M_score >= 4
segment loyal "Loyal" when F_score >= 4 and pct(M) >= 50
segment at_risk "At risk" when R_score <= 2 and F_score >= 3
segment new "New" when T <= 30
segment dormant "Dormant" when last_purchase < as_of - 180d
segment it "IT" when industry in ('IT', 'Software') and satisfaction >= 4
segment basic "Basic" otherwise
tag complainer when satisfaction <= 2
`;
}
function many(n) {
  const lines = ['as of 2024-12-31'];
  for (let i = 0; i < n; i++) lines.push(`segment s${i} "Segment ${i}" when R <= ${i + 1} and F >= ${(i % 7) + 1} and (M > ${i * 100} or industry = 'X${i}')`);
  lines.push('segment rest otherwise');
  return lines.join('\n') + '\n';
}

function median(f, runs) {
  for (let i = 0; i < Math.min(50, runs); i++) f();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const cases = [
  ['one-line rule (compileExpression)', () => compileExpression('R < 30 and F > 5', schema, { asOf: '2024-12-31' }), 5000],
  ['10-segment file (compileRules)', () => compileRules(ten(), schema, { relation: 'customers' }), 2000],
  ['200-segment file (compileRules)', () => compileRules(many(200), schema, { relation: 'customers' }), 100],
  ['200-segment file (formatRules)', () => formatRules(many(200)), 100]
];
for (const [name, f, runs] of cases) {
  const ok = f().ok !== false;
  console.log(`${name.padEnd(36)} median ${median(f, runs).toFixed(3)} ms  (${runs} runs${ok ? '' : ', NOT OK'})`);
}
