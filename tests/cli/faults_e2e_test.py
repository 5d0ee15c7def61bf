#!/usr/bin/env python3
"""End-to-end tests of ecograph under faults (issue 10), on the real binary.

Real fault injection: /dev/full for stdout, SIGKILL for crashes, a small
tmpfs for a full disk and a read-only file system (root only; those tests
skip with a message otherwise, and the full-disk loop runs long only with
ECOGRAPH_STRESS=1).
"""
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from cli_e2e_test import BIN, Base

STRESS = os.environ.get("ECOGRAPH_STRESS") == "1"


def nested(depth):
    return "[" * depth + "1" + "]" * depth


class OutputErrorTest(Base):
    """Item 6: output that never reached its destination is a failure."""

    def test_stdout_on_a_full_device_exits_1(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        for args in (["schema", "--db", self.db],
                     ["query", "--db", self.db, "-c", "MATCH (n) RETURN n.name"],
                     ["export", "--db", self.db, "--format", "jsonl"]):
            with open("/dev/full", "w") as full:
                r = subprocess.run([BIN] + args, stdout=full, stderr=subprocess.PIPE, text=True,
                                   env=self.env())
            self.assertEqual(r.returncode, 1, args)
            self.assertIn("ecograph: error writing to standard output: No space left on device",
                          r.stderr, args)


class OutputFileTest(Base):
    """Item 7: -o writes a temporary file and renames it; no surprise overwrite."""

    def setUp(self):
        self.out = tempfile.mkdtemp(dir=self.tmp)

    def test_export_refuses_to_overwrite_without_force(self):
        path = os.path.join(self.out, "g.jsonl")
        with open(path, "w") as f:
            f.write("precious")
        r = self.run_bin(["export", "--db", self.db, "--format", "jsonl", "-o", path])
        self.assertEqual(r.returncode, 1)
        self.assertIn(path + " already exists (use --force to overwrite it)", r.stderr)
        with open(path) as f:
            self.assertEqual(f.read(), "precious")
        r = self.run_bin(["export", "--db", self.db, "--format", "jsonl", "-o", path, "--force"])
        self.assertOk(r)
        with open(path) as f:
            self.assertEqual(len(f.read().splitlines()), 20)  # 9 nodes + 11 relationships
        self.assertEqual(sorted(os.listdir(self.out)), ["g.jsonl"])  # no temporary left

    def test_links_are_never_followed(self):
        target = os.path.join(self.out, "target.svg")
        with open(target, "w") as f:
            f.write("keep")
        link = os.path.join(self.out, "link.svg")
        os.symlink(target, link)
        dangling = os.path.join(self.out, "dangling.dot")
        os.symlink(os.path.join(self.out, "created-through-link.dot"), dangling)
        for out in (link, dangling):
            r = self.run_bin(["render", "--db", self.db, "-o", out, "--query",
                              "MATCH (c:Company) RETURN c"])
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("already exists (use --force to overwrite it)", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.out, "created-through-link.dot")))
        r = self.run_bin(["render", "--db", self.db, "-o", link, "--force", "--query",
                          "MATCH (c:Company) RETURN c"])
        self.assertOk(r)
        self.assertFalse(os.path.islink(link))
        with open(target) as f:
            self.assertEqual(f.read(), "keep")

    def test_render_honours_format_without_extension(self):
        path = os.path.join(self.out, "noext")
        r = self.run_bin(["render", "--db", self.db, "--format", "svg", "-o", path, "--query",
                          "MATCH (c:Company) RETURN c"])
        self.assertOk(r)
        with open(path) as f:
            self.assertIn("<svg", f.read())
        r = self.run_bin(["render", "--db", self.db, "--format", "svg", "-o",
                          os.path.join(self.out, "x.png"), "--query", "MATCH (c) RETURN c"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("does not match the extension", r.stderr)


class HostileInputTest(Base):
    """Items 1 and 8: deep JSON and huge queries fail cleanly."""

    def test_deep_param_is_rejected_not_a_crash(self):
        r = self.query("RETURN $x", "--param", "x=" + nested(30000))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stderr,
                         "ecograph: --param value, column 65: JSON nested more than 64 levels deep\n")
        params = os.path.join(self.tmp, "deep.json")
        with open(params, "w") as f:
            f.write('{\n  "x": ' + nested(30000) + "}\n")
        r = self.query("RETURN $x", "--params", params)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stderr, "ecograph: %s:2:71: JSON nested more than 64 levels deep\n"
                         % params)
        r = self.query("RETURN size($x) AS n", "--param", "x=" + nested(60), "--format", "csv")
        self.assertOk(r)
        self.assertEqual(r.stdout, "n\n1\n")

    def test_deep_jsonl_import_is_rejected_and_leaves_the_database_unchanged(self):
        db = os.path.join(self.tmp, "deep.db")
        src = os.path.join(self.tmp, "deep.jsonl")
        with open(src, "w") as f:
            f.write('{"type":"node","id":"A"}\n')
            f.write('{"type":"node","id":"B","properties":{"v":' + nested(66) + "}}\n")
        r = self.run_bin(["import", "--db", db, "--nodes", src])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(src + ":2:1: property 'v': lists nested more than 64 levels deep cannot "
                      "be stored", r.stderr)
        with open(src, "w") as f:
            f.write('{"type":"node","id":"B","properties":{"v":' + nested(30000) + "}}\n")
        r = self.run_bin(["import", "--db", db, "--nodes", src])
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(src + ":1:121: JSON nested more than 80 levels deep", r.stderr)

    def test_rejected_huge_query_echoes_a_window_of_its_line(self):
        script = os.path.join(self.tmp, "huge.cypher")
        with open(script, "w") as f:
            f.write("RETURN '" + "x" * (10 << 20) + "' + nope\n")
        r = self.run_bin(["query", "--db", self.db, "-f", script])
        self.assertEqual(r.returncode, 1)
        self.assertLess(len(r.stderr), 1000)
        lines = r.stderr.splitlines()
        column = len("RETURN '") + (10 << 20) + len("' + ") + 1
        self.assertEqual(lines[0], script + ":1:%d: variable 'nope' not defined" % column)
        self.assertTrue(lines[1].startswith("...x") and lines[1].endswith("' + nope"), lines[1])
        self.assertEqual(lines[2].index("^"), lines[1].index("nope"))


