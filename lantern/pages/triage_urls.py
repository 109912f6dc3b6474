from django.urls import path

from lantern.pages import triage

app_name = "triage"
urlpatterns = [
    path("", triage.agenda, name="agenda"),
    path("<uuid:meeting_id>/minutes/", triage.minutes, name="minutes"),
    path("<uuid:meeting_id>/minutes.docx", triage.minutes_word, name="minutes_word"),
]
