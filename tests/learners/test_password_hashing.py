"""Passwords are stored with Argon2id at OWASP's minimum cost; older hashes are upgraded when their owner signs in."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
from django.test import override_settings

from lms.settings.base import PASSWORD_HASHERS
from tests.factories import DEFAULT_PASSWORD, UserFactory

ARGON2_OWASP_PREFIX = "argon2$argon2id$v=19$m=19456,t=2,p=1$"

pytestmark = pytest.mark.django_db


@override_settings(PASSWORD_HASHERS=PASSWORD_HASHERS)
def test_a_new_password_is_stored_as_argon2id_at_owasp_minimum_cost():
    user = UserFactory()
    user.set_password("ช้างน้ำ-2569")
    user.save()
    user.refresh_from_db()
    assert user.password.startswith(ARGON2_OWASP_PREFIX)
    assert user.check_password("ช้างน้ำ-2569")
    assert not user.check_password("ช้างน้ำ-2568")


@override_settings(PASSWORD_HASHERS=PASSWORD_HASHERS)
def test_an_old_pbkdf2_hash_is_upgraded_at_the_next_sign_in(client):
    user = UserFactory()
    old = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, "oldsalt1234567890", iterations=1000)
    type(user).objects.filter(pk=user.pk).update(password=old)

    response = client.post("/th/accounts/sign-in/", {"username": user.username, "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(ARGON2_OWASP_PREFIX)
    assert check_password(DEFAULT_PASSWORD, user.password)


@override_settings(PASSWORD_HASHERS=PASSWORD_HASHERS)
def test_a_wrong_password_leaves_the_old_hash_alone(client):
    user = UserFactory()
    old = PBKDF2PasswordHasher().encode(DEFAULT_PASSWORD, "oldsalt1234567890", iterations=1000)
    type(user).objects.filter(pk=user.pk).update(password=old)

    response = client.post("/th/accounts/sign-in/", {"username": user.username, "password": "not-the-password"})

    assert response.status_code == 200 and "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.password == old
