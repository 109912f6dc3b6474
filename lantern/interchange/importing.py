"""The import engine: validate every row, write in batches, all inside one transaction.

Rows stream from the reader one at a time and are written a batch at a time, so memory
stays flat in the size of the input; only small keys (ids, episode times) are kept for the
duplicate, reference and overlap checks. Once any problem is found nothing more is written
and validation carries on, so the user sees every problem at once; the caller's transaction
then rolls back whatever was written.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from lantern.children.models import search_name
from lantern.core.models import made_in_lantern
from lantern.core.ukdate import aware_to_local, local_to_aware
from lantern.interchange import schema
from lantern.interchange.problems import Problem
from lantern.interchange.readers import Dataset
from lantern.mapping.selectors import entity_aliases
from lantern.risk.models import SCREENING_TOOLS

BATCH_SIZE = 1000
INVALID = object()

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$")
INTEGER_RE = re.compile(r"^[+-]?\d+$")
BOOLS = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
}
REF_KINDS = {"child": "children.Child", "entity": "mapping.Entity"}
MAP_MODELS = {
    "child": "children.Child",
    "case": "cases.Case",
    "meeting": "meetings.Meeting",
    "entity": "mapping.Entity",
}
REF_FILES = {
    "child": "children.csv",
    "case": "cases.csv",
    "meeting": "meetings.csv",
    "entity": "entities.csv",
    "episode": "missing_episodes.csv",
}
NAMES = {
    "child": "child",
    "case": "case",
    "meeting": "meeting",
    "entity": "entity",
    "episode": "missing episode",
}


@dataclass
class FileCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


@dataclass
class ImportResult:
    """How many records of each file were added, updated or left unchanged."""

    files: dict[str, FileCounts] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def added(self) -> int:
        return sum(c.added for c in self.files.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.files.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.files.values())

    def as_dict(self) -> dict:
        return {
            name: {"added": c.added, "updated": c.updated, "unchanged": c.unchanged}
            for name, c in self.files.items()
        }


def _show(value) -> str:
    if isinstance(value, datetime):
        return aware_to_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class Importer:
    """One run of an import. `run()` returns the counts; `problems` lists what was wrong."""

    def __init__(self, *, user=None, progress: Callable[[str, int], None] | None = None):
        self.user = user if getattr(user, "pk", None) else None
        self.progress = progress
        self.problems: list[Problem] = []
        self.problems_left_off = 0
        # A write the database itself refused (its constraints and triggers are the last
        # guard). Checking goes on, so the importer's own clearer message can name the row.
        self.refused: IntegrityError | None = None
        self.result = ImportResult()
        self.now = timezone.now()
        self.last_created = self.now
        self.maps: dict[str, dict] = {}
        self._entity_aliases: dict[str, str] | None = None
        self.tool_versions: dict | None = None  # (risk tool code, version) -> pk
        self.survivors: dict | None = None

    # -- maps of ids already known (in the database or earlier in this import) --------------
    def _map(self, kind: str) -> dict:
        if kind not in self.maps:
            if kind == "episode":
                model = apps.get_model("missing.Episode")
                rows = model.objects.values_list("source_id", "pk", "child_id")
                self.maps[kind] = {sid: (pk, child) for sid, pk, child in rows.iterator()}
            elif kind == "child":
                # A record merged into another answers for its survivor (docs/dataset-import.md).
                model = apps.get_model(MAP_MODELS[kind])
                rows = model.objects.values_list("source_id", "pk", "merged_into_id")
                self.maps[kind] = {sid: into or pk for sid, pk, into in rows.iterator()}
            else:
                model = apps.get_model(MAP_MODELS[kind])
                rows = model.objects.values_list("source_id", "pk")
                self.maps[kind] = dict(rows.iterator())
        return self.maps[kind]

    def entity_aliases(self) -> dict[str, str]:
        """Ids of entities merged into another, to the id of the entity they live on as."""
        if self._entity_aliases is None:
            self._entity_aliases = entity_aliases()
        return self._entity_aliases

    def survivor_ids(self) -> dict:
        """The id of each merged child's survivor: {merged id: survivor id}."""
        if self.survivors is None:
            Child = apps.get_model("children.Child")
            self.survivors = dict(
                Child.objects.filter(merged_into__isnull=False).values_list(
                    "source_id", "merged_into__source_id"
                )
            )
        return self.survivors

    def problem(self, file: str, row: int, column: str, value, message: str) -> None:
        if len(self.problems) >= settings.IMPORT_MAX_PROBLEMS:
            self.problems_left_off += 1  # counted, not kept: the list is cut there anyway
            return
        self.problems.append(
            Problem(file, row, column, "" if value is None else str(value), message)
        )

    # -- the whole dataset --------------------------------------------------------------------
    def run(self, path) -> ImportResult:
        with Dataset(path) as dataset:
            self.problems.extend(dataset.problems)
            if dataset.problems and not dataset.tables:
                return self.result
            for name in sorted(dataset.tables):
                if name not in schema.BY_NAME:
                    self.problem(
                        name,
                        0,
                        "",
                        "",
                        "This is not a file of the Lantern dataset: check its name against "
                        "the list in the dataset description",
                    )
            if schema.REQUIRED_FILE not in dataset.tables:
                self.problem(
                    schema.REQUIRED_FILE,
                    0,
                    "",
                    "",
                    "children.csv is missing: every dataset must include it",
                )
            for spec in schema.FILES:
                table = dataset.tables.get(spec.name)
                if table is not None:
                    FileImport(self, spec, table).run()
        return self.result


