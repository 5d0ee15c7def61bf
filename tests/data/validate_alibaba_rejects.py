#!/usr/bin/env python3
"""Proves that validate_alibaba.py and check_paper_comparison.py fail on bad
data: each case copies data/alibaba to a temporary folder, breaks one thing,
runs the checker and expects exit 1 with the named message.

Usage: validate_alibaba_rejects.py [DATA_DIR]"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
VALIDATE = os.path.join(HERE, "validate_alibaba.py")
COMPARE = os.path.join(HERE, "check_paper_comparison.py")


def edit_csv(path, change):
    """Applies change(rows) to the dict rows of a CSV and writes it back."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def first(rows, **match):
    for r in rows:
        if all(r[k] == v for k, v in match.items()):
            return r
    raise AssertionError("no row %s" % match)


def set_field(name, field, value, **match):
    return name, lambda rows: first(rows, **match).__setitem__(field, value)


LAZADA = {":START_ID": "co:alibaba-group", ":END_ID": "co:lazada", "year:int": "2016"}
CASES = [
    # (description, checker, (file, change), expected message)
    ("deal without year", VALIDATE, set_field("rels_acquired.csv", "year:int", "", **LAZADA), "deal without year"),
    ("deal without acting business", VALIDATE, set_field("rels_acquired.csv", "acting:string", "", **LAZADA),
     "deal without acting business"),
    ("deal with an undated source", VALIDATE,
     set_field("rels_acquired.csv", "source", "Reuters (lazada-ma-alibaba)", **LAZADA), "deal without a dated source"),
    ("deal whose target has no country", VALIDATE,
     ("rels_headquartered_in.csv", lambda rows: rows.remove(first(rows, **{":START_ID": "co:lazada"}))),
     "deal without a target country"),
    ("Ant deal credited to Alibaba Group", VALIDATE,
     set_field("rels_acquired.csv", "acting:string", "Alibaba Group", **{":END_ID": "co:worldfirst"}),
     "acting='Alibaba Group' but co:ant implies 'Ant Group'"),
    ("paper_scope not derived from the rule", VALIDATE,
     set_field("rels_acquired.csv", "paper_scope:boolean", "false", **LAZADA), "disagrees with the scope rule"),
    ("co-investor stored as an id", VALIDATE,
     set_field("rels_invested_in.csv", "co_investors:string[]", "alibaba-group;Qualcomm;Warner Bros.",
               **{":START_ID": "co:google", ":END_ID": "co:magic-leap"}), "co_investors holds the id 'alibaba-group'"),
    ("participants' amounts above the round", VALIDATE,
     ("rels_invested_in.csv", lambda rows: [first(rows, **{":START_ID": s, ":END_ID": "co:magic-leap"}).__setitem__(
         "amount_usd:float", "500000000.0") for s in ("co:alibaba-group", "co:google")]), "exceed round"),
    ("an alias that already names another company", VALIDATE,
     set_field("nodes_company.csv", "aliases:string[]", "Lazada;alibaba", **{"id:ID": "co:lazada"}),
     "alias 'alibaba' already names co:alibaba-group"),
    ("documented graph value out of date", COMPARE,
     set_field("paper_comparison.csv", "graph", "88", figure="total_events"), "the graph gives"),
    ("difference not accounted for", COMPARE,
     ("paper_differences.csv", lambda rows: rows.remove(first(rows, figure="events_2015"))),
     "is outside the paper's 19-19"),
    ("in-scope deal listed as one the paper counts extra", COMPARE,
     set_field("paper_differences.csv", "deal", "co:alibaba-group>co:lazada>ACQUIRED>2016-4",
               figure="holding_ma", adjust="1"), "is in the paper scope"),
]


def main():
    data_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "data", "alibaba")
    failures = 0
    for description, checker, (name, change), message in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "alibaba")
            shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns("gallery", "__pycache__"))
            edit_csv(os.path.join(copy, name), change)
            run = subprocess.run([sys.executable, checker, copy], capture_output=True, text=True)
        ok = run.returncode == 1 and message in run.stdout
        failures += not ok
        print("%s: %s" % ("ok" if ok else "FAIL", description))
        if not ok:
            print("  expected exit 1 and %r; got exit %d:\n%s" % (message, run.returncode, run.stdout[-2000:]))
    print("%d cases, %d failed" % (len(CASES), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
