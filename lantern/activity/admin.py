"""Admin for training sessions."""

from django.contrib import admin

from lantern.activity.models import TrainingSession


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ("source_id", "held_on", "audience", "attendees", "topic")
    search_fields = ("source_id",)
    readonly_fields = ("created_at", "updated_at", "created_by", "modified_by")
