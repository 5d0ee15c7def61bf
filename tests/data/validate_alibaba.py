#!/usr/bin/env python3
"""Checks the invariants of the bundled Alibaba dataset (data/alibaba) with the
standard library only. Usage: validate_alibaba.py [DATA_DIR]

Exit 0 when every check passes; otherwise prints one line per problem and
exits 1. The last line is 'N passed, M failed'."""
import csv
import importlib.util
import re
import os
import sys

NODE_FILES = {
    "nodes_company.csv": ["id:ID", ":LABEL", "name", "role", "founded:int", "description", "website",
                          "aliases:string[]"],
    "nodes_country.csv": ["id:ID", ":LABEL", "name", "iso2", "iso3", "aliases:string[]"],
    "nodes_region.csv": ["id:ID", ":LABEL", "name", "scheme", "continent"],
    "nodes_industry.csv": ["id:ID", ":LABEL", "name", "sector"],
}
DEAL_HEADER = [":START_ID", ":END_ID", ":TYPE", "year:int", "month:int", "round_usd:float", "amount_usd:float",
               "stake_pct:float", "co_investors:string[]", "deal:string", "acting:string", "paper_scope:boolean",
               "overseas:boolean", "controlling:boolean", "source", "note"]
REL_FILES = {
    "rels_acquired.csv": ("ACQUIRED", DEAL_HEADER),
    "rels_invested_in.csv": ("INVESTED_IN", DEAL_HEADER),
    "rels_partnered_with.csv": ("PARTNERED_WITH", DEAL_HEADER),
    "rels_subsidiary_of.csv": ("SUBSIDIARY_OF", [":START_ID", ":END_ID", ":TYPE", "year:int", "source", "note"]),
    "rels_affiliate_of.csv": ("AFFILIATE_OF", [":START_ID", ":END_ID", ":TYPE", "year:int", "stake_pct:float",
                                               "source", "note"]),
    "rels_headquartered_in.csv": ("HEADQUARTERED_IN", [":START_ID", ":END_ID", ":TYPE"]),
    "rels_operates_in.csv": ("OPERATES_IN", [":START_ID", ":END_ID", ":TYPE", "year:int", "source"]),
    "rels_in_industry.csv": ("IN_INDUSTRY", [":START_ID", ":END_ID", ":TYPE"]),
    "rels_in_region.csv": ("IN_REGION", [":START_ID", ":END_ID", ":TYPE"]),
}
ROLES = {"group", "business unit", "subsidiary", "affiliate", "acquired", "investee", "partner", "investor"}
# Companies whose deals are tagged with their own name as the acting business;
# every other :Alibaba company acts as "Alibaba Group" (the group and its
# in-house business units) unless SUBSIDIARY_OF leads to one of these first.
ACTING_BY_COMPANY = {"co:ant": "Ant Group", "co:cainiao": "Cainiao", "co:alibaba-pictures": "Alibaba Pictures",
                     "co:lazada": "Lazada", "co:alibaba-e-auto": "Alibaba E-Auto", "co:eleme": "Ele.me"}
OUTSIDE_ACTING = "third party"
# A dated source names at least a year (e.g. "Reuters, 2016-04-12").
DATED = re.compile(r"\b(19|20)\d\d\b")
CONTINENTS = {"Asia", "Europe", "Americas", "Africa", "Oceania"}
DOMESTIC = {"CN", "HK", "MO"}
MIN_COMPANIES = 150
MIN_OVERSEAS_EVENTS = 100


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)
        return ok


def read(data_dir, name, chk):
    path = os.path.join(data_dir, name)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        chk.check(False, "%s: not UTF-8 (%s)" % (name, e))
        return [], []
    chk.check(not text.startswith("\ufeff"), name + ": no byte-order mark")
    rows = list(csv.reader(text.splitlines(keepends=True), strict=True))
    return rows[0], rows[1:]


def is_int(s):
    try:
        int(s)
        return True
    except ValueError:
        return False


