"""Factories shared by the test suite. Each app adds its own below its heading."""

import factory
from django.contrib.auth import get_user_model

from learners.models import Centre, Membership

DEFAULT_PASSWORD = "a-good-test-passw0rd"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"CDC-T-{n:04d}")
    name_th = factory.Sequence(lambda n: f"ศูนย์ดิจิทัลชุมชนทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Community Digital Centre {n}")
    kind = Centre.Kind.TEMPLE
    province = "เชียงใหม่"
    district = "เมืองเชียงใหม่"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    display_name = factory.Sequence(lambda n: f"สมหญิง ทดสอบ{n}")
    home_centre = factory.SubFactory(CentreFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    role = Membership.Role.LEARNER
