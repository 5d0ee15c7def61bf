#!/usr/bin/env python3
"""End-to-end tests of the analyst's tools (issue 11): names that resolve by
alias and partial match, `search` and db.search, market routes, and diagrams
(focus, pruning cap, titles). Standard library only; the environment is the
one cli_e2e_test.py documents.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_e2e_test import BIN, SOURCE_DIR, Base, bundled_data_dir, write  # noqa: E402

# Companies with stored aliases (aliases:string[]), countries with aliases,
# industries whose names share words, an investor in the group.
COMPANIES = """id:ID,name,:LABEL,role,aliases:string[]
ali,Alibaba Group,Company,group,Alibaba;阿里巴巴
cloud,Alibaba Cloud,Company,business unit,Aliyun
laz,Lazada Group,Company,acquired,
one97,One97 Communications,Company,investee,Paytm
mall,Paytm Mall,Company,investee,
toko,Tokopedia,Company,investee,
tren,Trendyol,Company,acquired,
yahoo,Yahoo,Company,investor,
macys,Macy's,Company,partner,
"""
COUNTRIES = """id:ID,name,:LABEL,iso2,aliases:string[]
CN,China,Country,CN,
SG,Singapore,Country,SG,
ID,Indonesia,Country,ID,
IN,India,Country,IN,
TR,Turkey,Country,TR,Türkiye;Turkiye
US,United States,Country,US,USA
"""
INDUSTRIES = """id:ID,name,:LABEL
ecom,E-commerce marketplaces and online retail,Industry
tools,E-commerce services and seller tools,Industry
logi,"Logistics, postal and cargo infrastructure",Industry
"""
PLACES = """:START_ID,:END_ID,:TYPE
ali,CN,HEADQUARTERED_IN
cloud,CN,HEADQUARTERED_IN
laz,SG,HEADQUARTERED_IN
one97,IN,HEADQUARTERED_IN
mall,IN,HEADQUARTERED_IN
toko,ID,HEADQUARTERED_IN
tren,TR,HEADQUARTERED_IN
yahoo,US,HEADQUARTERED_IN
macys,US,HEADQUARTERED_IN
laz,ID,OPERATES_IN
ali,ecom,IN_INDUSTRY
laz,ecom,IN_INDUSTRY
toko,ecom,IN_INDUSTRY
tren,ecom,IN_INDUSTRY
cloud,tools,IN_INDUSTRY
mall,logi,IN_INDUSTRY
"""
DEALS = """:START_ID,:END_ID,:TYPE,year:int,amount_usd:float
yahoo,ali,INVESTED_IN,2005,1000000000
ali,macys,PARTNERED_WITH,2015,
ali,laz,ACQUIRED,2016,1000000000
laz,ali,SUBSIDIARY_OF,2016,
ali,toko,INVESTED_IN,2017,1100000000
ali,toko,INVESTED_IN,2018,1100000000
ali,tren,ACQUIRED,2018,728000000
ali,one97,INVESTED_IN,2015,680000000
ali,mall,INVESTED_IN,2018,445000000
cloud,ali,SUBSIDIARY_OF,2009,
"""


class AnalystBase(Base):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        files = {"nodes_company.csv": COMPANIES, "nodes_country.csv": COUNTRIES,
                 "nodes_industry.csv": INDUSTRIES, "rels_places.csv": PLACES,
                 "rels_deals.csv": DEALS}
        for name, text in files.items():
            write(os.path.join(cls.data, name), text)
        cls.adb = os.path.join(cls.tmp, "analyst.db")
        d = cls.data
        r = cls.run_bin(["import", "--db", cls.adb,
                         "--nodes", os.path.join(d, "nodes_company.csv"),
                         os.path.join(d, "nodes_country.csv"), os.path.join(d, "nodes_industry.csv"),
                         "--relationships", os.path.join(d, "rels_places.csv"),
                         os.path.join(d, "rels_deals.csv")])
        if r.returncode != 0:
            raise AssertionError("import failed: " + r.stderr)

    def path(self, *args):
        return self.run_bin(["path", "--db", self.adb] + list(args))

    def render(self, *args):
        return self.run_bin(["render", "--db", self.adb] + list(args))


class NamesTest(AnalystBase):
    def test_path_endpoints_by_alias_case_and_partial_name(self):
        r = self.path("--from", "alibaba", "--to", "TÜRKIYE")
        self.assertOk(r)
        self.assertIn("From Alibaba Group (company) to Turkey (country): 1 route", r.stdout)
        self.assertIn("Alibaba Group (China) -[ACQUIRED 2018, $728M]-> Trendyol (Turkey)", r.stdout)
        r = self.path("--from", "阿里巴巴", "--to", "paytm")
        self.assertOk(r)
        self.assertIn("to One97 Communications (company)", r.stdout)
        r = self.path("--from", "lazada", "--to", "usa")  # word of "Lazada Group"; alias
        self.assertEqual(r.returncode, 1)  # resolved, but no route: exit 1
        self.assertIn("From Lazada Group (company) to United States (country)", r.stdout)

    def test_ambiguous_and_unknown_names_exit_1_with_candidates(self):
        r = self.path("--from", "Ali", "--to", "Turkey")
        self.assertEqual(r.returncode, 1)
        self.assertIn("'Ali' is ambiguous: it matches 'Alibaba Cloud' or 'Alibaba Group'", r.stderr)
        r = self.path("--from", "Alibba Grop", "--to", "Turkey")
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown company, country or region 'Alibba Grop' (did you mean 'Alibaba Group'",
                      r.stderr)
        r = self.render("--around", "Lazda")
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown company 'Lazda' (did you mean 'Lazada Group'?)", r.stderr)
        r = self.render("--country", "Atlantis")
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown country (name, alias or ISO code) or region 'Atlantis'", r.stderr)

    def test_via_types_case_insensitive_and_unknown_is_usage(self):
        r = self.path("--from", "China", "--to", "Indonesia", "--via", "acquired")
        self.assertOk(r)
        self.assertIn("Lazada Group", r.stdout)
        self.assertNotIn("Tokopedia", r.stdout)
        r = self.path("--from", "China", "--to", "Indonesia", "--via", "ACQUIRD")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown relationship type 'ACQUIRD' in via (did you mean 'ACQUIRED'?)",
                      r.stderr)

    def test_render_filters_by_partial_name(self):
        r = self.render("--industry", "logistics")
        self.assertOk(r)
        self.assertIn("Logistics, postal and cargo infrastructure", r.stdout)
        self.assertIn("Paytm Mall", r.stdout)
        # "E-commerce" starts two industries: the filter takes both.
        r = self.render("--industry", "E-commerce")
        self.assertOk(r)
        self.assertIn("E-commerce marketplaces and online retail, E-commerce services", r.stdout)
        self.assertIn("Alibaba Cloud", r.stdout)
        self.assertIn("Tokopedia", r.stdout)
        r = self.render("--country", "türkiye")
        self.assertOk(r)
        self.assertIn("Trendyol", r.stdout)
        r = self.render("--around", "paytm", "--hops", "1")  # alias of One97 Communications
        self.assertOk(r)
        self.assertIn("One97 Communications ecosystem, 1 hop", r.stdout)


class SearchTest(AnalystBase):
    def search(self, *args):
        return self.run_bin(["search", "--db", self.adb, "--format", "jsonl"] + list(args))

    def test_ranked_by_name_and_alias(self):
        r = self.search("paytm")
        self.assertOk(r)
        rows = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual(rows[0], {"name": "One97 Communications", "label": "Company",
                                   "matched": "Paytm", "score": 1.0})
        self.assertEqual(rows[1]["name"], "Paytm Mall")
        self.assertLess(rows[1]["score"], 1.0)

    def test_typos_accents_and_label(self):
        r = self.search("tokopdia")
        self.assertOk(r)
        self.assertEqual(json.loads(r.stdout.splitlines()[0])["name"], "Tokopedia")
        r = self.search("turkiye", "--label", "Country")
        self.assertOk(r)
        rows = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([row["name"] for row in rows], ["Turkey"])
        r = self.search("aliyun", "--limit", "1")
        self.assertOk(r)
        self.assertEqual(json.loads(r.stdout)["name"], "Alibaba Cloud")

    def test_no_match_and_bad_usage(self):
        r = self.search("qqqqqqqqq")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no name or alias close to 'qqqqqqqqq'", r.stderr)
        r = self.run_bin(["search", "--db", self.adb])
        self.assertEqual(r.returncode, 2)
        r = self.search("x", "--label", "Planet")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown label 'Planet'", r.stderr)
        r = self.run_bin(["search", "--help"])
        self.assertOk(r)
        self.assertIn("Examples:", r.stdout)

    def test_db_search_procedure(self):
        r = self.run_bin(["query", "--db", self.adb, "--format", "csv", "-c",
                          "CALL db.search('lazada', 2) YIELD node, name, label, matched, score "
                          "RETURN name, label, matched, score, node.role AS role"])
        self.assertOk(r)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "name,label,matched,score,role")
        self.assertEqual(lines[1], "Lazada Group,Company,Lazada Group,0.899,acquired")
        self.assertEqual(len(lines), 2)
        r = self.run_bin(["query", "--db", self.adb, "-c", "CALL db.search(42) YIELD name RETURN name"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("db.search: the text (argument 1) must be a string", r.stderr)


class MarketRoutesTest(AnalystBase):
    def test_direction_reasons_rounds_and_mirrors(self):
        r = self.path("--from", "China", "--to", "Indonesia", "--top", "5")
        self.assertOk(r)
        self.assertEqual(r.stdout.splitlines(), [
            "From China (country) to Indonesia (country): 2 routes",
            "  1. [1 hop] Alibaba Group (China) -[ACQUIRED 2016, $1B]-> Lazada Group (Singapore)",
            "     Alibaba Group is headquartered in China; Lazada Group operates in Indonesia "
            "(headquartered in Singapore)",
            "  2. [1 hop] Alibaba Group (China) -[INVESTED_IN 2017 ($1.1B), 2018 ($1.1B)]-> "
            "Tokopedia (Indonesia)",
            "     Alibaba Group is headquartered in China; Tokopedia is headquartered in Indonesia",
        ])

    def test_reverse_only_with_flag(self):
        r = self.path("--from", "United States", "--to", "China", "--top", "5")
        self.assertOk(r)
        self.assertIn("1. [1 hop] Yahoo (United States) -[INVESTED_IN 2005, $1B]-> Alibaba Group (China)",
                      r.stdout)
        self.assertNotIn("Macy's", r.stdout)
        r = self.path("--from", "United States", "--to", "China", "--top", "5", "--any-direction")
        self.assertOk(r)
        self.assertIn("Macy's (United States) <-[PARTNERED_WITH 2015]- Alibaba Group (China)", r.stdout)

    def test_json_has_hops_and_reasons(self):
        r = self.path("--from", "USA", "--to", "Indonesia", "--top", "3", "--format", "jsonl")
        self.assertOk(r)
        rows = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([row["companies"] for row in rows], [
            ["Yahoo", "Alibaba Group", "Lazada Group"], ["Yahoo", "Alibaba Group", "Tokopedia"]])
        self.assertEqual(len(rows[1]["deals"][1]), 2)  # two rounds, one hop
        self.assertEqual(rows[0]["why"], "Yahoo is headquartered in United States; Lazada Group "
                                         "operates in Indonesia (headquartered in Singapore)")

    def test_path_diagram_shows_countries(self):
        out = os.path.join(self.tmp, "route.dot")
        r = self.path("--from", "USA", "--to", "Indonesia", "--top", "2", "--render", out)
        self.assertOk(r)
        with open(out, encoding="utf-8") as f:
            dot = f.read()
        self.assertIn("Yahoo</FONT><BR/><FONT POINT-SIZE=\"8\" COLOR=\"#495057\">United States</FONT>",
                      dot)
        self.assertIn(">Singapore</FONT>", dot)
        self.assertIn("2017, 2018 \u00b7 $2.2B", dot)  # rounds on one edge

    def test_path_render_refuses_an_existing_file_without_force(self):
        out = os.path.join(self.tmp, "kept.svg")
        write(out, "precious")
        r = self.path("--from", "USA", "--to", "Indonesia", "--render", out)
        self.assertEqual(r.returncode, 1)
        self.assertIn(out + " already exists (use --force to overwrite it)", r.stderr)
        self.assertEqual(r.stdout, "")  # refused before any work
        with open(out, encoding="utf-8") as f:
            self.assertEqual(f.read(), "precious")
        r = self.path("--from", "USA", "--to", "Indonesia", "--render", out, "--force")
        self.assertOk(r)
        with open(out, encoding="utf-8") as f:
            self.assertIn("Lazada Group", f.read())
        self.assertEqual([n for n in os.listdir(self.tmp) if ".tmp-" in n], [])
        r = self.path("--from", "USA", "--to", "Indonesia", "--render",
                      os.path.join(self.tmp, "route.txt"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("route.txt", r.stderr)

    def test_no_route_exits_1_like_search_without_a_match(self):
        # Tokopedia makes no deal of its own: nothing leads out of it.
        r = self.path("--from", "Tokopedia", "--to", "China")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "From Tokopedia (company) to China (country): "
                                   "no path within 6 deals.\n")
        r = self.path("--from", "Tokopedia", "--to", "China", "--format", "jsonl")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertIn("no path within 6 deals", r.stderr)
        r = self.path("--from", "Tokopedia", "--to", "China", "--render",
                      os.path.join(self.tmp, "none.svg"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("no path to render", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "none.svg")))


class DiagramTest(AnalystBase):
    def test_focus_cap_note_and_investor_role(self):
        r = self.render("--around", "Lazada", "--hops", "2", "--cap", "4")
        self.assertOk(r)
        self.assertIn("color=\"#C92A2A\"", r.stdout)  # the focus ring
        self.assertIn("<B>Lazada Group</B>", r.stdout)
        self.assertIn("<I>Showing 4 of 9 nodes (cap 4): left out 5", r.stdout)
        r = self.render("--around", "Lazada", "--hops", "2", "--cap", "0")
        self.assertOk(r)
        self.assertNotIn("Showing", r.stdout)
        self.assertIn("investor in the group", r.stdout)  # Yahoo's role in the legend
        self.assertIn("#FFDEEB", r.stdout)

    def test_query_title_is_built_from_content(self):
        q = "MATCH (a:Company)-[d:ACQUIRED]->(t) RETURN a, d, t"
        r = self.render("--query", q)
        self.assertOk(r)
        self.assertNotIn("MATCH", r.stdout)
        self.assertIn("Alibaba Group ecosystem \u2014 acquisitions, 2016\u20132018", r.stdout)
        r = self.render("--query", q, "--title", "Buyouts")
        self.assertOk(r)
        self.assertIn("<B>Buyouts</B>", r.stdout)

    def test_png_of_a_focused_diagram(self):
        out = os.path.join(self.tmp, "lazada.png")
        r = self.render("--around", "Lazada Group", "--hops", "2", "-o", out)
        self.assertOk(r)
        with open(out, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


class BundledRoutesTest(Base):
    """The issue's two market questions on the bundled Alibaba graph."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if bundled_data_dir() is None:
            raise unittest.SkipTest("bundled data/alibaba is absent")
        cls.default_env = {"ECOGRAPH_DATA_DIR": bundled_data_dir()}

    def test_united_states_to_china_lists_yahoo_then_silver_lake(self):
        r = self.run_bin(["path", "--from", "United States", "--to", "China", "--top", "5",
                          "--format", "jsonl"], env=self.default_env, timeout=300)
        self.assertOk(r)
        rows = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual(rows[0]["companies"], ["Yahoo", "Alibaba Group"])
        self.assertEqual(rows[0]["deals"][0][0]["year"], 2005)
        self.assertEqual(rows[1]["companies"], ["Silver Lake", "Alibaba Group"])
        self.assertEqual(rows[1]["deals"][0][0]["year"], 2011)

    def test_china_to_indonesia_finds_tokopedia(self):
        r = self.run_bin(["path", "--from", "China", "--to", "Indonesia", "--top", "5"],
                         env=self.default_env, timeout=300)
        self.assertOk(r)
        # Round-only deals (round_usd, no amount_usd) show the round's size.
        self.assertIn("-[INVESTED_IN 2017 (round $1.1B), 2018 (round $1.1B)]-> Tokopedia (Indonesia)",
                      r.stdout)
        self.assertIn("Tokopedia is headquartered in Indonesia", r.stdout)
        self.assertEqual(r.stdout.count("-> Lazada Group"), 1)  # rounds folded, no mirror route

    def test_round_only_deals_show_the_round_in_diagrams_and_json(self):
        r = self.run_bin(["render", "--around", "Tokopedia", "--hops", "1", "--cap", "0"],
                         env=self.default_env, timeout=300)
        self.assertOk(r)
        self.assertIn("2017, 2018 \u00b7 rounds $1.1B, $1.1B", r.stdout)  # Alibaba's two rounds
        self.assertNotIn("$2.2B", r.stdout)  # round sizes are never summed as amounts
        r = self.run_bin(["path", "--from", "Alibaba Group", "--to", "Magic Leap", "--format",
                          "jsonl"], env=self.default_env, timeout=300)
        self.assertOk(r)
        deal = json.loads(r.stdout.splitlines()[0])["deals"][-1][0]
        self.assertIsNone(deal["amount_usd"])
        self.assertGreater(deal["round_usd"], 0)
        self.assertIn("round $", json.loads(r.stdout.splitlines()[0])["chain"])


