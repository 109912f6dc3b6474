"""People and places named in a return interview, put on the child's network for mapping:
find an existing entity or add a new one, and link it to the child (a flow across missing
and mapping, so it lives here and `missing` never imports `mapping`).

Names typed in are posted, never put in the address; the interview's own text is shown to
the worker but never copied into the entity or the link (docs/missing.md)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.children.selectors import RestrictedRecord, access_child_by_id
from lantern.children.views import restricted_page
from lantern.core.ukdate import uk_date
from lantern.mapping.selectors import entity_search, links_from_return_interviews
from lantern.missing.models import ReturnInterview
from lantern.pages.flows import interview_day, link_interview_to_mapping
from lantern.pages.forms import EntitySearchForm, LinkExistingForm, NewEntityForm


def _interview_or_page(request, interview_id):
    interview = ReturnInterview.objects.filter(pk=interview_id).prefetch_related("episodes").first()
    if interview is None:
        raise Http404("No such interview")
    try:
        child = access_child_by_id(request.user, interview.child_id, session=request.session)
    except RestrictedRecord as sealed:
        return None, restricted_page(request, sealed.child)
    interview.child = child
    return interview, None


def _done(request, result) -> None:
    name = result.entity.label or result.entity.source_id
    if result.link is None:
        messages.info(request, f"{name} was already linked to the child that way.")
    else:
        added = " (added to mapping)" if result.entity_created else ""
        messages.success(
            request,
            f"Linked {name}{added} to the child as {result.link.get_relation_display().lower()}.",
        )


@allow(SERVICE_ROLES)
def interview_people_and_places(request, interview_id):
    """The interview's people and places: those already on the child's network from
    return interviews, a search of mapping's entities to link one, and a form to add a new
    person or place. Each post either searches (the page again, with the results) or
    links and comes back here."""
    interview, page = _interview_or_page(request, interview_id)
    if page:
        return page
    child = interview.child
    posted = request.POST if request.method == "POST" else None
    action = posted.get("action", "") if posted else ""
    search = EntitySearchForm(posted if action in ("search", "link") else None, prefix="search")
    found_total, found = 0, []
    if search.is_bound and search.is_valid():
        found_total, found = entity_search(search.cleaned_data["q"])
    existing = LinkExistingForm(
        posted if action == "link" else None, entities=found, prefix="existing"
    )
    new = NewEntityForm(posted if action == "add" else None, prefix="new")
    if action == "link" and existing.is_valid():
        data = existing.cleaned_data
        result = link_interview_to_mapping(
            by=request.user,
            interview=interview,
            entity=data["entity"],
            relation=data["relation"],
            grading=data["grading"],
            request=request,
        )
        _done(request, result)
        return redirect("interview_mapping:page", interview_id=interview.pk)
    if action == "add" and new.is_valid():
        data = new.cleaned_data
        result = link_interview_to_mapping(
            by=request.user,
            interview=interview,
            new_entity={k: data[k] for k in ("kind", "label", "district")},
            relation=data["relation"],
            grading=data["grading"],
            request=request,
        )
        _done(request, result)
        return redirect("interview_mapping:page", interview_id=interview.pk)
    failed = next((f for f in (existing, new) if f.is_bound and f.errors), None)
    if failed is None and search.is_bound and search.errors:
        failed = search
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="interview_mapping",
        object_id=interview.pk,
        child=child,
        detail={"searched": search.is_bound},
    )
    linked = links_from_return_interviews(child)
    return render(
        request,
        "missing/interview_mapping.html",
        {
            "interview": interview,
            "child": child,
            "day": uk_date(interview_day(interview)),
            "episodes": list(interview.episodes.all()),
            "linked": [
                {"link": link, "entity": entity, "name": entity.label or entity.source_id}
                for link, entity in linked
            ],
            "search": search,
            "searched": search.is_bound and search.is_valid(),
            "found_total": found_total,
            "found": found,
            "existing": existing,
            "new": new,
            "failed": failed,
        },
    )
