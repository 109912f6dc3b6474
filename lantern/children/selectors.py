"""Reads of child records, always through the access rules (docs/access-rules.md).

No view fetches a child directly: `access_child_by_id` answers the same (404) whether the
child is absent or outside the user's scope, so nobody can probe for records.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, Func, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Length
from django.http import Http404
from django.utils import timezone
from rapidfuzz import fuzz

from lantern.accounts.models import Role
from lantern.children.models import (
    Allocation,
    BreakGlass,
    Child,
    ChildShare,
    CoverAllocation,
    PlacingAuthority,
)
from lantern.core.queries import in_district
from lantern.core.ukdate import parse_uk_date, years_before

# Session key holding the ids of restricted children opened by breaking the glass.
BREAK_GLASS_SESSION_KEY = "break_glass_children"

# Typo-tolerant search: at most this many candidates are scored in Python, and a
# candidate needs at least this similarity (0-100) to count as a match.
FUZZY_CANDIDATE_CAP = 2000
FUZZY_MIN_SCORE = 75


class RestrictedRecord(PermissionDenied):
    """The child is in the user's scope but restricted, and the user is not allocated."""

    def __init__(self, child: Child):
        super().__init__("This record is restricted.")
        self.child = child


SHARE_REVIEW_WITHIN_DAYS = 14  # shares whose review falls within this many days are listed


def shares_in_force(today: date) -> QuerySet:
    """Shares not ended early and not past their end date (the end date itself counts)."""
    return ChildShare.objects.filter(ended_on__isnull=True).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def shares_of(child: Child) -> list:
    """Every share of the child, newest first, with who made and ended it."""
    return list(child.shares.select_related("shared_by", "ended_by"))


def shares_due_for_review(today: date) -> QuerySet:
    """Shares in force whose review date is within 14 days or past, soonest first."""
    return (
        shares_in_force(today)
        .filter(review_on__lte=today + timedelta(days=SHARE_REVIEW_WITHIN_DAYS))
        .select_related("child", "shared_by")
        .order_by("review_on", "pk")
    )


def _no_children() -> QuerySet:
    return Child.objects.none()


def _allocated_q(user) -> Q:
    """Children with an open case allocated to the user, by account or by recorded name."""
    held = Allocation.objects.filter(child=OuterRef("pk"))
    by_account = Q(Exists(held.filter(user=user))) | _covering_q(user)
    name = user.get_full_name().strip()
    if not name:
        return by_account
    return by_account | Q(Exists(held.filter(worker__iexact=name)))


def _covering_q(user, today: date | None = None) -> Q:
    """Children of open cases of a worker the user covers for today (absence cover, from
    and to dates inclusive, UK dates): the cover gives an allocated worker's access."""
    today = today or timezone.localdate()
    covered = CoverAllocation.objects.filter(
        child=OuterRef("pk"), user=user, from_on__lte=today, to_on__gte=today
    )
    return Q(Exists(covered))


def _scope_q(user) -> Q | None:
    """Children the user may know of, restricted or not; None means none at all."""
    if user.role in (Role.COORDINATOR, Role.MANAGER):
        return Q()
    if user.role == Role.PRACTITIONER:
        districts = list(user.team.districts) if user.team_id else []
        return Q(district__in=districts) if districts else None
    if user.role == Role.PARTNER:
        if not user.district:
            return None
        shares = shares_in_force(timezone.localdate()).filter(
            child=OuterRef("pk"), agency=user.agency
        )
        in_district = shares.filter(district=user.district)
        child_in_district = shares.filter(district="")
        return Q(Exists(in_district)) | (Q(Exists(child_in_district)) & Q(district=user.district))
    return None


def child_list_visible_to(user) -> QuerySet:
    """Children the user may open: coordinators and managers all; practitioners their team's
    districts; partners what is shared with their agency in their district. Restricted
    children only when allocated to the user (or for coordinators and managers)."""
    if not getattr(user, "is_authenticated", False):
        return _no_children()
    scope = _scope_q(user)
    if scope is None:
        return _no_children()
    # A record merged into another is not listed: its survivor is (docs/casework.md).
    children = Child.objects.filter(scope, merged_into__isnull=True)
    if user.sees_all_children:
        return children
    return children.filter(Q(restricted=False) | _allocated_q(user))


def child_is_allocated_to(user, child: Child) -> bool:
    return Child.objects.filter(pk=child.pk).filter(_allocated_q(user)).exists()