class FileImport:
    """Reading, checking and writing one file."""

    def __init__(self, importer: Importer, spec: schema.FileSpec, table):
        self.imp = importer
        self.spec = spec
        self.table = table
        self.model = apps.get_model(spec.model)
        self.counts = importer.result.files.setdefault(spec.name, FileCounts())
        self.seen: dict = {}
        self.batch: list[tuple[int, dict]] = []
        self.present: list[schema.Column] = []
        self.positions: dict = defaultdict(int)
        self.episodes_by_child: dict = defaultdict(list)

    @property
    def writing(self) -> bool:
        return not self.imp.problems and self.imp.refused is None

    def problem(self, row: int, column: str, value, message: str) -> None:
        self.imp.problem(self.spec.name, row, column, value, message)

    # -- reading -----------------------------------------------------------------------------
    def run(self) -> None:
        rows = self.table.rows(self.imp.problems)
        header_row = next(rows, None)
        if header_row is None:
            if not any(p.file == self.spec.name for p in self.imp.problems):
                self.problem(0, "", "", "The file is empty: it needs at least a header row")
            return
        if not self._read_header(header_row[1]):
            for _ in rows:  # still read to the end so unreadable input is reported
                pass
            return
        if self.spec.name == "missing_episodes.csv":
            self._load_episodes()
        if self.imp.progress:
            self.imp.progress(self.spec.name, 0)
        done = 0
        for row_number, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            self._read_row(row_number, cells)
            done += 1
            if len(self.batch) >= BATCH_SIZE:
                self._flush()
                if self.imp.progress:
                    self.imp.progress(self.spec.name, done)
                    done = 0
        self._flush()
        if self.imp.progress:
            self.imp.progress(self.spec.name, done)
        if self.spec.name == "missing_episodes.csv":
            self._check_overlaps()

    def _read_header(self, cells: list[str]) -> bool:
        names = [c.strip() for c in cells]
        known = {c.name for c in self.spec.columns}
        self.index: dict[str, int] = {}
        usable = True
        for position, name in enumerate(names):
            if name in self.index:
                self.problem(1, name, name, "This column appears twice in the header")
            elif name not in known:
                self.problem(
                    1,
                    name,
                    name,
                    f"Unknown column '{name}': the columns of {self.spec.name} are "
                    + ", ".join(self.spec.every_column),
                )
            else:
                self.index[name] = position
        for column in self.spec.columns:
            if column.required and column.name not in self.index:
                self.problem(1, column.name, "", f"The required column '{column.name}' is missing")
                if column.attr == "source_id" or column.kind == schema.REF:
                    usable = False
        self.width = len(names)
        self.present = [c for c in self.spec.columns if c.name in self.index]
        return usable

    def _read_row(self, row: int, cells: list[str]) -> None:
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            self.problem(
                row,
                "",
                "",
                f"This row has {len(cells)} cells but the header has {self.width} columns",
            )
        values: dict = {}
        for column in self.present:
            position = self.index[column.name]
            raw = cells[position].strip() if position < len(cells) else ""
            values[column.name] = self._parse(row, column, raw)
        self._register(row, values)
        self._check_row(row, values)
        self.batch.append((row, values))

    # -- types ---------------------------------------------------------------------------------
    def _parse(self, row: int, column: schema.Column, raw: str):
        if raw == "":
            if column.required:
                self.problem(row, column.name, raw, f"A value is needed in {column.name}")
                return INVALID
            if column.kind in (schema.LIST, schema.REFS):
                return []
            if column.kind == schema.ANSWERS:
                return {}
            if column.default is not None:
                return column.default
            return None if self._nullable(column) else ""
        if "\x00" in raw:  # PostgreSQL cannot store it, and no real record holds one
            self.problem(row, column.name, raw.replace("\x00", "\\0"),
                         "This has a hidden null character: retype the value")  # fmt: skip
            return INVALID
        kind = column.kind
        if kind == schema.TEXT:
            limit = column.max_length or self._max_length(column)
            if limit and len(raw) > limit:
                self.problem(row, column.name, raw, f"This is longer than {limit} characters")
                return INVALID
            return raw
        if kind == schema.DATE:
            return self._date(row, column, raw)
        if kind == schema.DATETIME:
            return self._datetime(row, column, raw)
        if kind == schema.BOOL:
            value = BOOLS.get(raw.lower())
            if value is None:
                self.problem(row, column.name, raw, f"'{raw}' is not yes or no: use true or false")
                return INVALID
            return value
        if kind == schema.INTEGER:
            if not INTEGER_RE.match(raw):
                self.problem(row, column.name, raw, f"'{raw}' is not a whole number")
                return INVALID
            number = int(raw)
            if column.name == "attendees" and number < 0:
                self.problem(row, column.name, raw, "The number of attendees cannot be negative")
                return INVALID
            if abs(number) > 2_000_000_000:
                self.problem(row, column.name, raw, "This number is too large")
                return INVALID
            return number
        if kind == schema.WORD:
            word = raw.lower()
            if word not in column.words:
                self.problem(
                    row,
                    column.name,
                    raw,
                    f"'{raw}' is not an allowed value of {column.name}: use one of "
                    + ", ".join(column.words),
                )
                return INVALID
            return word
        if kind == schema.LIST:
            items = [v.strip() for v in raw.split(";") if v.strip()]
            if column.words:
                items = [v.lower() for v in items]
                wrong = [v for v in items if v not in column.words]
                if wrong:
                    self.problem(
                        row,
                        column.name,
                        raw,
                        f"{', '.join(repr(w) for w in wrong)} not allowed in {column.name}: "
                        f"use {', '.join(column.words)}",
                    )
                    return INVALID
            if column.required and not items:
                self.problem(row, column.name, raw, f"A value is needed in {column.name}")
                return INVALID
            return items
        if kind == schema.ANSWERS:
            return self._answers(row, column, raw)
        if kind == schema.REF:
            return self._reference(row, column, raw)
        if kind == schema.REFS:
            items = [v.strip() for v in raw.split(";") if v.strip()]
            checked = [self._ref_text(row, column, v) for v in items]
            return INVALID if INVALID in checked else checked
        raise ValueError(kind)

    def _answers(self, row: int, column: schema.Column, raw: str):
        """`code=current;code=previous`: each indicator seen, once, with its recency."""
        answers: dict[str, str] = {}
        for item in (v.strip() for v in raw.split(";")):
            if not item:
                continue
            code, _, recency = (part.strip() for part in item.partition("="))
            recency = recency.lower()
            if not code or recency not in schema.RECENCIES:
                self.problem(
                    row,
                    column.name,
                    raw,
                    f"'{item}' is not an indicator answer: write code=current or "
                    "code=previous, separated by ;",
                )
                return INVALID
            if code in answers:
                self.problem(row, column.name, raw, f"The indicator '{code}' is answered twice")
                return INVALID
            answers[code] = recency
        return answers

    def _check_tool_version(self, row: int, values: dict) -> None:
        """tool_code and tool_version name one version of a risk tool kept in Lantern."""
        if "tool_code" not in values and "tool_version" not in values:
            return
        code, version = values.get("tool_code"), values.get("tool_version")
        if INVALID in (code, version):
            return
        if not code and version is None:
            values["_tool_version"] = None
            return
        if not code or version is None:
            missing = "tool_code" if not code else "tool_version"
            self.problem(
                row, missing, "", "tool_code and tool_version are given together or not at all"
            )
            values["_tool_version"] = INVALID
            return
        if self.imp.tool_versions is None:
            self.imp.tool_versions = {
                (c, v): pk
                for pk, c, v in apps.get_model("risk.RiskTool").objects.values_list(
                    "pk", "code", "version"
                )
            }
        pk = self.imp.tool_versions.get((code, version))
        if pk is None:
            self.problem(
                row,
                "tool_version",
                str(version),
                f"Lantern has no version {version} of the risk tool '{code}'",
            )
            values["_tool_version"] = INVALID
            return
        values["_tool_version"] = pk

    def _nullable(self, column: schema.Column) -> bool:
        if column.kind in (schema.REF,):
            return True
        try:
            return self.model._meta.get_field(column.field).null
        except Exception:
            return True

    def _max_length(self, column: schema.Column) -> int | None:
        try:
            return self.model._meta.get_field(column.field).max_length
        except Exception:
            return None

    def _date(self, row: int, column: schema.Column, raw: str):
        if DATE_RE.match(raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        self.problem(row, column.name, raw, f"'{raw}' is not a date: write dates as YYYY-MM-DD")
        return INVALID

    def _datetime(self, row: int, column: schema.Column, raw: str):
        match = DATETIME_RE.match(raw)
        if match:
            try:
                naive = datetime.fromisoformat(f"{match.group(1)}T{match.group(2)}")
                return local_to_aware(naive)
            except ValueError:
                pass
        self.problem(
            row,
            column.name,
            raw,
            f"'{raw}' is not a date and time: write YYYY-MM-DD HH:MM (UK local time)",
        )
        return INVALID

    def _reference(self, row: int, column: schema.Column, raw: str):
        kind = self.spec.refs.get(column.name)
        if kind == "ref":
            return self._ref_text(row, column, raw)
        known = self.imp._map(kind)
        if raw not in known:
            self.problem(
                row,
                column.name,
                raw,
                f"There is no {NAMES[kind]} with id '{raw}' in {REF_FILES[kind]} "
                "or already in Lantern",
            )
            return INVALID
        return known[raw]

    def _ref_text(self, row: int, column: schema.Column, raw: str):
        kind, _, ident = raw.partition(":")
        kind = kind.strip().lower()
        ident = ident.strip()
        if kind not in REF_KINDS or not ident:
            self.problem(
                row,
                column.name,
                raw,
                f"'{raw}' is not a reference: write child:<child_id> or entity:<entity_id>",
            )
            return INVALID
        if kind == "entity":  # a merged entity's id names the entity it was merged into
            ident = self.imp.entity_aliases().get(ident, ident)
        if ident not in self.imp._map(kind):
            self.problem(
                row,
                column.name,
                raw,
                f"There is no {kind} with id '{ident}' in {REF_FILES[kind]} or already in Lantern",
            )
            return INVALID
        if kind == "child":
            ident = self.imp.survivor_ids().get(ident, ident)
        return f"{kind}:{ident}"

    # -- ids, duplicates and the checks between columns ----------------------------------------
    def _register(self, row: int, values: dict) -> None:
        spec = self.spec
        if spec.id_column is None:
            key = tuple(values.get(c.name) for c in spec.columns[:2])
            if INVALID in key:
                return
            if key in self.seen:
                self.problem(
                    row,
                    spec.columns[1].name,
                    self._raw_key(values),
                    f"This row repeats row {self.seen[key]}: each meeting may list it only once",
                )
            else:
                self.seen[key] = row
            return
        ident = values.get(spec.id_column)
        if ident is INVALID or ident is None:
            return
        if ident in self.seen:
            self.problem(
                row,
                spec.id_column,
                ident,
                f"The id '{ident}' is used twice in this file (first on row {self.seen[ident]})",
            )
            values[spec.id_column] = INVALID
            return
        self.seen[ident] = row
        kind = {
            "children.csv": "child",
            "cases.csv": "case",
            "meetings.csv": "meeting",
            "entities.csv": "entity",
            "missing_episodes.csv": "episode",
        }.get(spec.name)
        if kind == "episode":
            known = self.imp._map("episode")
            child = values.get("child_id")
            pk = known[ident][0] if ident in known else uuid.uuid4()
            known[ident] = (pk, None if child is INVALID else child)
        elif kind:
            self.imp._map(kind).setdefault(ident, uuid.uuid4())

    def _raw_key(self, values: dict) -> str:
        return str(values.get(self.spec.columns[1].name))

    def _check_row(self, row: int, values: dict) -> None:
        name = self.spec.name
        get = values.get
        if name == "cases.csv":
            self._not_before(
                row, values, "opened_on", "closed_on", "The case closes before it opens"
            )
        elif name == "missing_episodes.csv":
            if self._not_before(
                row, values, "started_at", "ended_at", "The episode ends before it starts"
            ):
                child, start, end = get("child_id"), get("started_at"), get("ended_at")
                if INVALID not in (child, start, end, get("episode_id")) and child is not None:
                    self.episodes_by_child[child].append((start, end, get("episode_id"), row))
            self._check_police_reference(row, values)
        elif name == "return_interviews.csv":
            self._check_interview(row, values)
        elif name == "assessments.csv":
            self._check_tool_version(row, values)
        elif name == "onward_referrals.csv":
            ok = self._not_before(
                row,
                values,
                "need_identified_on",
                "referred_on",
                "The referral is made before the need was identified",
            )
            if ok:
                self._not_before(
                    row,
                    values,
                    "referred_on",
                    "first_contact_on",
                    "The first contact is before the referral was made",
                )
                self._not_before(
                    row,
                    values,
                    "need_identified_on",
                    "first_contact_on",
                    "The first contact is before the need was identified",
                )
        elif name == "links.csv":
            self._not_before(
                row, values, "first_seen", "last_seen", "Last seen is before first seen"
            )

    def _not_before(self, row: int, values: dict, first: str, then: str, message: str) -> bool:
        a, b = values.get(first), values.get(then)
        if a in (None, INVALID) or b in (None, INVALID):
            return True
        if b < a:
            self.problem(row, then, _show(b), f"{message} ({first} is {_show(a)})")
            return False
        return True

    def _check_interview(self, row: int, values: dict) -> None:
        if values.get("outcome") == "completed" and values.get("completed_at") is None:
            self.problem(
                row,
                "completed_at",
                "",
                "The interview is completed, so completed_at needs the date and time",
            )
        ids = values.get("episode_ids")
        if ids in (None, INVALID):
            return
        known = self.imp._map("episode")
        child = values.get("child_id")
        resolved = []
        for ident in ids:
            if ident not in known:
                self.problem(
                    row,
                    "episode_ids",
                    ident,
                    f"There is no missing episode with id '{ident}' in missing_episodes.csv "
                    "or already in Lantern",
                )
                continue
            pk, owner = known[ident]
            if child not in (None, INVALID) and owner is not None and owner != child:
                self.problem(
                    row,
                    "episode_ids",
                    ident,
                    f"Episode '{ident}' is another child's episode: an interview covers "
                    "only episodes of its own child",
                )
                continue
            if pk in resolved:
                self.problem(row, "episode_ids", ident, f"Episode '{ident}' is listed twice")
                continue
            resolved.append(pk)
        values["_episodes"] = resolved

    def _load_episodes(self) -> None:
        """Episodes already in the database, for the overlap check against the new ones."""
        self.db_episodes: dict = defaultdict(list)
        self.lantern_police_refs: dict = {}
        rows = apps.get_model("missing.Episode").objects.values_list(
            "source_id", "child_id", "started_at", "ended_at", "police_reference"
        )
        for sid, child, start, end, police_reference in rows.iterator():
            self.db_episodes[child].append((start, end, sid, 0))
            if police_reference and made_in_lantern(sid):
                self.lantern_police_refs[police_reference.casefold()] = sid

    def _check_police_reference(self, row: int, values: dict) -> None:
        """An import row repeating an episode recorded in Lantern's pages (same police
        reference, another id) would be a second copy of it: a problem naming both."""
        reference, ident = values.get("police_reference"), values.get("episode_id")
        if not reference or INVALID in (reference, ident):
            return
        made_here = self.lantern_police_refs.get(reference.casefold())
        if made_here and made_here != ident:
            self.problem(
                row,
                "police_reference",
                reference,
                f"Episode '{ident}' has the police reference of episode '{made_here}', recorded "
                f"in Lantern: if they are the same episode, remove this row or give it the id "
                f"'{made_here}'",
            )

    def _check_overlaps(self) -> None:
        in_file = set(self.seen)
        children = set(self.episodes_by_child)
        for child in children:
            episodes = list(self.episodes_by_child[child])
            episodes += [e for e in self.db_episodes.get(child, []) if e[2] not in in_file]
            episodes.sort(key=lambda e: (e[0], e[2]))
            latest = None  # the episode reaching furthest so far
            for episode in episodes:
                if latest is not None and (latest[1] is None or episode[0] < latest[1]):
                    self._report_overlap(episode, latest)
                end = episode[1]
                if latest is None or (latest[1] is not None and (end is None or end > latest[1])):
                    latest = episode

    def _report_overlap(self, episode: tuple, other: tuple) -> None:
        if not episode[3]:  # only the other one is in the file: report it there
            episode, other = other, episode
        if not episode[3]:
            return
        if other[3]:
            where = "in this file"
        elif made_in_lantern(other[2]):
            where = "recorded in Lantern"
        else:
            where = "already in Lantern"
        until = _show(other[1]) if other[1] else "still missing"
        self.problem(
            episode[3],
            "started_at",
            _show(episode[0]),
            f"Episode '{episode[2]}' overlaps episode '{other[2]}' of the same child "
            f"({where}, {_show(other[0])} to {until}): episodes of one child must not overlap",
        )

    # -- writing -------------------------------------------------------------------------------
    def _flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch or not self.writing:
            return
        if any(INVALID in values.values() for _, values in batch):
            return
        try:
            with transaction.atomic():  # a savepoint: a refused batch leaves the rest usable
                if self.spec.id_column is None:
                    self._flush_links(batch)
                else:
                    self._flush_records(batch)
        except IntegrityError as error:
            self.imp.refused = error

    def _attrs(self, values: dict) -> dict:
        attrs = {}
        for column in self.present:
            if column.attr == "-" or "__" in column.field:
                continue
            value = values[column.name]
            if column.kind == schema.REF and self.spec.refs.get(column.name) != "ref":
                attrs[f"{column.field}_id"] = value
            else:
                attrs[column.field] = value
        model_name = self.spec.model
        if model_name == "children.Child":
            attrs["search_name"] = search_name(
                attrs.get("first_name", ""), attrs.get("last_name", "")
            )
        elif model_name == "risk.Assessment":
            attrs["is_screening"] = attrs.get("tool") in SCREENING_TOOLS
            if "_tool_version" in values:
                attrs["tool_version_id"] = values["_tool_version"]
        return attrs

    def _flush_records(self, batch: list) -> None:
        model = self.model
        id_column = self.spec.id_column
        ids = [values[id_column] for _, values in batch]
        existing = {obj.source_id: obj for obj in model.objects.filter(source_id__in=ids)}
        interviews = self.spec.name == "return_interviews.csv"
        covers: dict = defaultdict(list)
        if interviews and existing:
            InterviewEpisode = apps.get_model("missing.InterviewEpisode")
            for interview, episode in (
                InterviewEpisode.objects.filter(interview__in=[o.pk for o in existing.values()])
                .order_by("interview", "position")
                .values_list("interview_id", "episode_id")
            ):
                covers[interview].append(episode)
        kind_map = None
        kind = {
            "children.csv": "child",
            "cases.csv": "case",
            "meetings.csv": "meeting",
            "entities.csv": "entity",
        }.get(self.spec.name)
        if kind:
            kind_map = self.imp._map(kind)
        new, changed, changed_fields, new_covers, dropped = [], [], set(), [], []
        user = self.imp.user
        merged = self.imp.entity_aliases() if kind == "entity" else {}
        for _, values in batch:
            attrs = self._attrs(values)
            ident = attrs["source_id"]
            if ident in merged:  # merged into another entity: left as it is (docs)
                self.counts.unchanged += 1
                continue
            obj = existing.get(ident)
            if obj is None:
                if kind_map is not None:
                    pk = kind_map[ident]
                elif self.spec.name == "missing_episodes.csv":
                    pk = self.imp._map("episode")[ident][0]
                else:
                    pk = uuid.uuid4()
                obj = model(id=pk, created_by=user, modified_by=user, **attrs)
                new.append(obj)
                self.counts.added += 1
                if interviews:
                    new_covers.append((obj.pk, values["_episodes"]))
                continue
            if getattr(obj, "merged_into_id", None):
                # The record was merged into another: the row is left alone (the survivor
                # keeps its own details), counted as unchanged.
                self.counts.unchanged += 1
                continue
            differs = [name for name, value in attrs.items() if getattr(obj, name) != value]
            episodes_differ = interviews and covers.get(obj.pk, []) != values["_episodes"]
            if not differs and not episodes_differ:
                self.counts.unchanged += 1
                continue
            for name in differs:
                setattr(obj, name, attrs[name])
            changed_fields.update(differs)
            obj.updated_at = self.imp.now
            obj.modified_by = user
            changed.append(obj)
            self.counts.updated += 1
            if episodes_differ:
                dropped.append(obj.pk)
                new_covers.append((obj.pk, values["_episodes"]))
        if new:
            self._insert(new)
        if changed:
            fields = sorted(changed_fields | {"updated_at", "modified_by"})
            model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
        if interviews and (new_covers or dropped):
            InterviewEpisode = apps.get_model("missing.InterviewEpisode")
            if dropped:
                InterviewEpisode.objects.filter(interview__in=dropped).delete()
            InterviewEpisode.objects.bulk_create(
                [
                    InterviewEpisode(interview_id=interview, episode_id=episode, position=i)
                    for interview, episodes in new_covers
                    for i, episode in enumerate(episodes)
                ],
                batch_size=BATCH_SIZE,
            )

    def _insert(self, new: list[models.Model]) -> None:
        """Insert new records stamped in file order, so exports keep the order first recorded.

        A raw insert keeps the stamps we set (bulk_create would stamp one moment for a whole
        batch, losing the order of files whose ids are not sorted)."""
        for obj in new:
            self.imp.last_created += timedelta(microseconds=1)
            obj.created_at = obj.updated_at = self.imp.last_created
        fields = list(self.model._meta.concrete_fields)
        size = max(1, min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, new)))
        for start in range(0, len(new), size):
            self.model._base_manager._insert(new[start : start + size], fields=fields, raw=True)

    def _flush_links(self, batch: list) -> None:
        model = self.model
        first, second = self.spec.columns[0], self.spec.columns[1]
        meetings = {values[first.name] for _, values in batch}
        existing = {}
        for obj in model.objects.filter(meeting_id__in=meetings):
            key = (obj.meeting_id, getattr(obj, "child_id", None) or getattr(obj, "agency", None))
            existing[key] = obj
        new, changed, fields = [], [], set()
        for _, values in batch:
            meeting = values[first.name]
            other = values[second.name]
            position = self.positions[meeting]
            self.positions[meeting] += 1
            attrs = {"meeting_id": meeting, "position": position}
            if second.name == "child_id":
                attrs["child_id"] = other
            else:
                attrs["agency"] = other
                if "attended" in values:
                    attrs["attended"] = values["attended"]
            obj = existing.get((meeting, other))
            if obj is None:
                new.append(model(**attrs))
                self.counts.added += 1
                continue
            differs = [name for name, value in attrs.items() if getattr(obj, name) != value]
            if not differs:
                self.counts.unchanged += 1
                continue
            for name in differs:
                setattr(obj, name, attrs[name])
            fields.update(differs)
            changed.append(obj)
            self.counts.updated += 1
        if new:
            model.objects.bulk_create(new, batch_size=BATCH_SIZE)
        if changed:
            model.objects.bulk_update(changed, sorted(fields), batch_size=BATCH_SIZE)