def is_float(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "alibaba")
    chk = Checker()
    nodes = {}   # id -> dict
    kinds = {}   # id -> node kind (file)
    for name, header in NODE_FILES.items():
        got, rows = read(data_dir, name, chk)
        chk.check(got == header, "%s: header %s, expected %s" % (name, got, header))
        for i, row in enumerate(rows, start=2):
            if not chk.check(len(row) == len(got), "%s:%d: %d fields, header has %d" % (name, i, len(row), len(got))):
                continue
            rec = dict(zip(got, row))
            nid = rec["id:ID"]
            chk.check(nid and nid not in nodes, "%s:%d: empty or duplicate id %r" % (name, i, nid))
            nodes[nid] = rec
            kinds[nid] = name
    companies = {k: v for k, v in nodes.items() if kinds[k] == "nodes_company.csv"}
    countries = {k: v for k, v in nodes.items() if kinds[k] == "nodes_country.csv"}
    regions = {k: v for k, v in nodes.items() if kinds[k] == "nodes_region.csv"}

    for cid, c in companies.items():
        labels = c[":LABEL"].split(";")
        chk.check(labels[0] == "Company" and set(labels) <= {"Company", "Alibaba"},
                  "%s: labels %s" % (cid, labels))
        chk.check(c["role"] in ROLES, "%s: role %r" % (cid, c["role"]))
        chk.check(c["founded:int"] == "" or is_int(c["founded:int"]), "%s: founded %r" % (cid, c["founded:int"]))
        chk.check(c["name"] != "", cid + ": name")
    # Names and aliases resolve to one node each (the CLI resolves names
    # case-insensitively through both).
    owner = {}
    for nid, n in list(companies.items()) + list(countries.items()):
        for label in [n["name"]] + [a for a in n["aliases:string[]"].split(";") if a]:
            key = label.casefold()
            chk.check(owner.get(key, nid) == nid,
                      "%s: name or alias %r already names %s" % (nid, label, owner.get(key)))
            owner.setdefault(key, nid)
    for cid, c in countries.items():
        chk.check(c[":LABEL"] == "Country" and len(c["iso2"]) == 2 and len(c["iso3"]) == 3
                  and cid == "country:" + c["iso2"], "%s: iso2/iso3/id" % cid)
    for rid, r in regions.items():
        chk.check(r[":LABEL"] == "Region" and r["continent"] in CONTINENTS and r["scheme"],
                  "%s: label/continent/scheme" % rid)

    rels = {}
    for name, (typ, header) in REL_FILES.items():
        got, rows = read(data_dir, name, chk)
        chk.check(got == header, "%s: header %s, expected %s" % (name, got, header))
        out = []
        for i, row in enumerate(rows, start=2):
            if not chk.check(len(row) == len(got), "%s:%d: %d fields" % (name, i, len(row))):
                continue
            rec = dict(zip(got, row))
            rec["line"] = "%s:%d" % (name, i)
            chk.check(rec[":TYPE"] == typ, "%s: type %r" % (rec["line"], rec[":TYPE"]))
            chk.check(rec[":START_ID"] in nodes and rec[":END_ID"] in nodes, "%s: unknown endpoint" % rec["line"])
            for col, val in rec.items():
                if col.endswith(":int") and val:
                    chk.check(is_int(val), "%s: %s=%r" % (rec["line"], col, val))
                if col.endswith(":float") and val:
                    chk.check(is_float(val), "%s: %s=%r" % (rec["line"], col, val))
                if col.endswith(":boolean"):
                    chk.check(val in ("true", "false"), "%s: %s=%r" % (rec["line"], col, val))
            out.append(rec)
        rels[typ] = out

    hq = {}
    for r in rels["HEADQUARTERED_IN"]:
        ok = chk.check(r[":START_ID"] in companies and r[":END_ID"] in countries, r["line"] + ": Company->Country")
        if ok:
            hq.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    ind = {}
    for r in rels["IN_INDUSTRY"]:
        if chk.check(r[":START_ID"] in companies and kinds.get(r[":END_ID"]) == "nodes_industry.csv",
                     r["line"] + ": Company->Industry"):
            ind.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    reg = {}
    for r in rels["IN_REGION"]:
        if chk.check(r[":START_ID"] in countries and r[":END_ID"] in regions, r["line"] + ": Country->Region"):
            reg.setdefault(r[":START_ID"], []).append(r[":END_ID"])
    for r in rels["OPERATES_IN"]:
        chk.check(r[":START_ID"] in companies and r[":END_ID"] in countries, r["line"] + ": Company->Country")
    for typ in ("SUBSIDIARY_OF", "AFFILIATE_OF"):
        for r in rels[typ]:
            chk.check(r[":START_ID"] in companies and r[":END_ID"] in companies, r["line"] + ": Company->Company")
            chk.check(r["source"] != "", r["line"] + ": source")

    # Every :Alibaba company except the group itself hangs off the group tree.
    attached = {r[":START_ID"] for typ in ("SUBSIDIARY_OF", "AFFILIATE_OF") for r in rels[typ]}
    for cid, c in companies.items():
        if "Alibaba" in c[":LABEL"].split(";") and c["role"] != "group":
            chk.check(cid in attached, "%s: :Alibaba company without SUBSIDIARY_OF or AFFILIATE_OF" % cid)

    # Every company (so every deal target) has exactly one HQ and an industry.
    for cid in companies:
        chk.check(len(hq.get(cid, [])) == 1, "%s: %d HEADQUARTERED_IN" % (cid, len(hq.get(cid, []))))
        chk.check(len(ind.get(cid, [])) >= 1, "%s: no IN_INDUSTRY" % cid)
    for cid in countries:
        chk.check(len(reg.get(cid, [])) == 1, "%s: %d IN_REGION" % (cid, len(reg.get(cid, []))))

    parents = {}
    for r in rels["SUBSIDIARY_OF"]:
        parents.setdefault(r[":START_ID"], []).append(r[":END_ID"])

    def expected_acting(cid):
        """The acting business implied by the start company (see ACTING_BY_COMPANY)."""
        if "Alibaba" not in companies.get(cid, {}).get(":LABEL", "").split(";"):
            return OUTSIDE_ACTING
        seen, frontier = set(), [cid]
        while frontier:   # breadth-first up SUBSIDIARY_OF: the nearest named business wins
            nxt = []
            for c in frontier:
                if c in ACTING_BY_COMPANY:
                    return ACTING_BY_COMPANY[c]
                seen.add(c)
                nxt += [p for p in parents.get(c, []) if p not in seen]
            frontier = nxt
        return "Alibaba Group"

    spec = importlib.util.spec_from_file_location("compute_figures", os.path.join(data_dir, "compute_figures.py"))
    figures_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures_mod)
    acting_values = set(figures_mod.GROUP_ACTING) | {"Ant Group", OUTSIDE_ACTING}
    chk.check(set(ACTING_BY_COMPANY.values()) <= acting_values, "ACTING_BY_COMPANY names unknown businesses")

    id_slugs = {cid[len("co:"):] for cid in companies}
    keys = {}
    for typ in ("ACQUIRED", "INVESTED_IN", "PARTNERED_WITH"):
        for r in rels[typ]:
            key = figures_mod.deal_key(dict(r, type=typ))
            chk.check(key not in keys, "%s: deal key %s repeats %s (add the month)" % (r["line"], key, keys.get(key)))
            keys[key] = r["line"]
    events = 0
    rounds = {}   # (target, year, month, round_usd) -> [amount_usd of each participant]
    for typ in ("ACQUIRED", "INVESTED_IN", "PARTNERED_WITH"):
        for r in rels[typ]:
            line = r["line"]
            chk.check(r[":START_ID"] in companies and r[":END_ID"] in companies, line + ": Company->Company")
            # The four facts every deal must carry: year, target country, acting business, dated source.
            chk.check(r["year:int"] != "", line + ": deal without year")
            chk.check(len(hq.get(r[":END_ID"], [])) == 1, line + ": deal without a target country")
            chk.check(r["acting:string"] != "", line + ": deal without acting business")
            chk.check(bool(DATED.search(r["source"])), line + ": deal without a dated source: %r" % r["source"])
            chk.check(r["acting:string"] == expected_acting(r[":START_ID"]),
                      "%s: acting=%r but %s implies %r" % (line, r["acting:string"], r[":START_ID"],
                                                           expected_acting(r[":START_ID"])))
            if r["month:int"]:
                chk.check(1 <= int(r["month:int"]) <= 12, line + ": month")
            if r["stake_pct:float"]:
                chk.check(0 < float(r["stake_pct:float"]) <= 100, line + ": stake_pct out of 0-100")
            amount, round_usd = r["amount_usd:float"], r["round_usd:float"]
            if amount:
                chk.check(float(amount) > 0, line + ": amount_usd")
            if round_usd:
                chk.check(float(round_usd) > 0, line + ": round_usd")
                chk.check(not amount or float(amount) <= float(round_usd), line + ": amount_usd above round_usd")
                rounds.setdefault((r[":END_ID"], r["year:int"], r["month:int"], round_usd), []).append(
                    float(amount) if amount else 0.0)
            for name in r["co_investors:string[]"].split(";"):
                chk.check(name == "" or (name not in id_slugs and not name.startswith("co:")),
                          "%s: co_investors holds the id %r, not a name" % (line, name))
            target_hq = hq.get(r[":END_ID"], [""])[0]
            want = "false" if target_hq.replace("country:", "") in DOMESTIC else "true"
            chk.check(r["overseas:boolean"] == want, "%s: overseas=%s but target HQ %s" % (line, r["overseas:boolean"], target_hq))
            chk.check(r["controlling:boolean"] == "false" or typ != "PARTNERED_WITH", line + ": controlling partnership")
            if r["year:int"]:
                scope = figures_mod.in_paper_scope(r["acting:string"], r["overseas:boolean"], int(r["year:int"]))
                chk.check(r["paper_scope:boolean"] == ("true" if scope else "false"),
                          "%s: paper_scope=%s disagrees with the scope rule" % (line, r["paper_scope:boolean"]))
                if r["acting:string"] != OUTSIDE_ACTING and want == "true" and 2010 <= int(r["year:int"]) <= 2021:
                    events += 1
    # Participants' own amounts never add up to more than their round, so sum(amount_usd) is honest.
    for (target, year, month, round_usd), amounts in rounds.items():
        chk.check(sum(amounts) <= float(round_usd) + 0.5,
                  "%s %s-%s: amounts %s exceed round %s" % (target, year, month, amounts, round_usd))

    chk.check(len(companies) >= MIN_COMPANIES, "companies: %d < %d" % (len(companies), MIN_COMPANIES))
    chk.check(events >= MIN_OVERSEAS_EVENTS, "overseas events 2010-2021: %d < %d" % (events, MIN_OVERSEAS_EVENTS))

    # Path-tracing fixtures: China -> Turkey via Trendyol (2018), China ->
    # Pakistan via Daraz (2018), and a two-deal chain Alibaba -> Lazada -> RedMart.
    def has_deal(a, b, typ, year):
        return any(r[":START_ID"] == a and r[":END_ID"] == b and r["year:int"] == str(year) for r in rels[typ])
    chk.check(hq.get("co:alibaba-group") == ["country:CN"], "Alibaba Group HQ China")
    chk.check(has_deal("co:alibaba-group", "co:trendyol", "ACQUIRED", 2018) and hq.get("co:trendyol") == ["country:TR"],
              "China -> Turkey via Trendyol (2018)")
    chk.check(has_deal("co:alibaba-group", "co:daraz", "ACQUIRED", 2018) and hq.get("co:daraz") == ["country:PK"],
              "China -> Pakistan via Daraz (2018)")
    chk.check(has_deal("co:alibaba-group", "co:lazada", "ACQUIRED", 2016) and has_deal("co:lazada", "co:redmart", "ACQUIRED", 2016),
              "two-deal chain Alibaba -> Lazada -> RedMart")

    # The expected figures are current and name the same figures as the queries.
    mod = figures_mod
    with open(os.path.join(data_dir, "paper_figures.expected"), encoding="utf-8") as f:
        expected_text = f.read()
    chk.check(expected_text == mod.render(mod.figures(data_dir)), "paper_figures.expected is out of date (run compute_figures.py)")
    exp_names = [l.split(":", 1)[1].strip() for l in expected_text.splitlines() if l.startswith("# figure:")]
    with open(os.path.join(data_dir, "paper_figures.cypher"), encoding="utf-8") as f:
        cy_names = [l.split(":", 1)[1].strip() for l in f.read().splitlines() if l.startswith("// figure:")]
    chk.check(exp_names == cy_names and len(cy_names) > 0, "figure names differ: %s vs %s" % (cy_names, exp_names))

    print("%d passed, %d failed" % (chk.passed, chk.failed))
    return 0 if chk.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
