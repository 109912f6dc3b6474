from django.urls import path

from lantern.pages import missing_together

app_name = "together"
urlpatterns = [
    path("", missing_together.together_list, name="list"),
    path("link/", missing_together.together_link, name="link"),
]
