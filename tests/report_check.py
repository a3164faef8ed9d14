"""Opens report.html as a person would, in headless Chromium, and checks what it shows.

Seeds: every view renders without a console message or a page error; the claims view shows
the "Benar, majelis" attribution conflict and the wrong weekday of "Senin (18/4/2024)" with its
likely correction (18 March 2024, a Monday); a screenshot of the claims view is saved.
Hostile corpus (names, quotes, titles, outlets and addresses that carry markup, scripts and
javascript: links): no view runs or inserts anything from the articles.

Run by .ci/run: report_check.py SEEDS_RUN HOSTILE_RUN SCREENSHOT.png
"""

import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=10000",
]
VIEWS = ["", "#claims", "#disputes", "#actors", "#graph", "#articles"]


def chromium(url, *extra):
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            ["chromium", *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, f"{url}: console messages:\n" + "\n".join(console)
    return done.stdout


class Elements(HTMLParser):
    """Every element of a document with its attributes, and the page's text."""

    def __init__(self):
        super().__init__()
        self.elements = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def dom(report, view):
    html = chromium(report.resolve().as_uri() + view, "--dump-dom")
    parsed = Elements()
    parsed.feed(html)
    errors = [a for t, a in parsed.elements if a.get("id") == "errors"]
    assert errors and "hidden" in errors[0], f"{view}: the page reported an error"
    return html, parsed


def first_article(html):
    match = re.search(r'href="#article/([^"/]+)"', html)
    assert match, "no article link"
    return "#article/" + match.group(1)


def check_seeds(run, screenshot):
    report = run / "report.html"
    html, _ = dom(report, "")
    for view in VIEWS[1:] + [first_article(html)]:
        dom(report, view)
    conflict = re.search(
        r'<article class="card conflict"><h3>Benar, majelis</h3><p class="meta">'
        r'<span class="badge conflict">attribution conflict</span>',
        html,
    )
    assert conflict, "the claims view does not show the 'Benar, majelis' attribution conflict"
    weekday = re.search(r"<q>Senin \(18/4/2024\)</q>.*?likely 2024-03-18 \(Monday\)", html)
    assert weekday, "the claims view does not show the wrong weekday with its likely correction"
    chromium(report.resolve().as_uri(), "--window-size=1400,1000", f"--screenshot={screenshot}")
    assert Path(screenshot).stat().st_size > 10_000, "the screenshot is empty"


def check_hostile(run):
    report = run / "report.html"
    html, _ = dom(report, "")
    shown = re.search(r'<span class="url">javascript:document.title=(.*?)</span>', html)
    assert shown, "an address that is not http(s) is shown as text"
    for view in VIEWS + [first_article(html)]:
        html, parsed = dom(report, view)
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title == "warta report", f"{view}: the page's title was changed to {title!r}"
        tags = [t for t, _ in parsed.elements]
        scripts = [a for t, a in parsed.elements if t == "script"]
        code = [a for a in scripts if a.get("type") != "application/json"]
        assert len(code) == 1, f"{view}: {len(code)} scripts run, not 1"
        for tag in ("img", "b", "i", "iframe", "object", "embed"):
            assert tag not in tags, f"{view}: a <{tag}> from an article's text"
        for tag, attributes in parsed.elements:
            handlers = [k for k in attributes if k.startswith("on")]
            assert not handlers, f"{view}: <{tag}> with {handlers}"
            assert attributes.get("id") != "pwned", f"{view}: a script from an article ran"
            href = attributes.get("href", "")
            assert not href.lower().startswith("javascript:"), f"{view}: a javascript: link"


def main():
    seeds, hostile, screenshot = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    check_seeds(seeds, screenshot)
    check_hostile(hostile)
    print(f"report.html ok: every view renders without errors; screenshot {screenshot}")


if __name__ == "__main__":
    main()