def svg_layout(svg):
    """The bounding boxes of a Graphviz SVG's clusters (by title) and nodes (by
    tooltip), and each edge's path points (curve and control points)."""
    pair = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
    clusters, nodes, edges = {}, {}, []
    for kind, title, body in re.findall(
            r'<g id="[^"]*" class="(cluster|node|edge)">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S):
        shapes = " ".join(re.findall(r' (?:d|points)="([^"]*)"', body))
        points = [(float(x), float(y)) for x, y in pair.findall(shapes)]
        if not points:
            continue
        box = (min(x for x, _ in points), min(y for _, y in points),
               max(x for x, _ in points), max(y for _, y in points))
        if kind == "cluster":
            clusters[title] = box
        elif kind == "node":
            name = re.search(r'xlink:title="([^"]*)"', body)
            nodes[name.group(1) if name else title] = box
        else:
            edges.append((title, points))
    return clusters, nodes, edges


def contains(outer, inner, slack=0.0):
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and
            inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


class GalleryLayoutTest(Base):
    """The README gallery, drawn by data/alibaba/gallery/render.sh into a
    temporary folder: every diagram is written, and in the two clustered
    views (Southeast Asia; overseas by region) Alibaba Group's cluster has
    clusters on all four sides and no edge leaves the area of the clusters
    (before, osage packed Alibaba's cluster at the edge of the grid and routed
    an Alipay Singapore SUBSIDIARY_OF edge round the left margin)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if bundled_data_dir() is None:
            raise unittest.SkipTest("bundled data/alibaba is absent")
        cls.out = tempfile.mkdtemp(dir=cls.tmp)
        script = os.path.join(SOURCE_DIR, "data", "alibaba", "gallery", "render.sh")
        env = cls.env({"ECOGRAPH_DATA_DIR": bundled_data_dir(), "ECOGRAPH": BIN, "OUT": cls.out})
        r = subprocess.run(["sh", script], capture_output=True, text=True, env=env, timeout=600)
        if r.returncode != 0:
            raise AssertionError("render.sh failed: " + r.stderr)

    def test_every_gallery_diagram_is_drawn(self):
        readme = open(os.path.join(SOURCE_DIR, "README.md"), encoding="utf-8").read()
        shown = re.findall(r"\(data/alibaba/gallery/([^)]*\.svg)\)", readme)
        self.assertEqual(sorted(shown), sorted(os.listdir(self.out)))
        for name in shown:
            with open(os.path.join(self.out, name), encoding="utf-8") as f:
                self.assertIn("class=\"node\"", f.read(), name)

    def assert_hub_central_and_edges_inside(self, name):
        with open(os.path.join(self.out, name), encoding="utf-8") as f:
            clusters, nodes, edges = svg_layout(f.read())
        top = {key: box for key, box in clusters.items()
               if not any(other != key and contains(outer, box) for other, outer in clusters.items())}
        hub = [box for box in top.values() if contains(box, nodes["Alibaba Group"])]
        self.assertEqual(len(hub), 1, name)
        left, above, right, below = hub[0]
        centres = [((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
                   for box in top.values() if box != hub[0]]
        self.assertTrue(any(x < left for x, _ in centres), name + ": nothing left of Alibaba's cluster")
        self.assertTrue(any(x > right for x, _ in centres), name + ": nothing right of it")
        self.assertTrue(any(y < above for _, y in centres), name + ": nothing above it")
        self.assertTrue(any(y > below for _, y in centres), name + ": nothing below it")
        area = (min(b[0] for b in top.values()), min(b[1] for b in top.values()),
                max(b[2] for b in top.values()), max(b[3] for b in top.values()))
        for title, points in edges:
            box = (min(x for x, _ in points), min(y for _, y in points),
                   max(x for x, _ in points), max(y for _, y in points))
            self.assertTrue(contains(area, box, slack=10), "%s: edge %s leaves the clusters' area" % (name, title))

    def test_southeast_asia_centres_alibaba_and_keeps_edges_inside(self):
        self.assert_hub_central_and_edges_inside("southeast-asia.svg")

    def test_overseas_by_region_centres_alibaba_and_keeps_edges_inside(self):
        self.assert_hub_central_and_edges_inside("overseas-by-region.svg")


if __name__ == "__main__":
    unittest.main()
