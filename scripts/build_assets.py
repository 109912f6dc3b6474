"""Copy GOV.UK Frontend's built CSS, JS, fonts and images, axe-core and cytoscape into
lantern/static (never committed)."""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
DEST = ROOT / "lantern" / "static" / "govuk"
VENDOR = ROOT / "lantern" / "static" / "vendor"


def main() -> int:
    if not SRC.exists():
        print("GOV.UK Frontend is not installed: run `npm ci` first", file=sys.stderr)
        return 1
    if DEST.exists():
        shutil.rmtree(DEST)
    DEST.mkdir(parents=True)
    css = (SRC / "govuk-frontend.min.css").read_text()
    (DEST / "govuk-frontend.min.css").write_text(
        css.replace("url(/assets/", "url(/static/govuk/assets/")
    )
    shutil.copy(SRC / "govuk-frontend.min.js", DEST / "govuk-frontend.min.js")
    shutil.copytree(SRC / "assets", DEST / "assets")
    VENDOR.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "node_modules" / "axe-core" / "axe.min.js", VENDOR / "axe.min.js")
    cytoscape = ROOT / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
    shutil.copy(cytoscape, VENDOR / "cytoscape.min.js")  # the network view
    print(f"GOV.UK Frontend assets copied to {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
