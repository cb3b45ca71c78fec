#!/usr/bin/env python3
"""Opens clause's HTML report in headless Chromium and checks the rendered DOM.

Builds a report over the compliance fixture plus a root whose file name,
source and messages carry markup (<script>, <img onerror>), loads it with
filters set in the URL fragment, lets the page's own script run, and reads
the DOM Chromium dumps: 15 scenario columns, one matrix row per root, the
filters hiding rows and findings, nothing from the scan executed or turned
into elements. Saves a screenshot into the build tree (--artifacts).

Chromium comes from Debian (`scripts/install-deps browser`, run here when it
is missing); exit 77 (skipped) only when it cannot be installed.
"""
import argparse
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
checks = {"passed": 0, "failed": 0}


def check(ok, what):
    if ok:
        checks["passed"] += 1
    else:
        checks["failed"] += 1
        print("FAIL: " + what)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def find_all(self, tag=None, **attrs):
        for n in self.iter():
            if (tag is None or n.tag == tag) and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                yield n

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()

    def hidden(self):
        n = self
        while n is not None:
            if "hidden" in n.attrs:
                return True
            n = n.parent
        return False

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)


VOID = {"meta", "link", "input", "br", "hr", "img", "source", "wbr", "area", "base", "col", "embed", "track"}


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        t = Node("#text", {}, self.cur)
        t.text = data
        self.cur.children.append(t)


def parse(dom):
    t = Tree()
    t.feed(dom)
    return t.root


def find_chromium(source):
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    print("chromium is missing; running scripts/install-deps browser")
    subprocess.run([os.path.join(source, "scripts/install-deps"), "browser"])
    return shutil.which("chromium")


