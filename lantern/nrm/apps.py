from django.apps import AppConfig


class NrmConfig(AppConfig):
    name = "lantern.nrm"
    label = "nrm"
