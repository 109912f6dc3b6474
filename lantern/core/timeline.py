"""One entry on a child's timeline; each domain app makes its own (`timeline_entries`)."""

from dataclasses import dataclass
from datetime import date, datetime

from lantern.core.ukdate import aware_to_local

# The kinds of entry, in the order the child page's filter offers them.
TIMELINE_KINDS = {
    "referral": "Referral",
    "case": "Case",
    "assessment": "Risk assessment",
    "screening": "Screening",
    "episode": "Missing episode",
    "interview": "Return interview",
    "meeting": "Meeting",
    "action": "Action",
    "nrm": "NRM referral",
    "direct_work": "Direct work",
    "onward_referral": "Onward referral",
    "plan": "Plan",
    "outcome": "Outcome",
    "link": "Network link",
    "intelligence": "Intelligence",
}


@dataclass
class TimelineItem:
    kind: str
    on: date | datetime | None
    title: str
    detail: str = ""
    section: str = "timeline"

    @property
    def kind_label(self) -> str:
        return TIMELINE_KINDS[self.kind]

    @property
    def sort_key(self) -> tuple:
        """UK calendar day, then UK time of day; undated entries sort oldest."""
        if self.on is None:
            return (date.min, "")
        if isinstance(self.on, datetime):
            local = aware_to_local(self.on)
            return (local.date(), local.time().isoformat())
        return (self.on, "")


# Dataset words whose plain English is more than the word with its underscores taken out.
DATASET_WORDS = {
    "cse": "child sexual exploitation",
    "cce": "child criminal exploitation",
    "cse_and_cce": "both sexual and criminal exploitation",
    "cpi": "community partnership information (CPI) form",
    "neet": "not in education, employment or training",
    "face_to_face": "face to face",
    "parent_carer": "parent or carer",
    "rhi": "return interview",
    "yjs": "youth justice service",
    "mash": "MASH",
    "online_account": "online account",
    "education_reengaged": "back in education",
    "home_office": "Home Office",
    "s17": "section 17 (child in need)",
    "s47": "section 47 (child protection)",
    "cin": "child in need",
    "cp": "child protection",
    "cla": "looked after",
}


def words(code: str) -> str:
    """A dataset word as plain English: `parent_carer` reads "parent or carer", `neet` reads
    "not in education, employment or training"."""
    code = code or ""
    return DATASET_WORDS.get(code.strip().lower(), code.replace("_", " "))
