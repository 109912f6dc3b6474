from django.urls import path

from lantern.pages import interview_mapping

app_name = "interview_mapping"
urlpatterns = [
    path("", interview_mapping.interview_people_and_places, name="page"),
]
