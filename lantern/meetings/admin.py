"""Admin for meetings, the children discussed, agencies and actions."""

from django.contrib import admin

from lantern.core.admin import CaseDataAdmin
from lantern.meetings.models import Action, Meeting, MeetingAttendee, MeetingChild

READ_ONLY = ("created_at", "updated_at", "created_by", "modified_by")


class MeetingChildInline(admin.TabularInline):
    model = MeetingChild
    raw_id_fields = ("child",)
    extra = 0


class MeetingAttendeeInline(admin.TabularInline):
    model = MeetingAttendee
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CaseDataAdmin):
    list_display = ("source_id", "type", "held_on", "district")
    list_filter = ("type",)
    search_fields = ("source_id",)
    readonly_fields = READ_ONLY
    inlines = [MeetingChildInline, MeetingAttendeeInline]


@admin.register(Action)
class ActionAdmin(CaseDataAdmin):
    list_display = ("source_id", "meeting", "child", "agency", "due_on", "completed_on")
    search_fields = ("source_id",)
    raw_id_fields = ("meeting", "child")
    readonly_fields = READ_ONLY
