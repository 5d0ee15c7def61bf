#!/usr/bin/env python3
"""Compares the graph's paper-scope figures with the numbers Li & Li (2022)
publish, as documented in data/alibaba/paper_comparison.csv, and checks that
every difference is accounted for deal by deal in paper_differences.csv.

Usage: check_paper_comparison.py [DATA_DIR]

For each row of paper_comparison.csv:
  1. the graph value computed from the CSVs (compute_figures.scalars) equals
     the documented `graph` column, so the explanation cannot go stale;
  2. adjusted = graph + the adjustments listed for that figure in
     paper_differences.csv;
  3. status `match` requires paper_min <= adjusted <= paper_max, status
     `differs` requires the opposite and an explanation.
For each row of paper_differences.csv:
  - a deal key (start>end>TYPE>year[-month]) must name exactly one deal; +N (the paper
    counts it, the graph's paper scope does not) needs paper_scope = false,
    -N (the graph counts it, the paper does not) needs paper_scope = true;
  - `unrecorded:<name>` must not be a company of the graph (add the deal and
    update the file once a source is found);
  - `residual` is a difference the paper's unpublished event list makes
    unattributable; its candidates (if listed) must be in-scope deals and at
    least as many as the adjustment (for target_countries, every in-scope
    event reaching a candidate's country must be a candidate too).
Exit 0 when all hold; otherwise one line per problem and exit 1."""
import csv
import importlib.util
import os
import sys


def load_module(data_dir):
    spec = importlib.util.spec_from_file_location("compute_figures", os.path.join(data_dir, "compute_figures.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read(data_dir, name):
    with open(os.path.join(data_dir, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "alibaba")
    mod = load_module(data_dir)
    problems = []
    graph = mod.scalars(mod.figures(data_dir))
    _, _, _, hq, _, deals = mod.load(data_dir)
    by_key = {}
    for d in deals:
        by_key.setdefault(mod.deal_key(d), []).append(d)
    names = {r["name"].lower() for r in read(data_dir, "nodes_company.csv")}
    scope_countries = {c for d in deals if d["paper_scope:boolean"] == "true" for c in hq[d[":END_ID"]]}

    comparison = read(data_dir, "paper_comparison.csv")
    figures = {row["figure"] for row in comparison}
    adjust = {}
    for i, row in enumerate(read(data_dir, "paper_differences.csv"), start=2):
        where = "paper_differences.csv:%d" % i
        fig, deal = row["figure"], row["deal"]
        try:
            n = int(row["adjust"])
        except ValueError:
            problems.append("%s: adjust %r is not an integer" % (where, row["adjust"]))
            continue
        if fig not in figures:
            problems.append("%s: figure %r is not in paper_comparison.csv" % (where, fig))
        if n == 0 or not row["explanation"].strip():
            problems.append("%s: needs a non-zero adjustment and an explanation" % where)
        adjust[fig] = adjust.get(fig, 0) + n
        if deal == "residual":
            cands = [c for c in row["candidates"].split(";") if c]
            for c in cands:
                hits = by_key.get(c, [])
                if len(hits) != 1 or hits[0]["paper_scope:boolean"] != "true":
                    problems.append("%s: candidate %s is not exactly one in-scope deal" % (where, c))
            if fig == "target_countries":
                # a country can only drop out if every in-scope event reaching it is a candidate
                for c in cands:
                    for d in by_key.get(c, [])[:1]:
                        country = hq[d[":END_ID"]][0]
                        reaching = [mod.deal_key(e) for e in deals
                                    if e["paper_scope:boolean"] == "true" and hq[e[":END_ID"]][0] == country]
                        if not set(reaching) <= set(cands):
                            problems.append("%s: %s is reached by other in-scope events too" % (where, country))
            if cands and len(cands) < abs(n):
                problems.append("%s: %d candidates for an adjustment of %d" % (where, len(cands), n))
        elif deal.startswith("unrecorded:"):
            if deal[len("unrecorded:"):].lower() in names:
                problems.append("%s: %s is now in the graph; record its deal instead" % (where, deal))
        else:
            hits = by_key.get(deal, [])
            if len(hits) != 1:
                problems.append("%s: %s names %d deals, expected 1" % (where, deal, len(hits)))
                continue
            in_scope = hits[0]["paper_scope:boolean"] == "true"
            if n > 0 and in_scope:
                problems.append("%s: %s is in the paper scope; +%d would count it twice" % (where, deal, n))
            if n < 0 and not in_scope:
                problems.append("%s: %s is outside the paper scope; %d removes nothing" % (where, deal, n))
            if fig == "target_countries" and n > 0 and hq[hits[0][":END_ID"]][0] in scope_countries:
                problems.append("%s: %s adds a country the scope already reaches" % (where, deal))

    for i, row in enumerate(comparison, start=2):
        where = "paper_comparison.csv:%d (%s)" % (i, row["figure"])
        if row["figure"] not in graph:
            problems.append("%s: unknown figure" % where)
            continue
        value = graph[row["figure"]]
        if abs(float(row["graph"]) - value) > 1e-9:
            problems.append("%s: the graph gives %s, the file documents %s; update value and explanation"
                            % (where, value, row["graph"]))
        adjusted = value + adjust.get(row["figure"], 0)
        within = float(row["paper_min"]) - 1e-9 <= adjusted <= float(row["paper_max"]) + 1e-9
        if row["status"] == "match" and not within:
            problems.append("%s: adjusted %s is outside the paper's %s-%s" % (where, adjusted, row["paper_min"],
                                                                              row["paper_max"]))
        elif row["status"] == "differs" and (within or not row["explanation"].strip()):
            problems.append("%s: marked differs but %s" % (where, "matches" if within else "has no explanation"))
        elif row["status"] not in ("match", "differs"):
            problems.append("%s: status %r" % (where, row["status"]))
    missing = set(graph) - figures
    if missing:
        problems.append("paper_comparison.csv: no row for %s" % sorted(missing))

    for p in problems:
        print("FAIL: " + p)
    print("%d figures compared with the paper, %d problems" % (len(comparison), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