class KilledCreateTest(Base):
    """Item 8: a SIGKILL at any moment of --create never leaves a directory
    that nothing opens."""

    def test_sigkill_during_create(self):
        rng = random.Random(10)
        trials = 200 if STRESS else 20
        outcomes = {"created": 0, "interrupted": 0}
        for trial in range(trials):
            db = os.path.join(self.tmp, "killed-%d.db" % trial)
            p = subprocess.Popen([BIN, "query", "--db", db, "--create", "-c", "CREATE (:K)"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=self.env())
            time.sleep(rng.uniform(0, 0.25))
            p.send_signal(signal.SIGKILL)
            p.wait()
            r = self.query("MATCH (k:K) RETURN count(k) AS n", "--create", "--format", "csv",
                           db=db)
            self.assertOk(r)
            self.assertIn(r.stdout, ("n\n0\n", "n\n1\n"))
            outcomes["created" if r.stdout == "n\n1\n" else "interrupted"] += 1
            r = self.run_bin(["check", "--db", db])
            self.assertOk(r)
            shutil.rmtree(db)
        print("killed --create: %s" % outcomes)


def can_mount_tmpfs():
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = tempfile.mkdtemp(prefix="ecograph-tmpfs-probe-")
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe],
                        capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", probe])
    os.rmdir(probe)
    return ok


