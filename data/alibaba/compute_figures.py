#!/usr/bin/env python3
"""Computes the paper-comparison figures from the CSVs in this folder, with
the same rules as paper_figures.cypher, and writes paper_figures.expected.

Usage: python3 compute_figures.py [--check]
  --check  compare with the existing paper_figures.expected instead of
           writing it; exit 1 on a difference.

Rules (shared with the Cypher queries):
  event      an ACQUIRED, INVESTED_IN or PARTNERED_WITH relationship whose
             start node carries the :Alibaba label (Alibaba Group, its units,
             subsidiaries and affiliates such as Ant Group), with
             overseas = true and 2010 <= year <= 2021.
  percentages  round(10000 * part / total) / 100, rounding half up as
             openCypher's round() does.
"""
import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEAL_FILES = {"ACQUIRED": "rels_acquired.csv", "INVESTED_IN": "rels_invested_in.csv",
              "PARTNERED_WITH": "rels_partnered_with.csv"}
FIRST_YEAR, LAST_YEAR = 2010, 2021


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def pct(part, total):
    return math.floor(10000.0 * part / total + 0.5) / 100.0


def load():
    nodes = {}
    for row in read("nodes_company.csv"):
        nodes[row["id:ID"]] = {"labels": row[":LABEL"].split(";"), "name": row["name"]}
    country = {r["id:ID"]: r for r in read("nodes_country.csv")}
    region = {r["id:ID"]: r for r in read("nodes_region.csv")}
    in_region = {r[":START_ID"]: r[":END_ID"] for r in read("rels_in_region.csv")}
    hq = {}
    for r in read("rels_headquartered_in.csv"):
        hq.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    industries = {}
    for r in read("rels_in_industry.csv"):
        industries.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    deals = []
    for typ, name in DEAL_FILES.items():
        for r in read(name):
            r["type"] = typ
            deals.append(r)
    return nodes, country, region, in_region, hq, industries, deals


def is_event(d, nodes, types=("ACQUIRED", "INVESTED_IN", "PARTNERED_WITH"),
             first=FIRST_YEAR, last=LAST_YEAR):
    if d["type"] not in types or d["overseas:boolean"] != "true" or not d["year:int"]:
        return False
    if "Alibaba" not in nodes[d[":START_ID"]]["labels"]:
        return False
    return first <= int(d["year:int"]) <= last


def figures():
    nodes, country, region, in_region, hq, industries, deals = load()
    events = [d for d in deals if is_event(d, nodes)]
    total = len(events)
    out = []

    per_year = {}
    for d in events:
        y = int(d["year:int"])
        per_year[y] = per_year.get(y, 0) + 1
    out.append(("events_per_year", ["year", "events"], [[y, per_year[y]] for y in sorted(per_year)]))

    out.append(("total_events", ["events"], [[total]]))

    countries = set()
    for d in events:
        countries.update(hq[d[":END_ID"]])
    out.append(("target_countries", ["countries"], [[len(countries)]]))

    inds = set()
    for d in events:
        inds.update(industries[d[":END_ID"]])
    out.append(("target_industries", ["industries"], [[len(inds)]]))

    def n_iso(iso2):
        # one row per (event, HQ country), as the Cypher MATCH produces
        return sum(1 for d in events for c in hq[d[":END_ID"]] if country[c]["iso2"] == iso2)
    rows_hq = sum(len(hq[d[":END_ID"]]) for d in events)
    us, india, israel = n_iso("US"), n_iso("IN"), n_iso("IL")
    out.append(("country_shares",
                ["total", "us", "us_pct", "india", "india_pct", "israel", "israel_pct"],
                [[rows_hq, us, pct(us, rows_hq), india, pct(india, rows_hq), israel, pct(israel, rows_hq)]]))

    inv = [d for d in deals if is_event(d, nodes, types=("ACQUIRED", "INVESTED_IN"), first=2013)]
    asia = na = europe = n = 0
    for d in inv:
        for c in hq[d[":END_ID"]]:
            g = region[in_region[c]]
            n += 1
            asia += g["continent"] == "Asia"
            na += g["name"] == "Northern America"
            europe += g["continent"] == "Europe"
    out.append(("investment_regions_since_2013",
                ["total", "asia", "asia_pct", "north_america", "north_america_pct", "europe", "europe_pct", "other"],
                [[n, asia, pct(asia, n), na, pct(na, n), europe, pct(europe, n), n - asia - na - europe]]))

    holding = sum(1 for d in events if d["type"] == "ACQUIRED" and d["controlling:boolean"] == "true")
    out.append(("holding_ma", ["cases"], [[holding]]))

    invested = sum(1 for d in events if d["type"] == "INVESTED_IN")
    out.append(("equity_participation", ["invested", "total", "invested_pct"],
                [[invested, total, pct(invested, total)]]))
    return out


def render(figs):
    parts = []
    for name, header, rows in figs:
        lines = ["# figure: " + name, "\t".join(header)]
        for row in rows:
            lines.append("\t".join(repr(v) if isinstance(v, float) else str(v) for v in row))
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def main():
    text = render(figures())
    path = os.path.join(HERE, "paper_figures.expected")
    if "--check" in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.stderr.write("paper_figures.expected is out of date; rerun compute_figures.py\n")
                return 1
        print("paper_figures.expected is up to date")
        return 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
