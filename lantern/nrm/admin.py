"""Admin for NRM referrals."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.nrm.models import NrmReferral


@admin.register(NrmReferral)
class NrmReferralAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "referred_on", "rg_decision", "cg_decision")
    list_filter = ("rg_decision", "cg_decision", "decision_body")
    search_fields = ("source_id",)
    raw_id_fields = ("child",)
    readonly_fields = ("created_at", "updated_at", "created_by", "modified_by")
