"""Admin for NRM referrals."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.nrm.models import NrmReferral, UascRecord


@admin.register(NrmReferral)
class NrmReferralAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "referred_on", "rg_decision", "cg_decision")
    list_filter = ("rg_decision", "cg_decision", "decision_body")
    search_fields = ("source_id",)
    raw_id_fields = ("child",)
    readonly_fields = ("created_at", "updated_at", "created_by", "modified_by")


@admin.register(UascRecord)
class UascRecordAdmin(CaseDataAdmin):
    list_display = ("child", "arrival_route", "age_outcome", "immigration_status", "from_elsewhere")
    list_filter = ("arrival_route", "age_outcome", "immigration_status", "from_elsewhere")
    search_fields = ("child__source_id",)
    raw_id_fields = ("child",)
    readonly_fields = ("created_at", "updated_at", "modified_by")
