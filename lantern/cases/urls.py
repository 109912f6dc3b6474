from django.urls import path

from lantern.cases import views

app_name = "cases"
urlpatterns = [
    path("mine/", views.my_cases, name="mine"),
    path("cover/", views.cover_list, name="cover"),
    path("cover/<int:cover_id>/end/", views.cover_end_view, name="cover_end"),
    path("team/", views.team_view, name="team"),
    path("approvals/", views.approvals, name="approvals"),
    path("<uuid:case_id>/", views.case_detail, name="detail"),
    path("<uuid:case_id>/allocate/", views.case_allocate_view, name="allocate"),
    path("<uuid:case_id>/close/", views.case_close_view, name="close"),
    path("<uuid:case_id>/closure/", views.closure_decide_view, name="closure_decide"),
    path(
        "children/<uuid:child_id>/direct-work/new/", views.direct_work_new, name="direct_work_new"
    ),
    path("direct-work/<uuid:record_id>/", views.direct_work_edit, name="direct_work_edit"),
    path("children/<uuid:child_id>/onward-referrals/new/", views.onward_new, name="onward_new"),
    path("onward-referrals/<uuid:record_id>/", views.onward_edit, name="onward_edit"),
    path("children/<uuid:child_id>/plans/new/", views.plan_new, name="plan_new"),
    path("plans/<uuid:record_id>/", views.plan_edit, name="plan_edit"),
    path("outcomes/", views.outcome_kinds, name="outcome_kinds"),
    path("outcomes/<int:kind_id>/in-use/", views.outcome_kind_toggle, name="outcome_kind_toggle"),
]
