"""Admin for casework: ids, dates and words only in lists (no closure reasons)."""

from django.contrib import admin

from lantern.cases.models import Case, CaseOutcome, DirectWork, OnwardReferral
from lantern.core.admin import CaseDataAdmin

READ_ONLY = ("created_at", "updated_at", "created_by", "modified_by")


@admin.register(Case)
class CaseAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "opened_on", "closed_on", "route", "source")
    list_filter = ("route",)
    search_fields = ("source_id",)
    raw_id_fields = ("child", "allocated_to")
    readonly_fields = READ_ONLY


@admin.register(DirectWork)
class DirectWorkAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "case", "held_on", "with_whom", "setting", "engaged")
    search_fields = ("source_id",)
    raw_id_fields = ("child", "case")
    readonly_fields = READ_ONLY


@admin.register(OnwardReferral)
class OnwardReferralAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "service", "need_identified_on", "referred_on", "outcome")
    search_fields = ("source_id",)
    raw_id_fields = ("child", "case")
    readonly_fields = READ_ONLY


@admin.register(CaseOutcome)
class OutcomeAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "recorded_on", "kind", "achieved")
    search_fields = ("source_id",)
    raw_id_fields = ("child", "case")
    readonly_fields = READ_ONLY
