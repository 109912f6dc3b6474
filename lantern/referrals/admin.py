"""Admin for referrals: ids, dates and words only in lists."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.referrals.models import Referral


@admin.register(Referral)
class ReferralAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "received_on", "route", "source", "decision")
    list_filter = ("route", "decision")
    search_fields = ("source_id",)
    raw_id_fields = ("child", "case")
    readonly_fields = ("created_at", "updated_at", "created_by", "modified_by")
