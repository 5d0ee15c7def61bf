#!/usr/bin/env python3
"""Computes the paper-comparison figures from the CSVs in this folder, with
the same rules as paper_figures.cypher, and writes paper_figures.expected.

Usage: python3 compute_figures.py [--check]
  --check  compare with the existing paper_figures.expected instead of
           writing it; exit 1 on a difference.

Rules (shared with the Cypher queries):
  event      an ACQUIRED, INVESTED_IN or PARTNERED_WITH relationship with
             paper_scope = true: the acting business is Alibaba Group or one
             of its consolidated subsidiaries (not Ant Group, not a third
             party), the target is headquartered outside mainland China, Hong
             Kong and Macau, and 2010 <= year <= 2021. See README.md,
             "The paper's scope".
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
# Acting businesses inside Alibaba Group's consolidated perimeter; the paper's
# scope. Ant Group is an affiliate (equity-accounted), not a subsidiary.
GROUP_ACTING = ("Alibaba Group", "Cainiao", "Alibaba Pictures", "Lazada", "Alibaba E-Auto", "Ele.me")
OUTSIDE_ACTING = "third party"


def read(name, data_dir=HERE):
    with open(os.path.join(data_dir, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def pct(part, total):
    return math.floor(10000.0 * part / total + 0.5) / 100.0


def in_paper_scope(acting, overseas, year):
    """The rule that paper_scope:boolean must equal (checked by the validator)."""
    return acting in GROUP_ACTING and overseas == "true" and FIRST_YEAR <= year <= LAST_YEAR


def deal_key(d):
    """Unique name of a deal in paper_differences.csv: start>end>TYPE>year[-month]."""
    when = d["year:int"] + ("-" + d["month:int"] if d["month:int"] else "")
    return "%s>%s>%s>%s" % (d[":START_ID"], d[":END_ID"], d["type"], when)


def load(data_dir=HERE):
    country = {r["id:ID"]: r for r in read("nodes_country.csv", data_dir)}
    region = {r["id:ID"]: r for r in read("nodes_region.csv", data_dir)}
    in_region = {r[":START_ID"]: r[":END_ID"] for r in read("rels_in_region.csv", data_dir)}
    hq = {}
    for r in read("rels_headquartered_in.csv", data_dir):
        hq.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    industries = {}
    for r in read("rels_in_industry.csv", data_dir):
        industries.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    deals = []
    for typ, name in DEAL_FILES.items():
        for r in read(name, data_dir):
            r["type"] = typ
            deals.append(r)
    return country, region, in_region, hq, industries, deals


def figures(data_dir=HERE):
    """[(name, header, rows)] in the order of paper_figures.cypher."""
    country, region, in_region, hq, industries, deals = load(data_dir)
    events = [d for d in deals if d["paper_scope:boolean"] == "true"]
    total = len(events)
    out = []

    per_year = {}
    for d in events:
        y = int(d["year:int"])
        per_year[y] = per_year.get(y, 0) + 1
    out.append(("events_per_year", ["year", "events"], [[y, per_year[y]] for y in sorted(per_year)]))
    out.append(("events_2015", ["events"], [[per_year.get(2015, 0)]]))
    # ties broken by the earlier year, as ORDER BY events DESC, year does
    peak = sorted(per_year.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    out.append(("peak_year", ["year", "events"], [[peak[0], peak[1]]]))

    out.append(("total_events", ["events"], [[total]]))

    by_acting = {}
    for d in deals:
        if (d["acting:string"] != OUTSIDE_ACTING and d["overseas:boolean"] == "true"
                and FIRST_YEAR <= int(d["year:int"]) <= LAST_YEAR):
            by_acting[d["acting:string"]] = by_acting.get(d["acting:string"], 0) + 1
    out.append(("overseas_events_by_acting", ["acting", "events"],
                [[a, n] for a, n in sorted(by_acting.items(), key=lambda kv: (-kv[1], kv[0]))]))

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

    inv = [d for d in events if d["type"] in ("ACQUIRED", "INVESTED_IN") and int(d["year:int"]) >= 2013]
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


def scalars(figs):
    """The named single values that paper_comparison.csv compares with the paper."""
    t = {name: (header, rows) for name, header, rows in figs}

    def cell(name, col, row=0):
        header, rows = t[name]
        return rows[row][header.index(col)]
    return {
        "total_events": cell("total_events", "events"),
        "events_2015": cell("events_2015", "events"),
        "peak_year": cell("peak_year", "year"),
        "target_countries": cell("target_countries", "countries"),
        "target_industries": cell("target_industries", "industries"),
        "us_pct": cell("country_shares", "us_pct"),
        "india_pct": cell("country_shares", "india_pct"),
        "israel_pct": cell("country_shares", "israel_pct"),
        "investments_since_2013": cell("investment_regions_since_2013", "total"),
        "asia_pct_since_2013": cell("investment_regions_since_2013", "asia_pct"),
        "north_america_pct_since_2013": cell("investment_regions_since_2013", "north_america_pct"),
        "europe_pct_since_2013": cell("investment_regions_since_2013", "europe_pct"),
        "holding_ma": cell("holding_ma", "cases"),
        "equity_pct": cell("equity_participation", "invested_pct"),
    }


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
