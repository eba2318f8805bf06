"""Centre staff cannot take over a more powerful account: every pair of actor and account, one rule.

Every account below has centre X as its home centre. Staff of X may reset, erase, list and export only
the plain learners; anyone in a group, with a permission of their own, the staff flag, the superuser flag
or a staff / trainer role anywhere is out of their reach. Superusers may manage anyone but themselves.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from learners.models import DeletionRequest, Membership, User
from learners.permissions import can_manage_learner, manageable_learners
from tests.factories import DEFAULT_PASSWORD, CentreFactory, MembershipFactory, UserFactory

PLAIN = {"plain_home", "plain_member"}
TARGETS = [
    "plain_home",  # home centre X, nothing else
    "plain_member",  # no home centre, a learner membership at X
    "group_national",  # "National staff" group only
    "group_centre_staff",  # "Centre staff" group only (so staff of X themselves)
    "group_trainers",  # "Trainers" group only
    "admin_access",  # the Wagtail admin access permission of their own
    "staff_flag",  # is_staff
    "superuser",
    "trainer_role",  # trainer membership at X
    "staff_role_elsewhere",  # staff membership at another centre
]
ACTORS = ["staff_x", "group_staff_x", "staff_y", "learner", "root"]


def access_admin():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def world(db):
    x, y = CentreFactory(code="CDC-X"), CentreFactory(code="CDC-Y")
    people = {}

    def person(name, home=x, **extra):
        people[name] = UserFactory(username=name, display_name=f"name-{name}", home_centre=home, **extra)
        return people[name]

    person("plain_home")
    MembershipFactory(user=person("plain_member", home=None), centre=x)
    person("group_national").groups.add(Group.objects.get(name="National staff"))
    person("group_centre_staff").groups.add(Group.objects.get(name="Centre staff"))
    person("group_trainers").groups.add(Group.objects.get(name="Trainers"))
    person("admin_access").user_permissions.add(access_admin())
    person("staff_flag", is_staff=True)
    person("superuser", is_staff=True, is_superuser=True)
    MembershipFactory(user=person("trainer_role"), centre=x, role=Membership.Role.TRAINER)
    MembershipFactory(user=person("staff_role_elsewhere"), centre=y, role=Membership.Role.STAFF)

    staff_x = person("staff_x")
    MembershipFactory(user=staff_x, centre=x, role=Membership.Role.STAFF)
    staff_x.user_permissions.add(access_admin())
    person("group_staff_x").groups.add(Group.objects.get(name="Centre staff"))
    staff_y = person("staff_y", home=y)
    MembershipFactory(user=staff_y, centre=y, role=Membership.Role.STAFF)
    staff_y.user_permissions.add(access_admin())
    person("learner")
    person("root", home=None, is_staff=True, is_superuser=True)
    return {name: User.objects.get(pk=user.pk) for name, user in people.items()}


def expected(actor, target):
    if actor == "root":
        return True
    return actor in ("staff_x", "group_staff_x") and target in PLAIN


@pytest.mark.parametrize("actor", ACTORS)
def test_the_rule_over_every_pair(world, actor):
    for target in TARGETS:
        assert can_manage_learner(world[actor], world[target]) is expected(actor, target), (actor, target)
    listed = set(manageable_learners(world[actor]).values_list("username", flat=True))
    assert listed & set(TARGETS) == {t for t in TARGETS if expected(actor, t)}, actor
    assert actor not in listed, "nobody manages themselves"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("target", TARGETS)
def test_password_reset_over_every_pair(client, world, actor, target):
    client.force_login(world[actor])
    url = reverse("learners:staff_reset_password", kwargs={"user_id": world[target].pk})
    response = client.post(url)
    allowed = expected(actor, target)
    assert response.status_code == (200 if allowed else 403 if actor == "learner" else 404)
    assert User.objects.get(pk=world[target].pk).check_password(DEFAULT_PASSWORD) is not allowed


@pytest.mark.parametrize("actor", ["staff_x", "group_staff_x", "staff_y"])
@pytest.mark.parametrize("target", TARGETS)
def test_erasure_over_every_pair(client, world, actor, target):
    deletion = DeletionRequest.objects.create(user=world[target], centre=world[target].home_centre)
    client.force_login(world[actor])
    home = client.get(reverse("learners:staff_home")).content.decode()
    url = reverse("learners:staff_confirm_deletion", kwargs={"request_id": deletion.pk})
    response = client.post(url)
    allowed = expected(actor, target)
    assert (url in home) is allowed, "the request is listed only to those who may carry it out"
    assert response.status_code == (302 if allowed else 404)
    assert User.objects.filter(pk=world[target].pk).exists() is not allowed


@pytest.mark.parametrize("actor", ["staff_x", "group_staff_x", "staff_y", "root"])
def test_staff_search_lists_only_manageable_accounts(client, world, actor):
    client.force_login(world[actor])
    html = client.get(reverse("learners:staff_home"), {"q": "name-"}).content.decode()
    for target in TARGETS:
        assert (f"name-{target}<" in html or f"name-{target} " in html) is expected(actor, target), (actor, target)


@pytest.mark.parametrize("actor", ["staff_x", "group_staff_x"])
def test_reports_learner_list_and_export_hold_only_plain_learners(client, world, actor):
    client.force_login(world[actor])
    html = client.get("/admin/centre-reports/learners/", {"centre": "CDC-X"}).content.decode()
    export = client.get("/admin/centre-reports/export/learners.csv", {"centre": "CDC-X"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    exported = {cell for row in rows for cell in row}
    for target in TARGETS:
        shown = target == "plain_home"  # reports count a learner at their home centre
        assert (f"name-{target}" in html) is shown, (actor, target)
        assert (f"name-{target}" in exported) is shown, (actor, target)
    reset = reverse("learners:staff_reset_password", kwargs={"user_id": world["plain_home"].pk})
    assert reset in html