class FullDiskTest(Base):
    """Items 3, 6 and 8 on a real small tmpfs: a full disk, a read-only file
    system. Needs root (mount); ECOGRAPH_STRESS=1 runs the long loop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not can_mount_tmpfs():
            raise unittest.SkipTest("cannot mount a tmpfs here (needs root): full-disk "
                                    "fault injection skipped")
        cls.mnt = os.path.join(cls.tmp, "small-disk")
        os.makedirs(cls.mnt)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", cls.mnt], check=True)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "mnt", None):
            subprocess.run(["umount", "-l", cls.mnt])
        super().tearDownClass()

    def fill(self, leave_bytes):
        """Fills the tmpfs until at most leave_bytes are free."""
        st = os.statvfs(self.mnt)
        free = st.f_bavail * st.f_frsize
        path = os.path.join(self.mnt, "filler-%d" % len(os.listdir(self.mnt)))
        with open(path, "wb") as f:
            try:
                f.write(b"\0" * max(0, free - leave_bytes))
                f.flush()
            except OSError:
                pass
        for block in (1 << 16, 4096, 1):  # whatever rounding left
            if block <= leave_bytes:
                break
            try:
                with open(path, "ab") as f:
                    while True:
                        f.write(b"\0" * block)
                        f.flush()
            except OSError:
                pass

    def unfill(self):
        for name in os.listdir(self.mnt):
            if name.startswith("filler-"):
                os.remove(os.path.join(self.mnt, name))

    def count_logs(self, db):
        return sum(1 for n in os.listdir(db) if n.endswith(".log") or n.startswith("LOG.old"))

    def test_full_disk(self):
        db = os.path.join(self.mnt, "db")
        self.assertOk(self.query("CREATE (:Seed)", "--create", db=db))
        acknowledged = 0
        rounds = 60 if STRESS else 8
        rng = random.Random(3)
        for round_idx in range(rounds):
            leave = rng.choice([0, 4096, 65536, 1 << 20, 3 << 20, 5 << 20, 8 << 20, 8 << 20])
            try:
                acknowledged = self.full_disk_round(db, round_idx, leave, acknowledged)
            finally:
                self.unfill()
        r = self.run_bin(["check", "--db", db])
        self.assertOk(r)
        r = self.query("MATCH (w:W) RETURN count(w) AS n", "--format", "csv", db=db)
        self.assertEqual(r.stdout, "n\n%d\n" % acknowledged)
        print("full disk: %d rounds, %d of %d writes acknowledged" % (rounds, acknowledged,
                                                                      3 * rounds))

    def full_disk_round(self, db, round_idx, leave, acknowledged):
        """Writes on a disk with `leave` bytes free; returns the acknowledged count."""
        self.fill(leave)
        logs_before = self.count_logs(db)
        for _ in range(3):
            r = self.query("CREATE (:W {i: %d})" % round_idx, db=db)
            self.assertIn(r.returncode, (0, 1, 3), r.stderr)  # never an abort (134)
            if r.returncode == 0:
                acknowledged += 1
            elif r.returncode == 3:
                self.assertIn("the disk is full", r.stderr)
                self.assertIn("--read-only", r.stderr)
            else:
                self.assertIn("No space left on device", r.stderr)
        self.assertLessEqual(self.count_logs(db), logs_before + 1)
        r = self.query("MATCH (w:W) RETURN count(w) AS n", "--read-only", "--format", "csv",
                       db=db)
        self.assertOk(r)
        self.assertEqual(r.stdout, "n\n%d\n" % acknowledged)
        # Results written to the full disk: exit 1, not a silent truncation.
        if leave > (1 << 20):
            return acknowledged
        with open(os.path.join(self.mnt, "result.txt"), "w") as out:
            r = subprocess.run([BIN, "query", "--db", db, "--read-only", "-c",
                                "UNWIND range(1, 200000) AS i RETURN i"],
                               stdout=out, stderr=subprocess.PIPE, text=True, env=self.env())
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("error writing to standard output: No space left on device", r.stderr)
        os.remove(os.path.join(self.mnt, "result.txt"))
        return acknowledged

    def test_zero_free_bytes_refuses_clearly_and_read_only_works(self):
        db = os.path.join(self.mnt, "db0")
        self.assertOk(self.query("CREATE (:Seed)", "--create", db=db))
        self.fill(0)
        try:
            for _ in range(5):
                r = self.query("MATCH (n) RETURN count(n)", db=db)
                self.assertEqual(r.returncode, 3, r.stderr)
                self.assertIn("cannot open %s for writing: the disk is full" % db, r.stderr)
            self.assertFalse([n for n in os.listdir(db) if n.startswith("LOG.old.")])
            r = self.query("MATCH (n) RETURN count(n) AS n", "--read-only", "--format", "csv",
                           db=db)
            self.assertOk(r)
            self.assertEqual(r.stdout, "n\n1\n")
        finally:
            self.unfill()

    def test_read_only_file_system(self):
        db = os.path.join(self.mnt, "ro")
        self.assertOk(self.query("CREATE (:Seed)", "--create", db=db))
        subprocess.run(["mount", "-o", "remount,ro", self.mnt], check=True)
        try:
            r = self.query("CREATE (:X)", db=db)
            self.assertEqual(r.returncode, 3)
            self.assertEqual(r.stderr, "ecograph: cannot open database '%s': cannot open %s for "
                             "writing: Read-only file system (open it read-only with "
                             "--read-only)\n" % (db, db))
            r = self.query("MATCH (n) RETURN count(n) AS n", "--read-only", "--format", "csv",
                           db=db)
            self.assertOk(r)
            self.assertEqual(r.stdout, "n\n1\n")
        finally:
            subprocess.run(["mount", "-o", "remount,rw", self.mnt], check=True)


if __name__ == "__main__":
    unittest.main()
