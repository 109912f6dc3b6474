"""The missing pages, under /missing/ (`missing:` names)."""

from django.urls import path

from lantern.missing import views

app_name = "missing"

urlpatterns = [
    path("now/", views.missing_now, name="now"),
    path("episodes/new/", views.episode_find, name="episode_find"),
    path("children/<uuid:child_id>/episodes/new/", views.episode_new, name="episode_new"),
    path("episodes/<uuid:episode_id>/", views.episode_detail, name="episode"),
    path("episodes/<uuid:episode_id>/return/", views.episode_return, name="episode_return"),
    path("episodes/<uuid:episode_id>/edit/", views.episode_edit, name="episode_edit"),
    path("interviews/", views.interview_list, name="interviews"),
    path("children/<uuid:child_id>/interviews/new/", views.interview_new, name="interview_new"),
    path("triggers/", views.trigger_list, name="triggers"),
    path("quality/", views.data_quality, name="quality"),
    path("placing-authorities/", views.ola_notice_list, name="placing_authority_tasks"),
    path(
        "placing-authorities/<int:notice_id>/told/",
        views.ola_notice_told_view,
        name="placing_authority_told",
    ),
    path(
        "children/<uuid:child_id>/trigger-meeting/",
        views.trigger_meeting_new,
        name="trigger_meeting_new",
    ),
    path("children/<uuid:child_id>/philomena/", views.philomena, name="philomena"),
    path("children/<uuid:child_id>/philomena/edit/", views.philomena_edit, name="philomena_edit"),
    path(
        "children/<uuid:child_id>/philomena/history/",
        views.philomena_history,
        name="philomena_history",
    ),
    path(
        "children/<uuid:child_id>/philomena/photo/<int:number>/",
        views.philomena_photo,
        name="philomena_photo",
    ),
    path("children/<uuid:child_id>/philomena.pdf", views.philomena_pdf, name="philomena_pdf"),
]
