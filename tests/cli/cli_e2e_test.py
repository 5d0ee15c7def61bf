#!/usr/bin/env python3
"""End-to-end tests of the ecograph executable (standard library only).

Environment: ECOGRAPH_BIN (the executable), ECOGRAPH_SOURCE_DIR (the checkout,
for data/alibaba), ECOGRAPH_SHARED_DIR (../shared; bench tests skip without it).
Every test runs with HOME / XDG_DATA_HOME in a temporary folder, so history and
the default database never touch the user's.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

BIN = os.environ.get("ECOGRAPH_BIN", "")
SOURCE_DIR = os.environ.get("ECOGRAPH_SOURCE_DIR", "")
SHARED_DIR = os.environ.get("ECOGRAPH_SHARED_DIR", "")

COMPANIES = """id:ID,name,:LABEL,founded:int
A,Alpha Group,Company,1999
B,Beta Mart,Company,2005
C,Gamma Shop,Company,2010
D,Delta Pay,Company,2004
E,Echo Logistics,Company,2008
F,Foxtrot Bazaar,Company,2011
"""
COUNTRIES = """id:ID,name,:LABEL,iso2
CN,China,Country,CN
SG,Singapore,Country,SG
TR,Turkey,Country,TR
"""
HQ = """:START_ID,:END_ID,:TYPE
A,CN,HEADQUARTERED_IN
B,SG,HEADQUARTERED_IN
C,TR,HEADQUARTERED_IN
D,SG,HEADQUARTERED_IN
E,SG,HEADQUARTERED_IN
F,TR,HEADQUARTERED_IN
"""
# A->B->C is the shortest chain into Turkey but its years go backwards
# (2018, then 2015); A->D->E->F is longer and in time order.
DEALS = """:START_ID,:END_ID,:TYPE,year:int,amount_usd:float
A,B,ACQUIRED,2018,1000000000
B,C,INVESTED_IN,2015,
A,D,INVESTED_IN,2016,50000000
D,E,ACQUIRED,2017,
E,F,ACQUIRED,2019,250000000.5
"""


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def import_endless_search(tmp, db):
    """A graph on which a market path search from China to Turkey with
    --in-time-order runs for hours: Source (China) invests in 9 layers of 10
    companies, each company in every company of the next layer (2010), and the
    last layer in Target (Turkey) in 2000, so each of the 10^9 routes goes back
    in time and is walked, then dropped. Imports it into `db`."""
    layers, width = 9, 10
    companies = ["id:ID,name,:LABEL", "S,Source,Company", "T,Target,Company"]
    deals = [":START_ID,:END_ID,:TYPE,year:int", "S,CN,HEADQUARTERED_IN,", "T,TR,HEADQUARTERED_IN,"]
    previous = ["S"]
    for layer in range(layers):
        current = ["L%dC%d" % (layer, idx) for idx in range(width)]
        companies += ["%s,Company %s,Company" % (c, c) for c in current]
        deals += ["%s,%s,INVESTED_IN,2010" % (a, b) for a in previous for b in current]
        previous = current
    deals += ["%s,T,INVESTED_IN,2000" % a for a in previous]
    files = {"endless_companies.csv": "\n".join(companies) + "\n",
             "endless_countries.csv": "id:ID,name,:LABEL\nCN,China,Country\nTR,Turkey,Country\n",
             "endless_deals.csv": "\n".join(deals) + "\n"}
    for name, text in files.items():
        write(os.path.join(tmp, name), text)
    return subprocess.run([BIN, "import", "--db", db,
                           "--nodes", os.path.join(tmp, "endless_companies.csv"),
                           os.path.join(tmp, "endless_countries.csv"),
                           "--relationships", os.path.join(tmp, "endless_deals.csv")],
                          capture_output=True, text=True, timeout=120)


def cpu_ticks(pid):
    """CPU time used so far by process `pid`, in clock ticks."""
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def lays_out_diagram(args, stdin=None):
    """True when the process runs a Graphviz layout (render, path --render, :render)."""
    return any(a in ("render", "--render", "repl") for a in args) or ":render" in (stdin or "")


def full_unwind_env():
    """Under LeakSanitizer, Graphviz's layout-internal allocations are only
    recognised as suppressed with full stacks (the Debian libraries have no frame
    pointers). Full unwinding is 5-30x slower, so only layout processes get it."""
    lsan = os.environ.get("LSAN_OPTIONS")
    if not lsan or "fast_unwind_on_malloc" in lsan:
        return {}
    return {"LSAN_OPTIONS": lsan + ":fast_unwind_on_malloc=0"}

class Base(unittest.TestCase):
    """A temporary HOME and a small imported database per test class."""

    @classmethod
    def setUpClass(cls):
        if not BIN or not os.path.exists(BIN):
            raise unittest.SkipTest("ECOGRAPH_BIN not set or missing")
        cls.tmp = tempfile.mkdtemp(prefix="ecograph-cli-test-")
        cls.home = os.path.join(cls.tmp, "home")
        os.makedirs(cls.home)
        cls.data = os.path.join(cls.tmp, "data")
        os.makedirs(cls.data)
        write(os.path.join(cls.data, "nodes_company.csv"), COMPANIES)
        write(os.path.join(cls.data, "nodes_country.csv"), COUNTRIES)
        write(os.path.join(cls.data, "rels_hq.csv"), HQ)
        write(os.path.join(cls.data, "rels_deals.csv"), DEALS)
        cls.db = os.path.join(cls.tmp, "small.db")
        r = cls.run_bin(["import", "--db", cls.db,
                         "--nodes", os.path.join(cls.data, "nodes_company.csv"),
                         os.path.join(cls.data, "nodes_country.csv"),
                         "--relationships", os.path.join(cls.data, "rels_hq.csv"),
                         os.path.join(cls.data, "rels_deals.csv")])
        if r.returncode != 0:
            raise AssertionError("import failed: " + r.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def env(cls, extra=None):
        env = dict(os.environ)
        env["HOME"] = cls.home
        env["XDG_DATA_HOME"] = os.path.join(cls.home, "share")
        env.pop("ECOGRAPH_DB", None)
        env.pop("NO_COLOR", None)
        env["COLUMNS"] = "200"
        if extra:
            env.update(extra)
        return env

    @classmethod
    def run_bin(cls, args, stdin=None, env=None, timeout=120):
        env = dict(env or {})
        if lays_out_diagram(args, stdin):
            env.update(full_unwind_env())
        return subprocess.run([BIN] + args, input=stdin, capture_output=True, text=True,
                              env=cls.env(env), timeout=timeout)

    def query(self, text, *args, db=None):
        return self.run_bin(["query", "--db", db or self.db, "-c", text] + list(args))

    def assertOk(self, r):
        self.assertEqual(r.returncode, 0, "stdout:\n%s\nstderr:\n%s" % (r.stdout, r.stderr))


class CommandLineTest(Base):
    COMMANDS = ["repl", "query", "import", "export", "render", "path", "schema", "stats",
                "check", "bench", "version"]

    def test_every_command_has_help_with_examples(self):
        for command in self.COMMANDS:
            r = self.run_bin([command, "--help"])
            self.assertOk(r)
            self.assertIn("ecograph " + command, r.stdout)
            self.assertIn("Examples:", r.stdout, command)

    def test_overview(self):
        r = self.run_bin(["--help"])
        self.assertOk(r)
        for command in self.COMMANDS:
            self.assertIn(command, r.stdout)

    def test_version(self):
        r = self.run_bin(["version"])
        self.assertOk(r)
        self.assertRegex(r.stdout, r"^ecograph \d+\.\d+\.\d+")

    def test_schema_and_stats(self):
        r = self.run_bin(["schema", "--db", self.db, "--format", "csv"])
        self.assertOk(r)
        self.assertIn("label,Company,6", r.stdout)
        self.assertIn("relationship,ACQUIRED,3", r.stdout)
        r = self.run_bin(["stats", "--db", self.db, "--format", "json"])
        self.assertOk(r)
        stats = {row["statistic"]: row["value"] for row in json.loads(r.stdout)}
        self.assertEqual(stats["nodes"], 9)
        self.assertEqual(stats["relationships"], 11)

    def test_check(self):
        r = self.run_bin(["check", "--db", self.db])
        self.assertOk(r)
        self.assertIn("ok", r.stdout)


class QueryTest(Base):
    def test_command_flag(self):
        r = self.query("MATCH (c:Company {name: 'Alpha Group'}) RETURN c.founded AS f", "--format", "csv")
        self.assertOk(r)
        self.assertEqual(r.stdout, "f\n1999\n")

    def test_file_with_several_statements(self):
        script = os.path.join(self.tmp, "two.cypher")
        write(script, "RETURN 1 AS a;\nRETURN 'x' AS b;\n")
        r = self.run_bin(["query", "--db", self.db, "-f", script, "--format", "jsonl"])
        self.assertOk(r)
        self.assertEqual(r.stdout.splitlines(), ['{"a":1}', '{"b":"x"}'])

    def test_stdin_with_query_command_and_without_command(self):
        for args in (["query", "--db", self.db], ["--db", self.db]):
            r = self.run_bin(args + ["--format", "tsv"],
                             stdin="MATCH (c:Country) RETURN c.name AS n ORDER BY n;\n")
            self.assertOk(r)
            self.assertEqual(r.stdout, "n\nChina\nSingapore\nTurkey\n")

    def test_repl_on_piped_stdin_supports_meta_commands(self):
        r = self.run_bin(["repl", "--db", self.db, "--format", "csv"],
                         stdin=":param y 2016\nMATCH ()-[d]->() WHERE d.year = $y\nRETURN d.amount_usd AS a;\n")
        self.assertOk(r)
        self.assertEqual(r.stdout, "a\n50000000.0\n")

    def test_repl_script_meta_commands(self):
        sub = os.path.join(self.tmp, "sub.cypher")
        write(sub, "MATCH (c:Country {name: 'Turkey'}) RETURN c.iso2 AS iso;\n")
        svg = os.path.join(self.tmp, "last.svg")
        script = ("MATCH p = (:Company {name: 'Alpha Group'})-[:ACQUIRED]->() RETURN p;\n"
                  ":render %s dot\n:format tsv\n:explain\n:source %s\n:params\n:help\n:quit\n"
                  "RETURN 'not reached';\n" % (svg, sub))
        r = self.run_bin(["repl", "--db", self.db], stdin=script)
        self.assertOk(r)
        with open(svg, encoding="utf-8") as f:
            self.assertIn("Beta Mart", f.read())
        self.assertIn("iso\nTR\n", r.stdout)
        self.assertIn(":render FILE", r.stdout)
        self.assertNotIn("not reached", r.stdout)
        # :render follows render -o: an existing file needs --force.
        write(svg, "precious")
        r = self.run_bin(["repl", "--db", self.db], stdin=(
            "MATCH p = (:Company {name: 'Alpha Group'})-[:ACQUIRED]->() RETURN p;\n"
            ":render %s\n" % svg))
        self.assertIn("render failed: %s already exists (use --force to overwrite it)" % svg,
                      r.stderr)
        with open(svg, encoding="utf-8") as f:
            self.assertEqual(f.read(), "precious")
        r = self.run_bin(["repl", "--db", self.db], stdin=(
            "MATCH p = (:Company {name: 'Alpha Group'})-[:ACQUIRED]->() RETURN p;\n"
            ":render %s --force\n" % svg))
        self.assertIn("wrote " + svg, r.stdout)
        with open(svg, encoding="utf-8") as f:
            self.assertIn("Beta Mart", f.read())
        r = self.run_bin(["repl", "--db", self.db], stdin=":nonsense\n")
        self.assertEqual(r.returncode, 1)

    def test_param_typing(self):
        cases = [("42", "INTEGER"), ("2.5", "FLOAT"), ("true", "BOOLEAN"), ("null", "NULL"),
                 ("[1,2]", "LIST"), ('{"k":1}', "MAP"), ("hello", "STRING"), ('"7"', "STRING")]
        for text, expected in cases:
            r = self.query("RETURN valueType($p) AS t", "--param", "p=" + text, "--format", "csv")
            if r.returncode != 0:  # valueType() is optional: fall back to JSON output
                r = self.query("RETURN $p AS t", "--param", "p=" + text, "--format", "jsonl")
                self.assertOk(r)
                value = json.loads(r.stdout)["t"]
                py = {"INTEGER": int, "FLOAT": float, "BOOLEAN": bool, "NULL": type(None),
                      "LIST": list, "MAP": dict, "STRING": str}[expected]
                self.assertIsInstance(value, py, text)
                continue
            self.assertIn(expected, r.stdout.upper(), text)

    def test_params_file(self):
        path = os.path.join(self.tmp, "params.json")
        write(path, json.dumps({"name": "Beta Mart", "n": 3}))
        r = self.query("MATCH (c:Company {name: $name}) RETURN c.founded + $n AS x",
                       "--params", path, "--format", "csv")
        self.assertOk(r)
        self.assertEqual(r.stdout, "x\n2008\n")

    def test_updates_print_statistics(self):
        db = os.path.join(self.tmp, "scratch.db")
        r = self.run_bin(["query", "--db", db, "--create", "-c", "CREATE (:Tmp {v: 1})", "--format", "table"])
        self.assertOk(r)
        self.assertRegex(r.stdout, r"(Added|Created) 1 node")
        # Piped (csv): statistics go to stderr, so stdout stays data.
        r = self.run_bin(["query", "--db", db, "-c", "CREATE (:Other {v: 2})"])
        self.assertOk(r)
        self.assertEqual(r.stdout, "")
        self.assertRegex(r.stderr, r"(Added|Created) 1 node")
        r = self.run_bin(["query", "--db", db, "-c", "MATCH (t:Tmp) RETURN t.v AS v", "--format", "csv"])
        self.assertOk(r)
        self.assertEqual(r.stdout, "v\n1\n")

    def test_syntax_error_has_location_and_carets(self):
        r = self.query("MATCH (c:Company)\nRETURN c.name ORDER BYY c.name")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertRegex(r.stderr, r"2:\d+:")
        self.assertIn("^", r.stderr)
        self.assertIn("RETURN c.name ORDER BYY c.name", r.stderr)

    def test_error_in_file_names_the_file_and_line(self):
        script = os.path.join(self.tmp, "bad.cypher")
        write(script, "RETURN 1;\n\nRETURN (;\n")
        r = self.run_bin(["query", "--db", self.db, "-f", script])
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.cypher:3:", r.stderr)

    def test_explain(self):
        r = self.run_bin(["query", "--db", self.db, "--explain", "-c", "MATCH (c:Company) RETURN c"])
        self.assertOk(r)
        self.assertTrue(r.stdout.strip())

    def test_explain_prints_only_the_plan(self):
        plans = []
        for args in (["--format", "table", "-c", "EXPLAIN MATCH (c:Company) RETURN c.name"],
                     ["--format", "table", "--explain", "-c", "MATCH (c:Company) RETURN c.name"],
                     ["-c", "EXPLAIN MATCH (c:Company) RETURN c.name"]):
            r = self.run_bin(["query", "--db", self.db] + args)
            self.assertOk(r)
            # The optimized logical plan of the pattern, then the operator tree.
            self.assertTrue(r.stdout.startswith("Logical plan:\n  (c:Company)\n"), r.stdout)
            self.assertIn("    Start LabelScan(c:Company)  [start_choice]\n", r.stdout)
            self.assertIn("Physical plan:\n+Projection(c.name)\n", r.stdout)
            self.assertIn("+NodeByLabelScan(c:Company)", r.stdout)
            for empty_result in ("\u250c", "0 rows", "c.name\n"):
                self.assertNotIn(empty_result, r.stdout)
            plans.append(r.stdout)
        self.assertEqual(plans[0], plans[1])
        self.assertEqual(plans[0], plans[2])
        r = self.run_bin(["repl", "--db", self.db, "--format", "table"],
                         stdin="MATCH (c:Company) RETURN c.name;\n:explain\n")
        self.assertOk(r)
        self.assertTrue(r.stdout.endswith(plans[0]), r.stdout)

    def test_warnings_for_unknown_labels_types_and_keys(self):
        q = "MATCH (c:Compnay)-[:ACQUIRD]->(t)\nRETURN t.nmae AS n, t.name AS known"
        r = self.query(q)
        self.assertOk(r)
        self.assertEqual(r.stdout, "n,known\n")
        self.assertEqual(r.stderr,
                         "1:10: warning: label 'Compnay' is not in the database (did you mean 'Company'?)\n"
                         "MATCH (c:Compnay)-[:ACQUIRD]->(t)\n"
                         "         ^^^^^^^\n"
                         "1:21: warning: relationship type 'ACQUIRD' is not in the database "
                         "(did you mean 'ACQUIRED'?)\n"
                         "MATCH (c:Compnay)-[:ACQUIRD]->(t)\n"
                         "                    ^^^^^^^\n"
                         "2:10: warning: property key 'nmae' is not in the database (did you mean 'name'?)\n"
                         "RETURN t.nmae AS n, t.name AS known\n"
                         "         ^^^^\n")
        # Known names, names the statement writes and map keys: no warning.
        for quiet in ("MATCH (c:Company)-[d:ACQUIRED]->(t) RETURN c.name, d.year LIMIT 1",
                      "WITH {a: 1} AS m RETURN m.b",
                      "EXPLAIN CREATE (n:Fresh {k: 1})-[:NEW_TYPE]->(m:Fresh) RETURN n.k"):
            r = self.query(quiet)
            self.assertOk(r)
            self.assertEqual(r.stderr, "", quiet)
        # In a script, the warning names the file.
        script = os.path.join(self.tmp, "warn.cypher")
        write(script, "RETURN 1 AS one;\nMATCH (x:Countri) RETURN x;\n")
        r = self.run_bin(["query", "--db", self.db, "-f", script])
        self.assertOk(r)
        self.assertIn("warn.cypher:2:10: warning: label 'Countri' is not in the database "
                      "(did you mean 'Country'?)", r.stderr)

    def test_repl_param_forms_as_in_cypher_shell(self):
        script = (":param name 'Turkey'\n"
                  ":param year => 2018\n"
                  ":param {alias: 'T\u00fcrkiye', ids: [1, 1 + 1]}\n"
                  ":param upper: toUpper($name)\n"
                  "MATCH (c:Country {name: $name}) RETURN c.iso2 AS iso, $year AS year, $alias AS alias,\n"
                  "  $ids AS ids, $upper AS upper;\n"
                  ":params\n")
        r = self.run_bin(["repl", "--db", self.db, "--format", "csv"], stdin=script)
        self.assertOk(r)
        self.assertEqual(r.stdout.splitlines(),
                         ["iso,year,alias,ids,upper", "TR,2018,T\u00fcrkiye,\"[1,2]\",TURKEY",
                          "$alias = 'T\u00fcrkiye'", "$ids = [1, 2]", "$name = 'Turkey'",
                          "$upper = 'TURKEY'", "$year = 2018"])
        r = self.run_bin(["repl", "--db", self.db], stdin=":param name Turkey\n")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr,
                         "1:13: variable 'Turkey' not defined\n:param name Turkey\n            ^^^^^^\n"
                         "(values are Cypher expressions: quote strings, as in :param name 'Turkey')\n")


class OutputFormatTest(Base):
    Q = "MATCH (c:Company) WHERE c.founded < 2005 RETURN c.name AS name, c.founded AS founded ORDER BY name"

    def test_table(self):
        r = self.query(self.Q, "--format", "table")
        self.assertOk(r)
        self.assertIn("\u250c", r.stdout)
        self.assertIn("\u2502 name", r.stdout)
        self.assertIn("'Alpha Group'", r.stdout)
        self.assertIn("2 rows", r.stdout)

    def test_piped_output_is_csv(self):
        r = self.query(self.Q)
        self.assertOk(r)
        self.assertEqual(r.stdout, "name,founded\nAlpha Group,1999\nDelta Pay,2004\n")
        r = self.run_bin(["--db", self.db], stdin=self.Q + ";\n")
        self.assertOk(r)
        self.assertEqual(r.stdout, "name,founded\nAlpha Group,1999\nDelta Pay,2004\n")

    def test_vertical(self):
        r = self.query(self.Q, "--format", "vertical")
        self.assertOk(r)
        rule = "\u2500" * 13  # "founded" + " | " + "'Alpha Group'" is 23 columns
        self.assertEqual(r.stdout,
                         "\u2500[ row 1 ]" + rule + "\nname    \u2502 'Alpha Group'\nfounded \u2502 1999\n"
                         "\u2500[ row 2 ]" + rule + "\nname    \u2502 'Delta Pay'\nfounded \u2502 2004\n"
                         "2 rows\n")

    def test_auto_is_a_table_unless_too_wide(self):
        r = self.query(self.Q, "--format", "auto")
        self.assertOk(r)
        self.assertTrue(r.stdout.startswith("\u250c"), r.stdout)
        self.assertEqual(len(r.stdout.splitlines()[0]), 27)
        r = self.run_bin(["query", "--db", self.db, "--format", "auto", "-c", self.Q], env={"COLUMNS": "26"})
        self.assertOk(r)
        self.assertTrue(r.stdout.startswith("\u2500[ row 1 ]"), r.stdout)
        self.assertIn("name    \u2502 'Alpha Group'\n", r.stdout)

    def test_max_rows(self):
        r = self.query("UNWIND range(1, 5) AS x RETURN x", "--format", "table", "--max-rows", "2")
        self.assertOk(r)
        self.assertEqual(r.stdout, "\u250c\u2500\u2500\u2500\u2510\n\u2502 x \u2502\n"
                                   "\u251c\u2500\u2500\u2500\u2524\n\u2502 1 \u2502\n\u2502 2 \u2502\n"
                                   "\u2514\u2500\u2500\u2500\u2518\n"
                                   "\u2026 3 more rows (--max-rows 0 shows all)\n5 rows\n")
        # Data formats never drop rows.
        r = self.query("UNWIND range(1, 5) AS x RETURN x", "--format", "tsv", "--max-rows", "2")
        self.assertEqual(r.stdout, "x\n1\n2\n3\n4\n5\n")

    def test_table_truncates_to_width(self):
        r = self.run_bin(["query", "--db", self.db, "--format", "table", "-c", "RETURN '" + "x" * 300 + "' AS long"],
                         env={"COLUMNS": "40"})
        self.assertOk(r)
        for line in r.stdout.splitlines():
            self.assertLessEqual(len(line), 40)
        self.assertIn("\u2026", r.stdout)

    def test_csv(self):
        r = self.query(self.Q, "--format", "csv")
        self.assertOk(r)
        self.assertEqual(r.stdout, "name,founded\nAlpha Group,1999\nDelta Pay,2004\n")

    def test_csv_uses_crlf(self):
        r = subprocess.run([BIN, "query", "--db", self.db, "-c", self.Q, "--format", "csv"],
                           capture_output=True, env=self.env())
        self.assertEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"name,founded\r\nAlpha Group,1999\r\nDelta Pay,2004\r\n")

    def test_tsv(self):
        r = self.query(self.Q, "--format", "tsv")
        self.assertOk(r)
        self.assertEqual(r.stdout, "name\tfounded\nAlpha Group\t1999\nDelta Pay\t2004\n")

    def test_json(self):
        r = self.query(self.Q, "--format", "json")
        self.assertOk(r)
        self.assertEqual(json.loads(r.stdout), [{"name": "Alpha Group", "founded": 1999},
                                                {"name": "Delta Pay", "founded": 2004}])

    def test_jsonl_nodes(self):
        r = self.query("MATCH (c:Company {name: 'Beta Mart'}) RETURN c", "--format", "jsonl")
        self.assertOk(r)
        node = json.loads(r.stdout)["c"]
        self.assertEqual(node["labels"], ["Company"])
        self.assertEqual(node["properties"]["founded"], 2005)
        self.assertIn("id", node)

    def test_markdown(self):
        r = self.query(self.Q, "--format", "markdown")
        self.assertOk(r)
        self.assertTrue(r.stdout.startswith("| name | founded |\n| --- | --- |\n"))

    def test_infinity_and_nan_are_not_null(self):
        q = "RETURN 1.0/0 AS a, -1.0/0 AS b, 0.0/0 AS c, 2.5 AS d"
        r = self.query(q, "--format", "csv")
        self.assertOk(r)
        self.assertEqual(r.stdout, "a,b,c,d\nInfinity,-Infinity,NaN,2.5\n")
        r = self.query(q, "--format", "json")
        self.assertOk(r)
        self.assertEqual(json.loads(r.stdout), [{"a": "Infinity", "b": "-Infinity", "c": "NaN", "d": 2.5}])

    def test_json_over_several_statements_is_one_document(self):
        r = self.query("RETURN 1 AS a; RETURN 2 AS b; " + self.Q, "--format", "json")
        self.assertOk(r)
        self.assertEqual(json.loads(r.stdout), [[{"a": 1}], [{"b": 2}],
                                                [{"name": "Alpha Group", "founded": 1999},
                                                 {"name": "Delta Pay", "founded": 2004}]])
        # A failing statement still leaves valid JSON of those before it.
        r = self.query("RETURN 1 AS a; RETURN nope", "--format", "json")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(json.loads(r.stdout), [[{"a": 1}]])
        self.assertIn("variable 'nope' not defined", r.stderr)


class ExitCodeTest(Base):
    def test_usage_errors_exit_2(self):
        for args in (["frobnicate"], ["query", "--no-such-option"], ["query", "--format", "xml", "-c", "RETURN 1"],
                     ["bench"], ["path", "--db", self.db, "--from", "China"],
                     ["query", "--db", self.db, "--param", "novalue", "-c", "RETURN 1"]):
            r = self.run_bin(args)
            self.assertEqual(r.returncode, 2, "%s: %s" % (args, r.stderr))
            self.assertTrue(r.stderr.strip())

    def test_query_error_exits_1(self):
        self.assertEqual(self.query("RETURN nosuchfunction(1)").returncode, 1)

    def test_missing_database_exits_3(self):
        r = self.run_bin(["query", "--db", os.path.join(self.tmp, "nope.db"), "-c", "RETURN 1"])
        self.assertEqual(r.returncode, 3)
        self.assertIn("does not exist", r.stderr)

    def test_not_a_database_exits_3(self):
        bogus = os.path.join(self.tmp, "bogus")
        os.makedirs(bogus, exist_ok=True)
        write(os.path.join(bogus, "hello.txt"), "not a database")
        r = self.run_bin(["query", "--db", bogus, "-c", "RETURN 1"])
        self.assertEqual(r.returncode, 3, r.stderr)
        plain = os.path.join(self.tmp, "plain-file")
        write(plain, "x")
        r = self.run_bin(["query", "--db", plain, "-c", "RETURN 1"])
        self.assertEqual(r.returncode, 3, r.stderr)

    def test_locked_database_exits_3(self):
        holder = subprocess.Popen([BIN, "repl", "--db", self.db], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=self.env())
        try:
            # The holder has opened the database once it answers a meta-command.
            holder.stdin.write(":params\n")
            holder.stdin.flush()
            self.assertIn("no parameters", holder.stdout.readline())
            r = self.query("RETURN 1")
            self.assertEqual(r.returncode, 3, r.stderr)
            self.assertIn("locked", r.stderr)
            r = self.run_bin(["query", "--db", self.db, "--read-only", "-c", "RETURN 1 AS x",
                              "--format", "csv"])
            self.assertOk(r)
            # Commands that only read fall back to a read-only open.
            self.assertOk(self.run_bin(["stats", "--db", self.db]))
        finally:
            holder.stdin.close()
            holder.wait(timeout=60)
            holder.stdout.close()
            holder.stderr.close()

    def test_ok_exits_0(self):
        self.assertOk(self.query("RETURN 1"))


class ImportExportTest(Base):
    def test_import_bad_row_reports_location(self):
        bad = os.path.join(self.tmp, "bad_nodes.csv")
        write(bad, "id:ID,name,founded:int\nX1,Ok,2000\nX2,Bad,notanumber\n")
        db = os.path.join(self.tmp, "bad.db")
        r = self.run_bin(["import", "--db", db, "--nodes", "Company=" + bad])
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad_nodes.csv:3:", r.stderr)
        report = os.path.join(self.tmp, "report.txt")
        r = self.run_bin(["import", "--db", db, "--nodes", "Company=" + bad, "--skip-bad", "--report", report])
        self.assertOk(r)
        self.assertIn("skipped 1", r.stdout)
        self.assertTrue(os.path.exists(report))
        r = self.run_bin(["query", "--db", db, "-c", "MATCH (c:Company) RETURN count(c) AS n", "--format", "csv"])
        self.assertEqual(r.stdout, "n\n1\n")

    def test_import_jsonl(self):
        path = os.path.join(self.tmp, "g.jsonl")
        write(path, '{"type":"node","id":"1","labels":["Company"],"properties":{"name":"J"}}\n'
                    '{"type":"node","id":"2","labels":["Company"],"properties":{"name":"K"}}\n'
                    '{"type":"relationship","start":"1","end":"2","label":"ACQUIRED","properties":{"year":2020}}\n')
        db = os.path.join(self.tmp, "jsonl.db")
        r = self.run_bin(["import", "--db", db, "--format", "jsonl", "--nodes", path])
        self.assertOk(r)
        r = self.run_bin(["query", "--db", db, "-c", "MATCH (a)-[d:ACQUIRED]->(b) RETURN a.name, d.year, b.name",
                          "--format", "tsv"])
        self.assertOk(r)
        self.assertEqual(r.stdout.splitlines()[1], "J\t2020\tK")

    def test_export_formats(self):
        for fmt, check in (("jsonl", '"type"'), ("graphml", "<graphml"), ("dot", "digraph")):
            out = os.path.join(self.tmp, "export." + fmt)
            r = self.run_bin(["export", "--db", self.db, "--format", fmt, "-o", out])
            self.assertOk(r)
            with open(out, encoding="utf-8") as f:
                self.assertIn(check, f.read())
        r = self.run_bin(["export", "--db", self.db, "--format", "dot"])
        self.assertOk(r)
        self.assertIn("digraph", r.stdout)

    def test_export_csv_round_trip(self):
        out = os.path.join(self.tmp, "dump")
        r = self.run_bin(["export", "--db", self.db, "--format", "csv", "-o", out])
        self.assertOk(r)
        nodes = sorted(os.path.join(out, f) for f in os.listdir(out) if f.startswith("nodes_"))
        rels = sorted(os.path.join(out, f) for f in os.listdir(out) if f.startswith("rels_"))
        db = os.path.join(self.tmp, "roundtrip.db")
        r = self.run_bin(["import", "--db", db, "--nodes"] + nodes + ["--relationships"] + rels)
        self.assertOk(r)
        q = "MATCH (a)-[d]->(b) RETURN a.name, type(d), d.year, b.name ORDER BY a.name, type(d), b.name"
        self.assertEqual(self.query(q, "--format", "csv").stdout, self.query(q, "--format", "csv", db=db).stdout)

    def test_export_query_subgraph(self):
        r = self.run_bin(["export", "--db", self.db, "--format", "jsonl", "--query",
                          "MATCH p = (:Company {name: 'Alpha Group'})-[:ACQUIRED]->() RETURN p"])
        self.assertOk(r)
        lines = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual(sum(1 for x in lines if x["type"] == "node"), 2)
        self.assertEqual(sum(1 for x in lines if x["type"] == "relationship"), 1)


class PathTest(Base):
    def test_shortest_ignores_time_order(self):
        r = self.run_bin(["path", "--db", self.db, "--from", "China", "--to", "Turkey"])
        self.assertOk(r)
        self.assertIn("Gamma Shop", r.stdout)

    def test_in_time_order_rejects_backwards_years(self):
        r = self.run_bin(["path", "--db", self.db, "--from", "China", "--to", "Turkey", "--in-time-order"])
        self.assertOk(r)
        self.assertNotIn("Gamma Shop", r.stdout)
        self.assertIn("Foxtrot Bazaar", r.stdout)
        r = self.run_bin(["path", "--db", self.db, "--from", "China", "--to", "Turkey", "--in-time-order",
                          "--max-hops", "2"])
        self.assertEqual(r.returncode, 1)  # no route: exit 1, as `search` with no match
        self.assertIn("no path within 2 deals in time order.", r.stdout)

    def test_top_k_and_json(self):
        r = self.run_bin(["path", "--db", self.db, "--from", "Alpha Group", "--to", "Turkey", "--top", "2",
                          "--format", "jsonl"])
        self.assertOk(r)
        paths = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([p["hops"] for p in paths], [2, 3])
        self.assertEqual(paths[1]["companies"][-1], "Foxtrot Bazaar")

    def test_timeout_and_ctrl_c_stop_a_long_search(self):
        # On this graph the search would run for hours (import_endless_search).
        db = os.path.join(self.tmp, "endless.db")
        r = import_endless_search(self.tmp, db)
        self.assertOk(r)
        search = ["path", "--db", db, "--from", "China", "--to", "Turkey", "--in-time-order",
                  "--top", "1", "--max-hops", "10"]
        r = self.run_bin(search + ["--timeout", "1"])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertIn("path search exceeded the timeout of 1 s (--timeout 0 for none)", r.stderr)
        # Ctrl-C (SIGINT) once the search is running: the cancel error, exit 1.
        # One second of CPU: past the open and the topology build even under
        # AddressSanitizer on a busy machine.
        proc = subprocess.Popen([BIN] + search + ["--timeout", "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=self.env())
        try:
            deadline = time.time() + 60
            while time.time() < deadline and cpu_ticks(proc.pid) < os.sysconf("SC_CLK_TCK"):
                self.assertIsNone(proc.poll(), "the search ended before Ctrl-C")
                time.sleep(0.1)
            self.assertIsNone(proc.poll(), "the search ended before Ctrl-C")
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
        self.assertEqual(proc.returncode, 1, err)
        self.assertEqual(out, "")
        self.assertIn("path search cancelled", err)
        # A small graph is not affected by --timeout.
        r = self.run_bin(["path", "--db", self.db, "--from", "China", "--to", "Turkey", "--timeout", "5"])
        self.assertOk(r)
        self.assertIn("Gamma Shop", r.stdout)

    def test_help_describes_the_search_not_a_query(self):
        r = self.run_bin(["path", "--help"])
        self.assertOk(r)
        self.assertIn("Route search timeout in seconds", r.stdout)
        self.assertNotIn("--memory-budget", r.stdout)  # no query runs

    def test_unknown_endpoint_exits_1(self):
        r = self.run_bin(["path", "--db", self.db, "--from", "Atlantis", "--to", "Turkey"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("Atlantis", r.stderr)

    def test_render(self):
        out = os.path.join(self.tmp, "path.svg")
        r = self.run_bin(["path", "--db", self.db, "--from", "China", "--to", "Turkey", "--render", out])
        self.assertOk(r)
        with open(out, encoding="utf-8") as f:
            self.assertIn("<svg", f.read())


class RenderTest(Base):
    def test_dot_to_stdout(self):
        r = self.run_bin(["render", "--db", self.db, "--around", "Alpha Group", "--hops", "1"])
        self.assertOk(r)
        self.assertIn("digraph", r.stdout)
        self.assertIn("Beta Mart", r.stdout)

    def test_svg_file_and_query(self):
        out = os.path.join(self.tmp, "q.svg")
        r = self.run_bin(["render", "--db", self.db, "-o", out, "--query",
                          "MATCH p = (:Company {name: 'Alpha Group'})-[:INVESTED_IN]->() RETURN p"])
        self.assertOk(r)
        with open(out, encoding="utf-8") as f:
            self.assertIn("Delta Pay", f.read())

    def test_format_flag_to_stdout(self):
        r = self.run_bin(["render", "--db", self.db, "--country", "Turkey", "--format", "svg",
                          "--engine", "dot", "--cluster-by", "country"])
        self.assertOk(r)
        self.assertIn("<svg", r.stdout)

    def test_bad_engine_is_usage_error(self):
        r = self.run_bin(["render", "--db", self.db, "--engine", "nope", "--country", "Turkey"])
        self.assertEqual(r.returncode, 2)


def bundled_data_dir():
    d = os.environ.get("ECOGRAPH_DATA_DIR") or os.path.join(SOURCE_DIR, "data", "alibaba")
    if os.path.isdir(d) and any(f.endswith(".csv") for f in os.listdir(d)):
        return d
    return None


class BundledDataTest(Base):
    """The default database, created from the bundled Alibaba data on first use."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if bundled_data_dir() is None:
            raise unittest.SkipTest("bundled data/alibaba is absent")
        cls.default_env = {"ECOGRAPH_DATA_DIR": bundled_data_dir()}
        r = cls.run_bin(["stats"], env=cls.default_env, timeout=300)
        if r.returncode != 0:
            raise AssertionError("creating the default database failed: " + r.stderr)

    def test_default_database_answers_queries(self):
        r = self.run_bin(["query", "-c", "MATCH (c:Company {name: 'Trendyol'}) RETURN c.name AS n",
                          "--format", "csv"], env=self.default_env)
        self.assertOk(r)
        self.assertEqual(r.stdout, "n\nTrendyol\n")

    def test_ecograph_db_env(self):
        path = os.path.join(self.home, "share", "ecograph", "alibaba.db")
        self.assertTrue(os.path.isdir(path))
        r = self.run_bin(["stats", "--format", "csv"], env={"ECOGRAPH_DB": path})
        self.assertOk(r)

    def test_path_china_to_turkey_through_trendyol(self):
        r = self.run_bin(["path", "--from", "China", "--to", "Turkey"], env=self.default_env)
        self.assertOk(r)
        self.assertIn("Trendyol", r.stdout)

    def test_path_china_to_pakistan_through_daraz(self):
        r = self.run_bin(["path", "--from", "China", "--to", "Pakistan", "--top", "10"],
                         env=self.default_env)
        self.assertOk(r)
        self.assertIn("Daraz", r.stdout)

    def test_render_country(self):
        out = os.path.join(self.tmp, "pk.svg")
        r = self.run_bin(["render", "--country", "Pakistan", "-o", out], env=self.default_env)
        self.assertOk(r)
        self.assertTrue(os.path.getsize(out) > 0)


