#!/usr/bin/python3
"""The same pipeline in plain pandas, as the tool an analyst would otherwise use.

Reads a transactions CSV in the generator's shape, computes R/F/M/T/AOV and the quintile scores
exactly as ../shared/spec/metrics.md defines them, assigns the five segments of five.seg
(first match wins; a comparison with a missing value is not true), and prints one JSON line with
the phase timings and the segment counts. With --out it writes one row per customer.

Run with Debian's interpreter: /usr/bin/python3 test/bench/pandas_rfm.py FILE.csv [--out X.csv]
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

RULES = {
    "five": [
        ("champions", lambda c: (c.R_score >= 4) & (c.F_score >= 4) & (c.M_score >= 4)),
        ("loyal", lambda c: c.F_score >= 4),
        ("at_risk", lambda c: (c.R_score <= 2) & (c.F_score >= 3)),
        ("new_customers", lambda c: (c.R_score >= 4) & (c.F_score <= 2)),
        ("other", None),
    ],
    "edit": [
        ("champions", lambda c: (c.R_score >= 5) & (c.F_score >= 4) & (c.M_score >= 4)),
        ("loyal", lambda c: c.F_score >= 4),
        ("at_risk", lambda c: (c.R_score <= 3) & (c.F_score >= 3)),
        ("new_customers", lambda c: (c.R_score >= 4) & (c.F_score <= 2)),
        ("other", None),
    ],
}


def quintile(values, ascending):
    """1 + floor(5 * (rank - 1) / n), rank = SQL RANK() (ties share the lowest), NaN stays NaN."""
    n = values.notna().sum()
    rank = values.rank(method="min", ascending=ascending, na_option="keep")
    return (1 + np.floor(5 * (rank - 1) / n)).astype("Int64")


def segment(c, rules):
    conds, names = [], []
    for name, rule in rules:
        # pandas comparisons of NaN/NA give False (or NA, filled as False): SQL's "not true".
        conds.append(pd.Series(True, index=c.index) if rule is None else rule(c).fillna(False).astype(bool))
        names.append(name)
    return pd.Series(np.select(conds, names, default=None), index=c.index)


def main():
    args = sys.argv[1:]
    path = args[0]
    out = args[args.index("--out") + 1] if "--out" in args else None
    rules = RULES[args[args.index("--rules") + 1]] if "--rules" in args else RULES["five"]
    t = {}
    t0 = time.perf_counter()
    tx = pd.read_csv(
        path,
        dtype={"order_id": str, "customer_id": str, "amount": "float64", "channel": str, "region": str},
        parse_dates=["order_date"],
    )
    tx["customer_id"] = tx["customer_id"].str.strip()
    tx = tx[tx["customer_id"].notna() & (tx["customer_id"] != "")]
    t["load"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    as_of = tx["order_date"].max().normalize()
    tx = tx[tx["order_date"].dt.normalize() <= as_of]
    orders = tx.groupby(["customer_id", "order_id"], sort=False).agg(net=("amount", "sum"), ts=("order_date", "min"))
    orders["od"] = orders["ts"].dt.normalize()
    orders = orders.reset_index()
    buy = orders[orders["net"] > 0]
    c = orders.groupby("customer_id", sort=False).agg(M=("net", "sum")).join(
        buy.groupby("customer_id", sort=False).agg(F=("od", "size"), last_purchase=("od", "max"), first_purchase=("od", "min"))
    )
    c["F"] = c["F"].fillna(0).astype("int64")
    c["R"] = (as_of - c["last_purchase"]).dt.days
    c["T"] = (as_of - c["first_purchase"]).dt.days
    c["AOV"] = np.where(c["F"] > 0, c["M"] / c["F"].where(c["F"] > 0), np.nan)
    c["R_score"] = quintile(c["R"], ascending=False)
    c["F_score"] = quintile(c["F"], ascending=True)
    c["M_score"] = quintile(c["M"], ascending=True)
    t["metrics"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    c["segment"] = segment(c, rules)
    counts = c["segment"].value_counts(dropna=False).sort_index()
    t["segment"] = time.perf_counter() - t2

    if out:
        t4 = time.perf_counter()
        cols = ["segment", "R", "F", "M", "T", "AOV", "R_score", "F_score", "M_score"]
        c.reset_index().rename(columns={"customer_id": "customer"}).sort_values("customer")[["customer"] + cols].to_csv(out, index=False)
        t["write"] = time.perf_counter() - t4
    t["total"] = time.perf_counter() - t0

    # Re-segment with the edited rules (customers already computed): median of 9.
    t3 = time.perf_counter()
    samples = []
    for i in range(9):
        s = time.perf_counter()
        segment(c, RULES["edit"] if i % 2 == 0 else RULES["five"]).value_counts(dropna=False)
        samples.append((time.perf_counter() - s) * 1000)
    edited = segment(c, RULES["edit"]).value_counts(dropna=False)
    t["tail"] = time.perf_counter() - t3
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "as_of": str(as_of.date()),
        "customers": int(len(c)),
        "segments": {str(k): int(v) for k, v in counts.items()},
        "edited_segments": {str(k): int(v) for k, v in edited.items()},
        "ms": {k: round(v * 1000, 1) for k, v in t.items()},
        "resegment": [round(x, 1) for x in samples],
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "pandas": pd.__version__,
    }))


if __name__ == "__main__":
    main()
