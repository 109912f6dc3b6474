"""`lantern import` prints counts or every problem (and fails); `lantern export` writes files."""

import io

import pytest
from django.core.management import CommandError, call_command

from lantern.audit.models import AuditEntry
from lantern.children.models import Child
from lantern.interchange.demo import demo_data_load
from tests.interchange.test_broken_datasets import BASE, changed, write

pytestmark = pytest.mark.django_db


def test_import_prints_added_updated_and_unchanged_per_file(tmp_path):
    write(tmp_path / "data", BASE)
    out = io.StringIO()
    call_command("import", str(tmp_path / "data"), stdout=out)
    text = out.getvalue()
    assert "children.csv" in text and "Imported: " in text
    assert Child.objects.count() == 2


def test_import_prints_every_problem_as_a_table_and_fails(tmp_path):
    broken = changed("children.csv", 2, ",male,", ",mail,")
    broken["training.csv"][1] = broken["training.csv"][1].replace(",10,", ",ten,")
    write(tmp_path / "data", broken)
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import", str(tmp_path / "data"), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:4] == ["File", "Row", "Column", "Value"]
    assert any("children.csv" in line and "gender" in line for line in lines)
    assert any("training.csv" in line and "attendees" in line for line in lines)
    assert Child.objects.count() == 0


def test_export_writes_a_zip_of_the_dataset(tmp_path):
    write(tmp_path / "data", BASE)
    call_command("import", str(tmp_path / "data"), stdout=io.StringIO())
    out = io.StringIO()
    call_command("export", str(tmp_path / "out.zip"), stdout=out)
    assert (tmp_path / "out.zip").stat().st_size > 0
    assert "Wrote the dataset" in out.getvalue()


def test_export_can_write_a_national_return(tmp_path):
    pytest.importorskip("lantern.interchange.national")
    write(tmp_path / "data", BASE)
    call_command("import", str(tmp_path / "data"), stdout=io.StringIO())
    call_command(
        "export", str(tmp_path / "missing.csv"), "--format", "ssd-missing", stdout=io.StringIO()
    )
    assert (tmp_path / "missing.csv").read_text().startswith("miss_")


def test_an_unknown_export_format_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Unknown format|not available"):
        call_command("export", str(tmp_path / "x.csv"), "--format", "nonsense")


def test_the_demo_data_is_the_willow_sample_and_loads_twice_without_change():
    out = io.StringIO()
    demo_data_load(stdout=out)
    assert Child.objects.count() == 767
    demo_data_load(stdout=out)
    assert "0 records added, 0 updated, 8504 unchanged" in out.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_import_shows_a_progress_bar_on_a_terminal(tmp_path, monkeypatch):
    write(tmp_path / "data", BASE)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    call_command("import", str(tmp_path / "data"), stdout=io.StringIO())
    assert "children.csv: 2 rows" in terminal.getvalue()


def test_a_national_return_covers_the_period_asked_for(tmp_path):
    demo_data_load(stdout=io.StringIO())
    out = io.StringIO()
    call_command("export", str(tmp_path / "april.csv"), "--format", "ssd-missing", "--from",
                 "2020-04-01", "--to", "2020-04-30", stdout=out)  # fmt: skip
    rows = (tmp_path / "april.csv").read_text().splitlines()[1:]
    assert rows and all(",2020-04-" in row for row in rows)
    assert f"Wrote {len(rows)} rows" in out.getvalue()


def test_annex_a_list_8_is_written_with_ofsted_headers_unless_d2i_is_asked_for(tmp_path):
    call_command("export", str(tmp_path / "l8.csv"), "--format", "annex-a-list8",
                 "--to", "2025-03-31", stdout=io.StringIO())  # fmt: skip
    assert (tmp_path / "l8.csv").read_text().startswith("Child Unique ID,Gender,Ethnicity,")
    call_command("export", str(tmp_path / "d2i.csv"), "--format", "annex-a-list8",
                 "--headers", "d2i", stdout=io.StringIO())  # fmt: skip
    assert (tmp_path / "d2i.csv").read_text().startswith("ChildUniqueID,Gender,")
    entry = AuditEntry.objects.filter(object_id="annex-a-list8").latest("at")
    assert entry.detail["headers"] == "d2i"


@pytest.mark.parametrize(
    "options, problem",
    [
        (["--format", "ssd-missing", "--headers", "d2i"], "only with dataset"),
        (["--format", "ssd-missing", "--pseudonymise"], "only with dataset"),
        (["--headers", "d2i"], "only with --format annex-a-list8"),
        (["--format", "annex-a-list8", "--from", "2024-01-01"], "12 months ending"),
    ],
)
def test_options_that_do_not_fit_the_format_are_refused(tmp_path, options, problem):
    with pytest.raises(CommandError, match=problem):
        call_command("export", str(tmp_path / "x.csv"), *options, stdout=io.StringIO())
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{data}"],
        ["export", "{tmp}/out.zip"],
        ["export", "{tmp}/ssd.csv", "--format", "ssd-missing"],
        ["report", "--month", "2020-11"],
    ],
)
def test_commands_that_touch_personal_data_name_the_operating_system_user(
    tmp_path, monkeypatch, command
):
    import getpass

    from lantern.audit.models import AuditEntry

    write(tmp_path / "data", BASE)
    if command[0] != "import":
        call_command("import", str(tmp_path / "data"), stdout=io.StringIO())
    args = [a.format(data=tmp_path / "data", tmp=tmp_path) for a in command]
    monkeypatch.setattr("sys.argv", ["lantern", *args])
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    (entry,) = AuditEntry.objects.exclude(pk__in=before)
    assert entry.detail["os_user"] == getpass.getuser()
    assert entry.detail["command"] == "lantern " + " ".join(args)


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_a_national_return_outside_1900_to_2100_is_refused_not_a_traceback(tmp_path, option):
    with pytest.raises(CommandError, match="between 1900 and 2100"):
        call_command(
            "export", str(tmp_path / "x.csv"), "--format", "ssd-missing", option, "9999-12-31"
        )