def have_tmux():
    return shutil.which("tmux") is not None


class ReplTest(Base):
    """The interactive REPL through a real terminal (tmux)."""

    @classmethod
    def setUpClass(cls):
        if not have_tmux():
            raise unittest.SkipTest("tmux is not installed")
        super().setUpClass()
        cls.socket = os.path.join(cls.tmp, "tmux.sock")

    def tmux(self, *args):
        # tmux itself in UTF-8 (-u), so that it passes multibyte keys on.
        return subprocess.run(["tmux", "-u", "-S", self.socket] + list(args), capture_output=True,
                              text=True, env=self.env({"LC_ALL": "C.UTF-8", **full_unwind_env()}))

    def start(self, name, args=(), keep_locale=True, db=None):
        """The REPL in a 150x50 terminal; keep_locale=False starts it with no
        LANG / LC_* at all. $PAGER and $LESS are unset: the default pager."""
        env = self.env()
        unset = "-u PAGER -u LESS" + ("" if keep_locale else " -u LANG -u LC_ALL -u LC_CTYPE")
        command = "env %s HOME=%s XDG_DATA_HOME=%s TERM=xterm %s repl --db %s %s" % (
            unset, env["HOME"], env["XDG_DATA_HOME"], BIN, db or self.db, " ".join(args))
        r = self.tmux("new-session", "-d", "-s", name, "-x", "150", "-y", "50", command)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.wait_for(name, "ecograph>")
        # libedit switches the terminal mode after the prompt; keys typed
        # before that may be dropped.
        time.sleep(0.5)

    def screen(self, name):
        return self.tmux("capture-pane", "-p", "-t", name).stdout

    def wait_for(self, name, text, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.screen(name)
            if text in screen:
                return screen
            time.sleep(0.1)
        self.fail("%r did not appear; screen:\n%s" % (text, self.screen(name)))

    def keys(self, name, *keys):
        # tmux reads a trailing ';' as its command separator: escape it.
        self.tmux("send-keys", "-t", name, *[k[:-1] + "\\;" if k.endswith(";") else k for k in keys])

    def cpu_ticks(self, name):
        """CPU time used so far by the REPL of session `name`, in clock ticks."""
        return cpu_ticks(self.tmux("list-panes", "-t", name, "-F", "#{pane_pid}").stdout.split()[0])

    def wait_until_busy(self, name, since, timeout=60):
        """Waits until the REPL has used half a second of CPU after `since`:
        the statement is running (typing it costs next to nothing)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.cpu_ticks(name) - since >= os.sysconf("SC_CLK_TCK") // 2:
                return
            time.sleep(0.1)
        self.fail("the statement did not start; screen:\n" + self.screen(name))

    def clear(self, name):
        """Clears the screen (Ctrl-L) and waits until only the prompt is left,
        so that later waits see only new output."""
        self.keys(name, "C-l")
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.screen(name).strip() == "ecograph>":
                return
            time.sleep(0.1)
        self.fail("the screen was not cleared:\n" + self.screen(name))

    def table_rows(self, screen):
        return [line for line in screen.splitlines() if line.startswith("\u2502")]

    def stop(self, name):
        self.keys(name, ":quit", "Enter")
        deadline = time.time() + 20
        while time.time() < deadline and self.tmux("has-session", "-t", name).returncode == 0:
            time.sleep(0.1)
        self.tmux("kill-session", "-t", name)

    def test_multiline_completion_table_and_history(self):
        self.start("first")
        try:
            self.keys("first", "MATCH (c:Comp", "Tab")
            self.wait_for("first", "MATCH (c:Company")
            self.keys("first", " {name: 'Beta Mart'})", "Enter")
            self.wait_for("first", "...>")
            self.keys("first", "RETURN c.name AS name, c.founded AS founded;", "Enter")
            screen = self.wait_for("first", "1 row")
            self.assertIn("\u2502 name", screen)
            self.assertIn("'Beta Mart'", screen)
            self.assertIn("2005", screen)
            self.assertIn("\u2514", screen)
        finally:
            self.stop("first")
        self.start("second")
        try:
            self.keys("second", "Up")
            self.wait_for("second", "RETURN c.name AS name, c.founded AS founded;")
            self.keys("second", "C-u")
            self.keys("second", ":sche", "Tab")
            self.wait_for("second", ":schema")
            self.keys("second", "Enter")
            self.wait_for("second", "HEADQUARTERED_IN")
        finally:
            self.stop("second")

    def test_error_keeps_repl_running(self):
        self.start("third")
        try:
            self.keys("third", "RETURN (;", "Enter")
            self.wait_for("third", "^")
            # Ctrl-C drops the statement being typed, not the REPL.
            self.keys("third", "MATCH (n)", "Enter")
            self.wait_for("third", "...>")
            self.keys("third", "C-c")
            self.wait_for("third", "^C")
            self.keys("third", "RETURN 40 + 2 AS answer;", "Enter")
            self.wait_for("third", "42")
        finally:
            self.stop("third")


    def test_ctrl_c_cancels_the_running_query_and_keeps_the_session(self):
        self.start("cancel", ["--timeout", "0"])
        try:
            self.keys("cancel", ":param name 'Turkey'", "Enter")
            self.wait_for("cancel", "$name = 'Turkey'")
            for endless in ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n;",
                            "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b CREATE (:Scratch);"):
                self.clear("cancel")
                ticks = self.cpu_ticks("cancel")
                self.keys("cancel", endless, "Enter")
                self.wait_until_busy("cancel", ticks)
                self.keys("cancel", "C-c")
                self.wait_for("cancel", "query cancelled")
            # The parameters survive, and the cancelled write left nothing.
            self.clear("cancel")
            self.keys("cancel", "RETURN $name AS name;", "Enter")
            screen = self.wait_for("cancel", "1 row")
            self.assertEqual(self.table_rows(screen)[1:], ["\u2502 'Turkey' \u2502"])
            self.clear("cancel")
            self.keys("cancel", "MATCH (s:Scratch) RETURN count(s) AS scratch;", "Enter")
            screen = self.wait_for("cancel", "1 row")
            self.assertEqual(self.table_rows(screen)[1:], ["\u2502 0       \u2502"])
            # Ctrl-C while typing drops the line, not the session.
            self.clear("cancel")
            self.keys("cancel", "MATCH (n:Comp")
            self.wait_for("cancel", "MATCH (n:Comp")
            self.keys("cancel", "C-c")
            self.wait_for("cancel", "^C")
            self.keys("cancel", "RETURN 40 + 2 AS answer;", "Enter")
            screen = self.wait_for("cancel", "1 row")
            self.assertIn("\u2502 42     \u2502", screen)
            self.assertNotIn("MATCH (n:CompRETURN", screen)
        finally:
            self.stop("cancel")

    def test_ctrl_c_cancels_a_long_market_path_search(self):
        # algo.tracePath is the REPL's `ecograph path`: on this graph the
        # search would run for hours; Ctrl-C returns to the prompt.
        db = os.path.join(self.tmp, "endless.db")
        r = import_endless_search(self.tmp, db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.start("trace", ["--timeout", "0"], db=db)
        try:
            ticks = self.cpu_ticks("trace")
            self.keys("trace", "CALL algo.tracePath('China', 'Turkey', {inTimeOrder: true, k: 1, "
                               "maxHops: 10}) YIELD chain RETURN chain;", "Enter")
            self.wait_until_busy("trace", ticks)
            self.keys("trace", "C-c")
            self.wait_for("trace", "query cancelled")
            self.clear("trace")
            self.keys("trace", "RETURN 40 + 2 AS answer;", "Enter")
            screen = self.wait_for("trace", "1 row")
            self.assertIn("\u2502 42     \u2502", screen)
        finally:
            self.stop("trace")

    def test_non_ascii_input_without_a_locale(self):
        self.start("utf8", keep_locale=False)
        try:
            self.keys("utf8", "RETURN '\u963f\u91cc\u5df4\u5df4' AS cjk, '\u0130stanbul' AS tr, "
                              "size('\u0130stanbul') AS n;", "Enter")
            screen = self.wait_for("utf8", "1 row")
            self.assertIn("\u2502 '\u963f\u91cc\u5df4\u5df4' \u2502 '\u0130stanbul' \u2502 8 \u2502", screen)
            self.clear("utf8")
            self.keys("utf8", "UNWIND ['caf\u00e9', 'cafe', '\u0130stanbul', 'Istanbul'] AS w "
                              "WITH w WHERE w CONTAINS '\u00e9' OR w STARTS WITH '\u0130' RETURN w;", "Enter")
            screen = self.wait_for("utf8", "2 rows")
            self.assertEqual(self.table_rows(screen)[1:],
                             ["\u2502 'caf\u00e9'     \u2502", "\u2502 '\u0130stanbul' \u2502"])
            # History keeps the characters too.
            self.clear("utf8")
            self.keys("utf8", "Up")
            self.wait_for("utf8", "w CONTAINS '\u00e9' OR w STARTS WITH '\u0130'")
            self.keys("utf8", "C-u")
        finally:
            self.stop("utf8")

    def test_long_results_max_rows_and_pager(self):
        self.start("long")
        try:
            self.keys("long", ":pager off", "Enter", "UNWIND range(1, 1005) AS x RETURN x;", "Enter")
            screen = self.wait_for("long", "1005 rows")
            self.assertIn("\u2026 5 more rows (:maxrows 0 shows all)", screen)
            self.assertIn("\u2502 1000 \u2502", screen)
            self.assertNotIn("\u2502 1001 \u2502", screen)
            self.keys("long", ":maxrows 3", "Enter")
            self.clear("long")
            self.keys("long", "UNWIND range(1, 12) AS x RETURN x * 10 AS y;", "Enter")
            screen = self.wait_for("long", "12 rows")
            self.assertEqual(self.table_rows(screen)[1:], ["\u2502 10 \u2502", "\u2502 20 \u2502", "\u2502 30 \u2502"])
            self.assertIn("\u2026 9 more rows (:maxrows 0 shows all)", screen)
            if shutil.which("less") is None:
                self.skipTest("less is not installed: the pager part is skipped")
            # Taller than the terminal: through less -S, which starts at the top.
            self.keys("long", ":pager on", "Enter", ":maxrows 0", "Enter")
            self.clear("long")
            self.keys("long", "UNWIND range(1, 200) AS x RETURN x * 7 AS z;", "Enter")
            screen = self.wait_for("long", "\u2502 7    \u2502")
            self.assertNotIn("200 rows", screen)
            self.keys("long", "G")
            screen = self.wait_for("long", "(END)")
            self.assertIn("\u2502 1400 \u2502", screen)
            self.assertIn("200 rows", screen)
            self.keys("long", "q")
            self.clear("long")
            self.keys("long", "RETURN 'back' AS marker;", "Enter")
            self.wait_for("long", "'back'")
        finally:
            self.stop("long")

    def test_width_follows_the_terminal_and_wide_rows_turn_vertical(self):
        self.start("wide")
        query = "RETURN 'a fairly long text value number one' AS first, 'another long text' AS second;"
        try:
            self.keys("wide", query, "Enter")
            screen = self.wait_for("wide", "1 row")
            self.assertIn("\u2502 'a fairly long text value number one' \u2502 'another long text' \u2502", screen)
            self.tmux("resize-window", "-t", "wide", "-x", "50", "-y", "50")
            self.clear("wide")
            self.keys("wide", query, "Enter")
            screen = self.wait_for("wide", "1 row")
            self.assertIn("\u2500[ row 1 ]", screen)
            self.assertIn("first  \u2502 'a fairly long text value number one'", screen)
            self.keys("wide", ":format table", "Enter")
            self.clear("wide")
            self.keys("wide", query, "Enter")
            screen = self.wait_for("wide", "1 row")
            top = [line for line in screen.splitlines() if line.startswith("\u250c")]
            self.assertEqual(len(top), 1, screen)
            self.assertTrue(top[0].endswith("\u2510") and len(top[0]) <= 50, top[0])
            self.assertIn("\u2026", screen)
            self.tmux("resize-window", "-t", "wide", "-x", "150", "-y", "50")
            self.keys("wide", ":format vertical", "Enter")
            self.clear("wide")
            self.keys("wide", "RETURN 1 AS one;", "Enter")
            self.wait_for("wide", "one \u2502 1")
        finally:
            self.stop("wide")

    def test_resize_while_typing_rewraps_the_line_at_the_new_width(self):
        # A line typed at 150 columns, the window narrowed to 60, then an edit
        # at the line's start (Ctrl-A): the redrawn line wraps at 60 columns
        # with the edit where it was made. Before SIGWINCH was handled,
        # libedit kept the old width and drew the edit mid-line ("ffQRff").
        # tmux re-wraps the old line itself; the REPL redraws it at once from
        # its first row, so no stale copy of the prompt's row stays above it
        # (before, "ecograph> RETURN 'aaa...ee" stayed above the redrawn line).
        self.start("winch")
        text = "RETURN '" + "".join(c * 10 for c in "abcdefgh") + "' AS x"
        try:
            self.keys("winch", text)
            self.wait_for("winch", "hhhhhhhhhh' AS x")
            self.tmux("resize-window", "-t", "winch", "-x", "60", "-y", "50")
            deadline = time.time() + 30
            while time.time() < deadline and len(self.screen("winch").splitlines()[0]) > 60:
                time.sleep(0.1)
            time.sleep(0.3)
            first_row = "ecograph> RETURN '" + "".join(c * 10 for c in "abcd") + "ee"
            screen = self.wait_for("winch", first_row)
            rows = [line for line in screen.splitlines() if line.strip()]
            self.assertEqual([r for r in rows if "ecograph>" in r], [first_row], screen)
            self.assertEqual(rows[rows.index(first_row) + 1],
                             "e" * 8 + "".join(c * 10 for c in "fgh") + "' AS x", screen)
            self.keys("winch", "C-a", "Q")
            screen = self.wait_for("winch", "ecograph> QRETURN 'aaaaaaaaaa")
            rows = [line for line in screen.splitlines() if line.strip()]
            self.assertEqual(len([r for r in rows if "ecograph>" in r]), 1, screen)  # no stale row
            redrawn = rows.index(next(r for r in rows if r.startswith("ecograph> QRETURN")))
            self.assertEqual(rows[redrawn], "ecograph> QRETURN '" + "".join(
                c * 10 for c in "abcd") + "e", screen)  # exactly 60 columns
            self.assertEqual(rows[redrawn + 1],
                             "e" * 9 + "".join(c * 10 for c in "fgh") + "' AS x", screen)
            self.assertNotIn("QR", rows[redrawn + 1])
            self.keys("winch", "C-e", ";", "Enter")
            self.wait_for("winch", "1:1: ")  # "QRETURN" is not a keyword: the line ran as typed
        finally:
            self.stop("winch")


class BenchTest(Base):
    """`ecograph bench` on a tiny generated dataset, checksums against the sqlite peer."""

    @classmethod
    def setUpClass(cls):
        bench = os.path.join(SHARED_DIR, "bench") if SHARED_DIR else ""
        if not bench or not os.path.exists(os.path.join(bench, "gen.py")):
            raise unittest.SkipTest("../shared/bench is absent")
        super().setUpClass()
        cls.bench = bench
        cls.gen = os.path.join(cls.tmp, "gen")
        subprocess.run([sys.executable, os.path.join(bench, "gen.py"), "--companies", "300",
                        "--out", cls.gen, "--quiet"], check=True, capture_output=True)

    def run_bench(self, *extra):
        r = self.run_bin(["bench", self.gen, os.path.join(self.bench, "queries.json"), "--runs", "1",
                          "--work-dir", os.path.join(self.tmp, "work")] + list(extra), timeout=300)
        lines = [json.loads(line) for line in r.stdout.splitlines()]
        return r, lines

    def test_contract_and_checksums(self):
        r, lines = self.run_bench()
        self.assertOk(r)
        self.assertEqual(lines[0]["step"], "load")
        self.assertEqual(lines[0]["status"], "ok", lines[0])
        self.assertGreater(lines[0]["db_bytes"], 0)
        self.assertEqual(lines[-1]["step"], "peak_rss")
        self.assertGreater(lines[-1]["max_rss_mb"], 0)
        with open(os.path.join(self.gen, "manifest.json"), encoding="utf-8") as f:
            scale = json.load(f)["scale"]
        for line in lines:
            self.assertEqual(line["peer"], "ecograph")
            self.assertEqual(line["scale"], scale)
            for key in ("peer_version", "step", "run", "seconds", "rows", "checksum", "status"):
                self.assertIn(key, line)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "work")), "work dir not deleted")
        ours = {(l["step"], l["run"]): l for l in lines if l["step"].startswith("Q")}
        peer = subprocess.run(["sh", os.path.join(self.bench, "peers", "sqlite", "run"), self.gen,
                               os.path.join(self.bench, "queries.json"), "--runs", "1",
                               "--work-dir", os.path.join(self.tmp, "sqlite")],
                              capture_output=True, text=True, timeout=300)
        if peer.returncode != 0:
            self.skipTest("sqlite peer failed: " + peer.stderr[-500:])
        compared = 0
        for line in map(json.loads, peer.stdout.splitlines()):
            if not line["step"].startswith("Q") or line["status"] != "ok" or line["run"] != 1:
                continue
            mine = ours.get((line["step"], 1))
            self.assertIsNotNone(mine, line["step"])
            self.assertEqual(mine["status"], "ok", mine)
            self.assertEqual((mine["rows"], mine["checksum"]), (line["rows"], line["checksum"]), line["step"])
            compared += 1
        self.assertGreaterEqual(compared, 8)

    def test_only_and_keep_db(self):
        r, lines = self.run_bench("--only", "Q1,Q3")
        self.assertOk(r)
        self.assertEqual(sorted({l["step"] for l in lines}), ["Q1", "Q3", "load", "peak_rss"])
        self.assertEqual(sorted(l["run"] for l in lines if l["step"] == "Q1"), [0, 1])

    def test_runner_script(self):
        script = os.path.join(SOURCE_DIR, "scripts", "bench-runner.sh")
        r = subprocess.run(["sh", script, "--help"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("QUERIES_JSON", r.stdout)


if __name__ == "__main__":
    unittest.main()
