"""The actions worklist, under /actions/ (`actions:` names)."""

from django.urls import path

from lantern.meetings import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="list"),
    path("<uuid:action_id>/edit/", views.action_edit, name="edit"),
    path("<uuid:action_id>/done/", views.action_done, name="done"),
    path("<uuid:action_id>/reopen/", views.action_undone, name="reopen"),
]
