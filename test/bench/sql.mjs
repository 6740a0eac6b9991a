// Plain-SQL reference pipeline for the benchmarks (DuckDB dialect; runs unchanged on native
// DuckDB and on duckdb-wasm). It implements ../shared/spec/metrics.md for a transactions file in
// the generator's shape, and the five segments of five.seg / five-edit.seg as hand-written CASE.
// Used (1) before the engine/CLI/app exist, so the harness has numbers from day one, and (2) as
// the baseline the engine's numbers are compared to. It is NOT the product's SQL.

const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** Load a CSV or Parquet file into `tx` (customer, ts, amount, order_id). */
export function loadSql(path, format = path.endsWith('.parquet') ? 'parquet' : 'csv') {
  const src = format === 'parquet' ? `read_parquet(${lit(path)})` : `read_csv(${lit(path)}, header = true)`;
  return `CREATE OR REPLACE TABLE tx AS
SELECT trim(CAST(customer_id AS VARCHAR)) AS customer, CAST(order_date AS TIMESTAMP) AS ts,
       CAST(amount AS DOUBLE) AS amount, CAST(order_id AS VARCHAR) AS order_id
FROM ${src}
WHERE customer_id IS NOT NULL AND trim(CAST(customer_id AS VARCHAR)) <> ''`;
}

const score = (expr, order, n) => `CAST(1 + floor(5 * (rank() OVER (ORDER BY ${order}) - 1) / ${n}) AS INTEGER)`;

/** Build `customers` at as_of (default: date of the latest transaction). */
export function customersSql(asOf) {
  const asof = asOf ? `SELECT DATE ${lit(asOf)} AS d` : `SELECT CAST(max(ts) AS DATE) AS d FROM tx`;
  return `CREATE OR REPLACE TABLE customers AS
WITH a AS (${asof}),
o AS (
  SELECT customer, order_id, sum(amount) AS net, CAST(min(ts) AS DATE) AS od
  FROM tx, a WHERE CAST(ts AS DATE) <= a.d
  GROUP BY customer, order_id),
c AS (
  SELECT customer, count(*) FILTER (WHERE net > 0) AS F, sum(net) AS M,
         max(od) FILTER (WHERE net > 0) AS last_purchase, min(od) FILTER (WHERE net > 0) AS first_purchase
  FROM o GROUP BY customer),
m AS (
  SELECT c.customer, (a.d - c.last_purchase) AS R, c.F, c.M, (a.d - c.first_purchase) AS T,
         CASE WHEN c.F > 0 THEN c.M / c.F END AS AOV, c.first_purchase, c.last_purchase
  FROM c, a),
s AS (
  SELECT m.*,
    CASE WHEN R IS NOT NULL THEN ${score('R', 'R DESC NULLS LAST', 'count(R) OVER ()')} END AS R_score,
    ${score('F', 'F', 'count(*) OVER ()')} AS F_score,
    ${score('M', 'M', 'count(*) OVER ()')} AS M_score
  FROM m)
SELECT *, CAST(R_score AS VARCHAR) || CAST(F_score AS VARCHAR) || CAST(M_score AS VARCHAR) AS RFM FROM s`;
}

export const RULES = {
  five: [
    ['champions', 'R_score >= 4 AND F_score >= 4 AND M_score >= 4'],
    ['loyal', 'F_score >= 4'],
    ['at_risk', 'R_score <= 2 AND F_score >= 3'],
    ['new_customers', 'R_score >= 4 AND F_score <= 2'],
    ['other', 'TRUE']
  ],
  edit: [
    ['champions', 'R_score >= 5 AND F_score >= 4 AND M_score >= 4'],
    ['loyal', 'F_score >= 4'],
    ['at_risk', 'R_score <= 3 AND F_score >= 3'],
    ['new_customers', 'R_score >= 4 AND F_score <= 2'],
    ['other', 'TRUE']
  ]
};

/** `segmented` from `customers`, first match wins (NULL is not true). */
export function segmentSql(rules = RULES.five) {
  const cases = rules.map(([id, cond]) => `WHEN ${cond} THEN ${lit(id)}`).join(' ');
  return `CREATE OR REPLACE TABLE segmented AS SELECT customer, CASE ${cases} END AS segment FROM customers`;
}

/** The per-segment summary a strategist reads. */
export const summarySql = `SELECT s.segment, count(*) AS customers, count(*) / sum(count(*)) OVER () AS share,
  sum(c.M) AS M, sum(c.M) / sum(sum(c.M)) OVER () AS shareM,
  avg(c.R) AS R_mean, median(c.R) AS R_median, min(c.R) AS R_min, max(c.R) AS R_max,
  avg(c.F) AS F_mean, median(c.F) AS F_median, min(c.F) AS F_min, max(c.F) AS F_max,
  avg(c.M) AS M_mean, median(c.M) AS M_median, min(c.M) AS M_min, max(c.M) AS M_max
FROM segmented s JOIN customers c USING (customer) GROUP BY s.segment ORDER BY s.segment`;

/** Write one row per customer with its segment (what `segmint segment --out` writes). */
export function copyOutSql(out) {
  return `COPY (SELECT c.customer, s.segment, c.R, c.F, c.M, c.T, c.AOV, c.R_score, c.F_score, c.M_score
  FROM customers c JOIN segmented s USING (customer) ORDER BY c.customer) TO ${lit(out)} (HEADER, DELIMITER ',')`;
}
