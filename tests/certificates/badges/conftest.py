import pytest

from certificates import services
from certificates.badges import keys


@pytest.fixture(scope="session")
def first_key(tmp_path_factory):
    """One generated key for the session (RSA generation is slow); each test gets its own copy."""
    return keys.generate_key_file(tmp_path_factory.mktemp("first-key")).read_bytes()


@pytest.fixture(autouse=True)
def key_dir(tmp_path_factory, settings, first_key):
    """Each test signs with the key in its own folder, as the demo does after generating it."""
    directory = tmp_path_factory.mktemp("badge-keys")
    (directory / "20260101-000000-000000.pem").write_bytes(first_key)
    settings.BADGES_KEY_DIR = directory
    settings.BADGES_SIGNING_KEY_FILE = ""
    settings.BADGES_SIGNING_KEY = ""
    settings.BADGES_GENERATE_KEY = True
    settings.PUBLIC_BASE_URL = "https://cdc.example.th"
    keys._cache.clear()
    yield directory
    keys._cache.clear()


@pytest.fixture
def certificate(completed_learner, course):
    return services.issue(completed_learner, course)[0]
