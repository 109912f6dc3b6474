from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "lantern.mapping"
    label = "mapping"
