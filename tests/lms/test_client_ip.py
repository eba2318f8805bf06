"""The learner's address behind nginx: only the entry the trusted proxy wrote counts."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from lms.client_ip import client_ip
from tests.factories import DEFAULT_PASSWORD, UserFactory

SIGNIN = "/th/accounts/sign-in/"
NGINX = "127.0.0.1"


def ip(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_the_header_is_ignored():
    assert ip("203.0.113.7", "10.0.0.1") == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_trusts_only_the_entry_it_appended():
    assert ip(NGINX, "203.0.113.7") == "203.0.113.7"
    # A client that sends its own X-Forwarded-For cannot choose its address: nginx appends the real one.
    assert ip(NGINX, "10.9.9.9, 203.0.113.7") == "203.0.113.7"
    assert ip(NGINX, "not-an-address") == NGINX
    assert ip(NGINX) == NGINX


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_entry_from_the_right():
    assert ip(NGINX, "10.9.9.9, 203.0.113.7, 192.0.2.1") == "203.0.113.7"
    assert ip(NGINX, "192.0.2.1") == NGINX


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_locked_address_behind_the_proxy_does_not_lock_another_centre(client, db):
    UserFactory(username="somsak")
    centre_a = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(5):
        client.post(SIGNIN, {"username": "somsak", "password": "wrong-password"}, **centre_a)
    assert client.post(SIGNIN, {"username": "somsak", "password": DEFAULT_PASSWORD}, **centre_a).status_code == 429
    spoofed = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.2, 203.0.113.7"}
    assert client.post(SIGNIN, {"username": "somsak", "password": DEFAULT_PASSWORD}, **spoofed).status_code == 429
    centre_b = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.post(SIGNIN, {"username": "somsak", "password": DEFAULT_PASSWORD}, **centre_b).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, CERTIFICATES_VERIFY_RATE="3/m")
def test_verification_rate_limit_counts_per_forwarded_address(client):
    cache.clear()
    a = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    b = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    statuses = [client.get("/th/verify/ABCD-EFGH-JK22/", **a).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    assert client.get("/th/verify/ABCD-EFGH-JK22/", **b).status_code == 404