def access_child_by_id(user, child_id, *, session=None, allow_restricted: bool = False) -> Child:
    """The child if the user may see it; Http404 if absent or out of scope (the same answer).

    A restricted child in scope that the user is not allocated raises `RestrictedRecord`
    (403) unless the glass was broken in this session, or `allow_restricted` (used only by
    the page that shows that the record is restricted).
    """
    try:
        key = uuid.UUID(str(child_id))
    except ValueError:
        raise Http404("No such child") from None
    scope = _scope_q(user) if getattr(user, "is_authenticated", False) else None
    if scope is None:
        raise Http404("No such child")
    child = Child.objects.filter(scope, pk=key).first()
    if child is None:
        raise Http404("No such child")
    if not child.restricted or user.sees_all_children or allow_restricted:
        return child
    if session is not None and str(child.pk) in session.get(BREAK_GLASS_SESSION_KEY, []):
        return child
    if child_is_allocated_to(user, child):
        return child
    raise RestrictedRecord(child)


def child_is_sealed_for(user, child: Child, *, session=None) -> bool:
    """True when the user sees only that the record is restricted."""
    try:
        access_child_by_id(user, child.pk, session=session)
    except RestrictedRecord:
        return True
    return False


# --- Search -------------------------------------------------------------------------


@dataclass
class ChildSearch:
    """What was asked: the kinds of search text (never the text itself) and the filters."""

    q: str = ""
    district: str = ""
    legal_status: str = ""
    risk_level: str = ""
    ola: str = ""  # "yes" / "no" / ""
    uasc: str = ""
    open_missing: str = ""
    kinds: list[str] = field(default_factory=list)

    def filters_for_audit(self) -> dict:
        """Filters are safe to log; search text could hold a name, so only its kind is."""
        return {
            k: v
            for k, v in {
                "district": self.district,
                "legal_status": self.legal_status,
                "risk_level": self.risk_level,
                "ola": self.ola,
                "uasc": self.uasc,
                "open_missing": self.open_missing,
            }.items()
            if v
        }


def _fuzzy_name_ids(candidates: QuerySet, text: str) -> list:
    """Typo tolerance: score a capped candidate set (narrowed in SQL by first letters)."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return []
    narrow = Q()
    for w in words:
        narrow |= Q(first_name__istartswith=w[0]) | Q(last_name__istartswith=w[0])
    rows = list(candidates.filter(narrow).values_list("pk", "search_name")[:FUZZY_CANDIDATE_CAP])
    return [pk for pk, name in rows if name_matches_loosely(words, name.split())]


def name_matches_loosely(words: list[str], name_words: list[str]) -> bool:
    """Every typed word is close to some word of the name, or to its beginning
    ("chld" matches "Child", "jonh" matches "John", "sam" matches "Samantha")."""
    for w in words:
        best = 0.0
        for n in name_words:
            best = max(best, fuzz.ratio(w, n), fuzz.ratio(w, n[: len(w)]) if len(w) >= 3 else 0)
        if best < FUZZY_MIN_SCORE:
            return False
    return True


def _without_trailing_number(field: str) -> Func:
    return Func(F(field), Value("0123456789"), function="RTRIM")


# Names in the order a person reads them: "Sample2" before "Sample10" (the number at the end
# of a name sorts by its size: the name without it, then the shorter first, then the text).
# Plain SQL on SQLite and PostgreSQL alike, so the list stays one paginated query.
NATURAL_NAME_ORDER = (
    _without_trailing_number("last_name"),
    Length("last_name"),
    "last_name",
    _without_trailing_number("first_name"),
    Length("first_name"),
    "first_name",
    "source_id",
)


def in_name_order(children: QuerySet) -> QuerySet:
    """Children sorted naturally by last name, then first name, then reference."""
    return children.order_by(*NATURAL_NAME_ORDER)


def child_search(user, search: ChildSearch) -> QuerySet:
    """Children visible to the user matching the search text (name, reference or date of
    birth) and the filters held on the child record. Partial names match anywhere in the
    name; typos are forgiven. (The risk level and open-episode filters belong to their own
    apps and are applied by the children list page, `lantern.pages`.)"""
    children = child_list_visible_to(user)
    text = " ".join(search.q.split())
    search.kinds = []
    if text:
        dob = parse_uk_date(text)
        if dob is not None:
            search.kinds.append("date_of_birth")
            children = children.filter(date_of_birth=dob)
        else:
            words = text.lower().split()
            name_q = Q()
            for w in words:
                name_q &= Q(search_name__icontains=w)
            reference_q = Q(source_id__iexact=text) | Q(source_id__istartswith=text)
            district_q = Q(district__iexact=text)
            fuzzy_ids = _fuzzy_name_ids(children, text)
            search.kinds.extend(["name", "reference", "district"])
            children = children.filter(name_q | reference_q | district_q | Q(pk__in=fuzzy_ids))
    if search.district:
        children = children.filter(district=search.district)
    if search.legal_status:
        children = children.filter(legal_status=search.legal_status)
    if search.ola == "yes":
        children = children.exclude(placing_authority="")
    elif search.ola == "no":
        children = children.filter(placing_authority="")
    if search.uasc == "yes":
        children = children.filter(uasc=True)
    elif search.uasc == "no":
        children = children.filter(uasc=False)
    return in_name_order(children)


def district_choices(user) -> list[str]:
    return list(
        child_list_visible_to(user)
        .exclude(district="")
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


def break_glass_to_review() -> QuerySet:
    """Break-glass events a manager has not yet looked at, newest first."""
    return BreakGlass.objects.filter(acknowledged_by__isnull=True).select_related("child", "user")


def children_allocated_to(user) -> QuerySet:
    """A practitioner's own caseload: children with an open case allocated to them."""
    return child_list_visible_to(user).filter(_allocated_q(user))


