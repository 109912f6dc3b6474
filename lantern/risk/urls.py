from django.urls import path

from lantern.risk import views

app_name = "risk"
urlpatterns = [
    path("children/<uuid:child_id>/new/", views.assessment_choose, name="choose"),
    path("children/<uuid:child_id>/new/<slug:code>/", views.assessment_new, name="new"),
    path("assessments/<uuid:assessment_id>/", views.assessment_detail, name="detail"),
    path("assessments/<uuid:assessment_id>/decide/", views.assessment_decide, name="decide"),
    path("approvals/", views.overrides_waiting, name="approvals"),
    path("police-grading/", views.police_grading_list, name="police_grading"),
    path(
        "police-grading/send/<uuid:child_id>/",
        views.police_grading_send,
        name="police_grading_send",
    ),
    path(
        "police-grading/<int:grading_id>/grade/",
        views.police_grading_grade,
        name="police_grading_grade",
    ),
    path(
        "police-grading/<int:grading_id>/allocate/",
        views.police_grading_allocate,
        name="police_grading_allocate",
    ),
    path("tools/", views.tool_list, name="tools"),
    path("tools/<slug:code>/", views.tool_edit, name="tool_edit"),
]
