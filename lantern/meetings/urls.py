"""The meetings pages, under /meetings/ (`meetings:` names)."""

from django.urls import path

from lantern.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("<uuid:meeting_id>/", views.meeting_detail, name="detail"),
    path("<uuid:meeting_id>/edit/", views.meeting_edit, name="edit"),
    path("<uuid:meeting_id>/children/", views.meeting_children_add, name="children_add"),
    path("<uuid:meeting_id>/actions/new/", views.action_new, name="action_new"),
]