def chromium_cmd(chromium, profile):
    cmd = [chromium, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--user-data-dir=" + profile, "--hide-scrollbars"]
    if os.geteuid() == 0:
        cmd.append("--no-sandbox")  # Chromium refuses to run its sandbox as root
    return cmd


def dump_dom(chromium, profile, url):
    r = subprocess.run(chromium_cmd(chromium, profile) + ["--virtual-time-budget=3000", "--dump-dom", url],
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, f"chromium --dump-dom {url} exited {r.returncode}: {r.stderr[-2000:]}")
    return parse(r.stdout)


def write_evil_root(d):
    """A root whose names and contents are markup: none of it may run or render as elements."""
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "<img src=x onerror=alert(1)>.tf"), "w") as f:
        f.write('resource "aws_db_instance" "x" {\n'
                '  backup_retention_period = 1 # </pre><script>document.title="pwned"</script>\n'
                '  tags = { service = "<b>svc</b>" }\n}\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clause", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--artifacts", required=True)
    a = ap.parse_args()
    a.source = os.path.abspath(a.source)

    chromium = find_chromium(a.source)
    if not chromium:
        print("SKIPPED: headless Chromium is not installed and `scripts/install-deps browser` could not "
              "install it (Debian package chromium); the HTML report was not checked in a browser.")
        return SKIP

    work = tempfile.mkdtemp(prefix="clause-html-")
    profile = os.path.join(work, "profile")
    evil = os.path.join(work, "evil")
    write_evil_root(evil)
    fx = os.path.join(a.source, "fixtures/compliance")
    report = os.path.join(work, "report.html")
    r = subprocess.run([a.clause, "scan", "--enable", "CL-0301,CL-0901,CL-1001", "-f", "html", "-o", report,
                        fx + "/alpha", fx + "/beta", evil], capture_output=True, text=True)
    check(r.returncode == 1, f"clause scan exited {r.returncode}: {r.stderr}")
    url = "file://" + report
    # Root order is by name: alpha, beta, then the temporary root.
    roots = sorted([fx + "/alpha", fx + "/beta", evil])
    beta = str(roots.index(fx + "/beta"))

    # 1. No filter: the page's script ran, everything shown, nothing injected.
    dom = dump_dom(chromium, profile, url)
    title = next(dom.find_all("title"), None)
    check(title is not None and title.all_text() == "ISO/IEC 20000-9 compliance report · clause",
          "the title is ours (no script from the scan ran)")
    check(len(list(dom.find_all("script"))) == 1, "exactly one <script>: the report's own")
    check(not list(dom.find_all("img")), "no <img> element")
    table = next(n for n in dom.find_all("table") if n.has_class("matrix"))
    thead = next(table.find_all("thead"))
    cols = [th for th in thead.find_all("th") if "data-sc" in th.attrs]
    check(len(cols) == 15, f"15 scenario columns (found {len(cols)})")
    check([c.attrs["data-sc"] for c in cols] == [f"5.{i}" for i in range(1, 16)], "columns 5.1 ... 5.15 in order")
    rows = [tr for tr in next(table.find_all("tbody")).find_all("tr")]
    check(len(rows) == 3, f"one matrix row per root (found {len(rows)})")
    check(not any(tr.hidden() for tr in rows), "no row hidden without a filter")
    findings = [d for d in dom.find_all("details") if d.has_class("f")]
    check(len(findings) == 3, f"three findings rendered (found {len(findings)})")
    shown = next(dom.find_all(id="shown"), None)
    check(shown is not None and shown.all_text() == "3 of 3 findings shown", "the count says 3 of 3")
    snippet = "".join(p.all_text() for p in dom.find_all("pre") if p.has_class("src"))
    check('</pre><script>document.title="pwned"</script>' in snippet, "the markup in the source line is text")
    check("<img src=x onerror=alert(1)>.tf" in dom.all_text(), "the file name is text")
    cells = {(tr.attrs["data-root"], td.attrs["data-sc"]): td.attrs.get("class") for tr in rows
             for td in tr.find_all("td")}
    alpha = str(roots.index(fx + "/alpha"))
    check(cells[(alpha, "5.9")] == "fail" and cells[(alpha, "5.10")] == "unknown" and cells[(alpha, "5.3")] == "pass",
          "alpha: 5.9 fail, 5.10 unknown, 5.3 pass")
    check(cells[(beta, "5.3")] == "fail" and cells[(beta, "5.10")] == "na", "beta: 5.3 fail, 5.10 n/a")

    # 2. A root filter in the fragment hides the other rows and findings.
    dom = dump_dom(chromium, profile, url + "#f:root=" + beta)
    table = next(n for n in dom.find_all("table") if n.has_class("matrix"))
    rows = list(next(table.find_all("tbody")).find_all("tr"))
    visible = [tr.attrs["data-root"] for tr in rows if not tr.hidden()]
    check(visible == [beta], f"only beta's row is visible (visible: {visible})")
    findings = [d for d in dom.find_all("details") if d.has_class("f")]
    check([d.attrs["data-root"] for d in findings if not d.hidden()] == [beta], "only beta's finding is visible")
    sel = next(dom.find_all("select", id="f-root"))
    # The select reflects the state (the DOM dump shows the property as 'selected' only on change):
    check(sel is not None, "the root filter control exists")
    shown = next(dom.find_all(id="shown"))
    check(shown.all_text() == "1 of 3 findings shown", f"the count says 1 of 3 ({shown.all_text()!r})")

    # 3. Severity and scenario filters.
    dom = dump_dom(chromium, profile, url + "#f:sev=medium;sc=5.9")
    findings = [d for d in dom.find_all("details") if d.has_class("f")]
    vis = [d for d in findings if not d.hidden()]
    check(len(vis) == 2 and all(d.attrs["data-sev"] == "medium" and d.attrs["data-sc"] == "5.9" for d in vis),
          f"medium 5.9 findings only ({len(vis)} visible)")
    table = next(n for n in dom.find_all("table") if n.has_class("matrix"))
    head_sel = [th.attrs.get("data-sc") for th in next(table.find_all("thead")).find_all("th") if th.has_class("sel")]
    body_sel = [td.attrs.get("data-sc") for td in next(table.find_all("tbody")).find_all("td") if td.has_class("sel")]
    check(head_sel == ["5.9"] and body_sel == ["5.9"] * 3, f"the 5.9 column is highlighted ({head_sel}, {body_sel})")

    # 4. A root over the 500 findings rendered a root: the count is the report's, not the page's.
    big = os.path.join(work, "big")
    os.makedirs(big, exist_ok=True)
    with open(os.path.join(big, "db.tf"), "w") as f:
        for i in range(503):
            f.write(f'resource "aws_db_instance" "d{i}" {{\n  backup_retention_period = 1\n}}\n')
    capped = os.path.join(work, "capped.html")
    r = subprocess.run([a.clause, "scan", "--enable", "CL-0901", "-f", "html", "-o", capped, big],
                       capture_output=True, text=True)
    check(r.returncode == 1, f"clause scan of 503 findings exited {r.returncode}: {r.stderr}")
    dom = dump_dom(chromium, profile, "file://" + capped)
    findings = [d for d in dom.find_all("details") if d.has_class("f")]
    check(len(findings) == 500, f"500 findings rendered (found {len(findings)})")
    shown = next(dom.find_all(id="shown"))
    check(shown.all_text() == "500 of 503 findings shown (3 not on this page: see the JSON or SARIF output)",
          f"the count says 500 of 503 ({shown.all_text()!r})")

    # 5. A screenshot for people to look at.
    os.makedirs(a.artifacts, exist_ok=True)
    shot = os.path.join(a.artifacts, "html-report.png")
    if os.path.exists(shot):
        os.remove(shot)
    r = subprocess.run(chromium_cmd(chromium, profile) + ["--window-size=1440,1500", "--screenshot=" + shot, url],
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 0 and os.path.exists(shot) and os.path.getsize(shot) > 20000,
          f"screenshot saved to {shot} ({r.stderr[-500:]})")
    shutil.rmtree(work, ignore_errors=True)
    print(f"screenshot: {shot}")
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    return 1 if checks["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
