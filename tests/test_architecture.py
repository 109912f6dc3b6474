"""The layers of docs/architecture.md hold: `lint-imports` passes on the code, and fails as
soon as a lower layer imports a higher one (checked on a copy of the package)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=where, env=env, capture_output=True, text=True
    )


@pytest.fixture
def copy_of_the_code(tmp_path) -> Path:
    shutil.copytree(
        ROOT / "lantern",
        tmp_path / "lantern",
        ignore=shutil.ignore_patterns("static", "templates", "__pycache__", "fixtures"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_every_contract(copy_of_the_code):
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("core/fields.py", "lantern.accounts.models"),  # core imports no other app
        ("audit/services.py", "lantern.children.models"),  # audit is below children
        ("children/selectors.py", "lantern.cases.models"),  # children knows no casework
        ("risk/selectors.py", "lantern.missing.models"),  # risk is below missing
        ("missing/selectors.py", "lantern.reports.selectors"),  # domains never import reports
        ("reports/selectors.py", "lantern.interchange.schema"),  # reports and interchange apart
        ("interchange/national.py", "lantern.reports.selectors"),
        ("nrm/selectors.py", "lantern.pages.selectors"),  # nothing imports a page upward
    ],
)
def test_an_import_against_the_layers_fails_the_lint(copy_of_the_code, module, forbidden):
    path = copy_of_the_code / "lantern" / module
    path.write_text(path.read_text() + f"\nimport {forbidden}  # noqa\n")
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout or "broken" in result.stdout
