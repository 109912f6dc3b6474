"""The dataset, version 1 (dataset.md): files, columns, types and allowed words.

One table describes every file so that the importer, the exporter, the validation and the
documentation all agree on the column order and rules.
"""

from dataclasses import dataclass, field

# Column kinds
TEXT = "text"
DATE = "date"
DATETIME = "datetime"
BOOL = "bool"
INTEGER = "integer"
WORD = "word"
LIST = "list"
REF = "ref"  # child:<id> or entity:<id>
REFS = "refs"  # list of refs
ANSWERS = "answers"  # indicator answers: code=recency;code=recency (an extension)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    words: tuple[str, ...] = ()
    default: object = None
    attr: str = ""  # model attribute; "" = same as name; "-" = handled by the file's own code
    free_text: bool = False  # dropped from pseudonymised exports
    max_length: int | None = None
    # An extension of dataset.md (docs/dataset-import.md): optional on import, and written on
    # export only when some record has a value in it, so version-1 files round-trip unchanged.
    extension: bool = False

    @property
    def field(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True)
class FileSpec:
    name: str
    model: str  # app_label.Model
    columns: tuple[Column, ...]
    id_column: str | None = None  # None for the link files (meeting_children, meeting_attendees)
    refs: dict = field(default_factory=dict)  # column -> kind of record it points at

    @property
    def header(self) -> list[str]:
        """The columns of dataset.md version 1 (extension columns left out)."""
        return [c.name for c in self.columns if not c.extension]

    @property
    def every_column(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


ROUTES = ("s17", "s47", "nomination", "consultation", "other")
CASE_ROUTES = ("s17", "s47", "nomination", "other")
SOURCES = ("mash", "district_team", "police", "school", "health", "yjs", "self", "other")
EXPLOITATION = (
    "cse",
    "cce",
    "county_lines",
    "trafficking",
    "modern_slavery",
    "online",
    "radicalisation",
    "other",
)
AGENCIES = ("social_care", "police", "health", "education", "yjs", "voluntary", "housing", "other")
NRM_DECISIONS = ("positive", "negative", "pending", "withdrawn")
PLACEMENT_TYPES = ("foster", "childrens_home", "semi_independent", "secure", "other")
RETURN_METHODS = ("self", "police", "parent_carer", "professional", "other")
LEVELS = ("none", "low", "medium", "high")
APPROVALS = ("waiting", "approved", "changed")
RECENCIES = ("current", "previous")


def _id(name: str) -> Column:
    return Column(name, TEXT, required=True, attr="source_id", max_length=64)


def _child(required: bool = True) -> Column:
    return Column("child_id", REF, required=required, attr="child")


def _case() -> Column:
    return Column("case_id", REF, attr="case")


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "children.csv",
        "children.Child",
        (
            _id("child_id"),
            Column("first_name", max_length=100),
            Column("last_name", max_length=100),
            Column("date_of_birth", DATE, required=True),
            Column("gender", WORD, required=True, words=("male", "female", "other", "unknown")),
            Column("ethnicity", max_length=10),
            Column("district", max_length=100),
            Column(
                "legal_status",
                WORD,
                words=("none", "cin", "cp", "cla", "care_leaver"),
                default="none",
            ),
            Column("placing_authority", max_length=100),
            Column("uasc", BOOL, default=False),
            Column("uasc_arrived_on", DATE),
            Column("flags", LIST),
        ),
        id_column="child_id",
    ),
    FileSpec(
        "cases.csv",
        "cases.Case",
        (
            _id("case_id"),
            _child(),
            Column("opened_on", DATE, required=True),
            Column("closed_on", DATE),
            Column("route", WORD, required=True, words=CASE_ROUTES),
            Column("source", WORD, words=SOURCES),
            Column("worker", max_length=100),
            Column("closure_reason", free_text=True),
        ),
        id_column="case_id",
        refs={"child_id": "child"},
    ),
    FileSpec(
        "referrals.csv",
        "referrals.Referral",
        (
            _id("referral_id"),
            _child(),
            Column("received_on", DATE, required=True),
            Column("route", WORD, required=True, words=ROUTES),
            Column("source", WORD, words=SOURCES),
            Column(
                "decision",
                WORD,
                words=("accepted", "declined", "advice", "pending"),
                default="pending",
            ),
            Column("decided_on", DATE),
            _case(),
            Column("concern", free_text=True, extension=True),
            Column("decision_reason", free_text=True, extension=True),
            Column("reopened_on", DATE, extension=True),
            Column("reopened_reason", free_text=True, extension=True),
        ),
        id_column="referral_id",
        refs={"child_id": "child", "case_id": "case"},
    ),
    FileSpec(
        "assessments.csv",
        "risk.Assessment",
        (
            _id("assessment_id"),
            _child(),
            Column("completed_on", DATE, required=True),
            Column("reason", WORD, words=("new", "re_referral", "review")),
            Column(
                "tool",
                WORD,
                words=("ceraf", "seraf", "screening", "cserq4", "other"),
                default="other",
            ),
            Column("exploitation_types", LIST, required=True, words=EXPLOITATION),
            Column("score", INTEGER),
            Column("risk_level", WORD, required=True, words=LEVELS),
            Column("triaged_on", DATE),
            Column("assessor", max_length=100),
            Column("tool_code", max_length=20, attr="tool_version__code", extension=True),
            Column("tool_version", INTEGER, attr="tool_version__version", extension=True),
            Column("suggested_level", WORD, words=LEVELS, extension=True),
            Column("override_reason", free_text=True, extension=True),
            Column("approval", WORD, words=APPROVALS, extension=True),
            Column("child_words", free_text=True, extension=True),
            Column("answers", ANSWERS, extension=True),
        ),
        id_column="assessment_id",
        refs={"child_id": "child"},
    ),
    FileSpec(
        "missing_episodes.csv",
        "missing.Episode",
        (
            _id("episode_id"),
            _child(),
            Column("started_at", DATETIME, required=True),
            Column("ended_at", DATETIME),
            Column("missing_from", WORD, required=True, words=("home", "care")),
            Column("episode_type", WORD, words=("missing", "away"), default="missing"),
            Column("police_reference", max_length=50, free_text=True),
            Column("police_risk", WORD, words=("high", "medium", "low", "none")),
            Column("found_location", max_length=200, free_text=True),
            Column("placement_type", WORD, words=PLACEMENT_TYPES, extension=True),
            Column("provider", max_length=200, extension=True),
            Column("out_of_area", BOOL, extension=True),
            Column("reported_by", max_length=100, free_text=True, extension=True),
            Column("found_with", max_length=200, free_text=True, extension=True),
            Column("return_method", WORD, words=RETURN_METHODS, extension=True),
            Column("safe_and_well_done", BOOL, extension=True),
            Column("safe_and_well_at", DATETIME, extension=True),
            Column("safe_and_well_by", max_length=100, extension=True),
            Column("school_told", BOOL, extension=True),
        ),
        id_column="episode_id",
        refs={"child_id": "child"},
    ),
    FileSpec(
        "return_interviews.csv",
        "missing.ReturnInterview",
        (
            _id("interview_id"),
            _child(),
            Column("episode_ids", LIST, required=True, attr="-"),
            Column("offered_at", DATETIME),
            Column(
                "outcome",
                WORD,
                required=True,
                words=(
                    "completed",
                    "declined_child",
                    "declined_parent",
                    "exception",
                    "outstanding",
                ),
            ),
            Column("completed_at", DATETIME),
            Column("conducted_by", max_length=100),
            Column("independent", BOOL),
            Column("push_factors", LIST),
            Column("pull_factors", LIST),
            Column("exception_reason", free_text=True),
            Column("factors_notes", free_text=True, extension=True),
            Column("where_child_was", free_text=True, extension=True),
            Column("with_whom", free_text=True, extension=True),
            Column("harm_disclosed", BOOL, extension=True),
            Column("shared_with_police", free_text=True, extension=True),
            Column("shared_with_police_at", DATETIME, extension=True),
            Column("child_words", free_text=True, extension=True),
            Column("not_shareable", BOOL, default=False, extension=True),
        ),
        id_column="interview_id",
        refs={"child_id": "child"},
    ),
    FileSpec(
        "meetings.csv",
        "meetings.Meeting",
        (
            _id("meeting_id"),
            Column(
                "type",
                WORD,
                required=True,
                words=(
                    "triage",
                    "ce_panel",
                    "missing_intervention",
                    "mapping",
                    "strategy",
                    "hrsm",
                    "disruption",
                    "locality",
                    "consultation",
                    "other",
                ),
            ),
            Column("held_on", DATE),
            Column("district", max_length=100),
            Column("title", max_length=200, free_text=True),
        ),
        id_column="meeting_id",
    ),
    FileSpec(
        "meeting_children.csv",
        "meetings.MeetingChild",
        (
            Column("meeting_id", REF, required=True, attr="meeting"),
            _child(),
        ),
        refs={"meeting_id": "meeting", "child_id": "child"},
    ),
    FileSpec(
        "meeting_attendees.csv",
        "meetings.MeetingAttendee",
        (
            Column("meeting_id", REF, required=True, attr="meeting"),
            Column("agency", WORD, required=True, words=AGENCIES),
            Column("attended", BOOL, default=True),
        ),
        refs={"meeting_id": "meeting"},
    ),
    FileSpec(
        "actions.csv",
        "meetings.Action",
        (
            _id("action_id"),
            Column("meeting_id", REF, attr="meeting"),
            _child(required=False),
            Column("description", required=True, free_text=True),
            Column("owner", max_length=100),
            Column("agency", max_length=20),
            Column("due_on", DATE),
            Column("completed_on", DATE),
        ),
        id_column="action_id",
        refs={"meeting_id": "meeting", "child_id": "child"},
    ),
    FileSpec(
        "direct_work.csv",
        "cases.DirectWork",
        (
            _id("session_id"),
            _child(),
            _case(),
            Column("held_on", DATE, required=True),
            Column("worker", max_length=100),
            Column("with_whom", WORD, words=("child", "parent_carer", "professional", "group")),
            Column("setting", WORD, words=("face_to_face", "virtual", "phone")),
            Column("topics", LIST),
            Column("engaged", BOOL),
            Column("what_was_done", free_text=True, extension=True),
            Column("child_voice", free_text=True, extension=True),
        ),
        id_column="session_id",
        refs={"child_id": "child", "case_id": "case"},
    ),
    FileSpec(
        "onward_referrals.csv",
        "cases.OnwardReferral",
        (
            _id("onward_id"),
            _child(),
            _case(),
            Column(
                "service",
                WORD,
                words=(
                    "camhs",
                    "substance_misuse",
                    "counselling",
                    "mentoring",
                    "parenting",
                    "ictg",
                    "education",
                    "other",
                ),
            ),
            Column("need_identified_on", DATE, required=True),
            Column("referred_on", DATE),
            Column("first_contact_on", DATE),
            Column("outcome", WORD, words=("engaged", "declined", "not_accepted")),
            Column("need", free_text=True, extension=True),
            Column("child_voice", free_text=True, extension=True),
        ),
        id_column="onward_id",
        refs={"child_id": "child", "case_id": "case"},
    ),
    FileSpec(
        "outcomes.csv",
        "cases.CaseOutcome",
        (
            _id("outcome_id"),
            _child(),
            _case(),
            Column("recorded_on", DATE, required=True),
            Column(
                "kind",
                WORD,
                words=(
                    "risk_reduced",
                    "education_reengaged",
                    "relationships_improved",
                    "missing_reduced",
                    "substance_use_reduced",
                    "safe_accommodation",
                    "other",
                ),
            ),
            Column("achieved", BOOL),
        ),
        id_column="outcome_id",
        refs={"child_id": "child", "case_id": "case"},
    ),
    FileSpec(
        "entities.csv",
        "mapping.Entity",
        (
            _id("entity_id"),
            Column(
                "kind",
                WORD,
                required=True,
                words=(
                    "adult",
                    "location",
                    "vehicle",
                    "phone",
                    "online_account",
                    "business",
                    "group",
                    "bank_account",  # an extension of dataset.md's kinds (docs/dataset-import.md)
                ),
            ),
            Column("label", max_length=200, free_text=True),
            Column("district", max_length=100),
            Column("notes", free_text=True),
        ),
        id_column="entity_id",
    ),
    FileSpec(
        "links.csv",
        "mapping.Link",
        (
            _id("link_id"),
            Column("from_ref", REF, required=True, max_length=80),
            Column("to_ref", REF, required=True, max_length=80),
            Column(
                "relation",
                WORD,
                required=True,
                words=(
                    "associate",
                    "sibling",
                    "seen_with",
                    "missing_with",
                    "found_at",
                    "frequents",
                    "lives_at",
                    "exploiter",
                    "other",
                ),
            ),
            Column("first_seen", DATE),
            Column("last_seen", DATE),
            Column("source", WORD, words=("intelligence", "rhi", "police", "meeting", "other")),
            Column("grading", max_length=10),
        ),
        id_column="link_id",
        refs={"from_ref": "ref", "to_ref": "ref"},
    ),
    FileSpec(
        "intelligence.csv",
        "mapping.Intelligence",
        (
            _id("intel_id"),
            Column("received_on", DATE),
            Column("agency", max_length=50),
            Column("form", WORD, words=("cpi", "other")),
            Column("summary", free_text=True),
            Column("refs", REFS),
        ),
        id_column="intel_id",
    ),
    FileSpec(
        "nrm_referrals.csv",
        "nrm.NrmReferral",
        (
            _id("nrm_id"),
            _child(),
            Column("referred_on", DATE, required=True),
            Column("exploitation_types", LIST, words=EXPLOITATION),
            Column("rg_decision", WORD, words=NRM_DECISIONS),
            Column("rg_on", DATE),
            Column("cg_decision", WORD, words=NRM_DECISIONS),
            Column("cg_on", DATE),
            Column("decision_body", WORD, words=("home_office", "devolved_panel")),
        ),
        id_column="nrm_id",
        refs={"child_id": "child"},
    ),
    FileSpec(
        "disruptions.csv",
        "mapping.Disruption",
        (
            _id("disruption_id"),
            Column("on", DATE),
            Column(
                "tactic",
                WORD,
                required=True,
                words=(
                    "cawn",
                    "arrest",
                    "warrant",
                    "gang_injunction",
                    "civil_order",
                    "licensing",
                    "trespass_notice",
                    "other",
                ),
            ),
            Column("target_refs", REFS),
            Column("outcome", free_text=True),
        ),
        id_column="disruption_id",
    ),
    FileSpec(
        "training.csv",
        "activity.TrainingSession",
        (
            _id("session_id"),
            Column("held_on", DATE),
            Column("audience", max_length=100),
            Column("attendees", INTEGER, required=True),
            Column("topic", max_length=200),
        ),
        id_column="session_id",
    ),
)

BY_NAME = {spec.name: spec for spec in FILES}
REQUIRED_FILE = "children.csv"