def children_by_id(child_ids) -> dict:
    """Reference and name of each child named (e.g. on a page of audit entries), in one query."""
    ids = {c for c in child_ids if c}
    if not ids:
        return {}
    return {
        c.pk: c
        for c in Child.objects.filter(pk__in=ids).only("pk", "source_id", "first_name", "last_name")
    }


def child_id_for_reference(reference: str):
    """The id of the child with this reference (any case), or None."""
    return (
        Child.objects.filter(source_id__iexact=reference.strip())
        .values_list("pk", flat=True)
        .first()
    )


# --- Rules about children that every domain's counting uses --------------------------------


def not_ola(prefix: str = "child__") -> Q:
    """Children placed here by another authority (OLA) are left out of missing figures."""
    return Q(**{f"{prefix}placing_authority": ""})


def under_18_born_after(as_of: date) -> date:
    """Children born after this date are under 18 on `as_of` (29 February counts as 28th)."""
    if as_of.year <= 18:
        return date.min
    return years_before(as_of, 18)


def uasc_arrivals_in_period(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Unaccompanied asylum seeking children who arrived in the period."""
    return in_district(
        Child.objects.filter(uasc_arrived_on__gte=date_from, uasc_arrived_on__lte=date_to),
        district,
        "",
    )


def workers_by_child(child_ids) -> dict:
    """Who holds each of these children (open cases: account name, else recorded worker), in
    one query: {child id: ["Sam Worker", ...]}."""
    held: dict = {}
    rows = Allocation.objects.filter(child_id__in=list(child_ids)).select_related("user")
    for row in rows.order_by("child_id", "worker"):
        name = str(row.user) if row.user_id else row.worker
        if name and name not in held.setdefault(row.child_id, []):
            held[row.child_id].append(name)
    return held


# --- Placing authorities (children placed here by another authority) ---------------------


def placing_authority_key(name: str) -> str:
    """Authority names compared as typed: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def placing_authority_named(name: str) -> PlacingAuthority | None:
    """The contact recorded for the authority a child's `placing_authority` names, if any."""
    key = placing_authority_key(name)
    if not key:
        return None
    for authority in PlacingAuthority.objects.all():  # a short list, matched as typed
        if placing_authority_key(authority.name) == key:
            return authority
    return None


def placing_authorities_with_children() -> list[PlacingAuthority]:
    """Every recorded authority with `children_placed`, how many children name it; one
    query for the authorities and one for the counts."""
    counts: dict[str, int] = {}
    for name, n in (
        Child.objects.exclude(placing_authority="")
        .values_list("placing_authority")
        .annotate(n=Count("pk"))
        .values_list("placing_authority", "n")
    ):
        key = placing_authority_key(name)
        counts[key] = counts.get(key, 0) + n
    authorities = list(PlacingAuthority.objects.order_by("name"))
    for a in authorities:
        a.children_placed = counts.get(placing_authority_key(a.name), 0)
    return authorities


def merges_of(child: Child) -> list:
    """Merges into this child still in force (so they can be undone), newest first."""
    return list(child.merges.filter(undone_at__isnull=True).select_related("merged", "merged_by"))


def possible_duplicates(user, child: Child, limit: int = 10) -> list:
    """Other records the user may see with the same date of birth and a similar name."""
    same_day = child_list_visible_to(user).filter(date_of_birth=child.date_of_birth)
    words = child.search_name.split()
    found = []
    for other in same_day.exclude(pk=child.pk).order_by("source_id")[:FUZZY_CANDIDATE_CAP]:
        if (
            not words
            or name_matches_loosely(words, other.search_name.split())
            or (name_matches_loosely(other.search_name.split(), words))
        ):
            found.append(other)
        if len(found) >= limit:
            break
    return found
