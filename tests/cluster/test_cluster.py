"""The production topology on loopback, from the deploy/ files (bench.cluster): nginx in front of two gunicorn
app servers, Redis, a throwaway PostgreSQL cluster and a db_worker. Each test is a fault or a promise a national
operator relies on; the cluster is started once for the module and stopped afterwards."""

import os

import pytest

from bench import cluster as topology

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def cluster():
    need = topology.missing_packages()
    if need:
        pytest.skip("needs Debian packages: " + " ".join(need))
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs once, in the SQLite pass: it starts its own PostgreSQL")
    with topology.Cluster(quiet=True) as running:
        running.prepare(learners=6, search_index=False)  # no check searches
        yield running


@pytest.fixture(scope="module")
def learners(cluster):
    return topology.sign_in_learners(cluster, 6)


def test_nginx_compresses_html_and_caches_hashed_static_files_for_a_year(cluster):
    assert topology.check_compression(cluster)


def test_verification_rate_limit_is_shared_by_both_app_servers(cluster):
    assert topology.check_rate_limit(cluster)


def test_one_address_locked_out_does_not_lock_another_behind_the_proxy(cluster):
    assert topology.check_axes(cluster)


def test_killing_an_app_server_fails_no_page_request_and_doubles_no_row(cluster, learners):
    survived, results = topology.check_kill_app_server(cluster, learners, seconds=8, threads=6)
    assert survived
    assert any(r.action == "mark done" for r in results)
    assert topology.check_rows(cluster, results)


def test_site_serves_and_keeps_sessions_while_redis_is_down(cluster, learners):
    assert topology.check_redis_down(cluster, learners[0])


def test_site_recovers_by_itself_after_a_postgresql_restart(cluster, learners):
    assert topology.check_postgres_restart(cluster, learners[0])
