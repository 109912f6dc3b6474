"""A partner's referral: a child record made from what they typed, and the referral."""

from django.db import transaction
from django.utils import timezone

from lantern.children.services import child_create
from lantern.referrals.models import Route, Source
from lantern.referrals.services import referral_create

# The referral's source word (dataset.md) for each partner agency.
SOURCE_FOR_AGENCY = {
    "police": Source.POLICE,
    "health": Source.HEALTH,
    "education": Source.SCHOOL,
    "yjs": Source.YJS,
}


@transaction.atomic
def partner_referral_submit(
    *, by, first_name, last_name, date_of_birth, gender, district, concern, request=None
):
    """The child is recorded from the partner's words (a new LAN- record: a co-ordinator
    merges it with an existing record of the same child), then the referral, received
    today, route "other", source the partner's agency. The partner sees only the referral."""
    child = child_create(
        by=by,
        request=request,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        gender=gender,
        district=district,
    )
    return referral_create(
        child=child,
        by=by,
        received_on=timezone.localdate(),
        route=Route.OTHER,
        source=SOURCE_FOR_AGENCY.get(by.agency, Source.OTHER),
        concern=concern,
        submitted_by_partner=True,
        request=request,
    )
