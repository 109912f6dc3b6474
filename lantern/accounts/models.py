"""Users, teams and roles (access.md)."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from lantern.core.fields import ListField


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    COORDINATOR = "coordinator", "Co-ordinator"
    MANAGER = "manager", "Manager"
    PARTNER = "partner", "Partner"
    ANALYST = "analyst", "Analyst"
    AUDITOR = "auditor", "Auditor"
    ADMIN = "admin", "Administrator"


class Agency(models.TextChoices):
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    YJS = "yjs", "Youth justice"
    VOLUNTARY = "voluntary", "Voluntary sector"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Other"


class Team(models.Model):
    """A team covers one or more districts; practitioners see the children of their districts."""

    name = models.CharField(max_length=100, unique=True)
    districts = ListField(blank=True, help_text="Districts separated by ;")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    agency = models.CharField(max_length=20, choices=Agency.choices, default=Agency.SOCIAL_CARE)
    district = models.CharField(
        max_length=100, blank=True, help_text="For partners: the district they work in"
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sees_all_children(self) -> bool:
        return self.role in {Role.COORDINATOR, Role.MANAGER}
