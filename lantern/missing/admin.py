"""Admin for missing episodes and return interviews (no found locations in lists)."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.missing.models import (
    Episode,
    InterviewEpisode,
    PhilomenaProfile,
    PhilomenaVersion,
    ReturnInterview,
    TriggerMeeting,
)

READ_ONLY = ("created_at", "updated_at", "created_by", "modified_by")


@admin.register(Episode)
class EpisodeAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "started_at", "ended_at", "missing_from", "episode_type")
    list_filter = ("missing_from", "episode_type", "police_risk")
    search_fields = ("source_id",)
    raw_id_fields = ("child",)
    readonly_fields = READ_ONLY


class InterviewEpisodeInline(admin.TabularInline):
    model = InterviewEpisode
    raw_id_fields = ("episode",)
    extra = 0


@admin.register(ReturnInterview)
class ReturnInterviewAdmin(CaseDataAdmin):
    list_display = ("source_id", "child", "offered_at", "outcome", "completed_at", "independent")
    list_filter = ("outcome",)
    search_fields = ("source_id",)
    raw_id_fields = ("child",)
    readonly_fields = READ_ONLY
    inlines = [InterviewEpisodeInline]


@admin.register(TriggerMeeting)
class TriggerMeetingAdmin(CaseDataAdmin):
    list_display = ("child", "triggered_on", "held_on")
    raw_id_fields = ("child", "meeting")


class PhilomenaVersionInline(admin.TabularInline):
    model = PhilomenaVersion
    fields = ("number", "created_at", "created_by")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(PhilomenaProfile)
class PhilomenaProfileAdmin(CaseDataAdmin):
    list_display = ("child", "created_at")
    raw_id_fields = ("child",)
    readonly_fields = ("created_at",)
    inlines = [PhilomenaVersionInline]
