"""The one list of Debian packages: `make test`, `make demo` and CI read it through tools/debian-packages."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "debian-packages"


def listed(purpose):
    """Packages debian-packages.txt gives for a purpose, read here independently of the script."""
    packages = []
    for line in (ROOT / "debian-packages.txt").read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and fields[0] == purpose and fields[1] not in packages:
            packages.append(fields[1])
    return packages


def dry_run(target):
    """`make -n` as a fresh shell runs it, even when the suite itself runs under `make test`."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    out = subprocess.run(
        ["make", "--no-print-directory", "-n", target], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return out.splitlines()


@pytest.mark.parametrize("target", ["test", "demo"])
def test_make_checks_the_list_before_anything_else(target):
    lines = dry_run(target)
    assert lines[0] == f"tools/debian-packages {target}"


@pytest.mark.parametrize("purpose", ["demo", "test", "ci"])
def test_script_reads_the_same_list(purpose):
    out = subprocess.run([SCRIPT, "--list", purpose], capture_output=True, text=True, check=True).stdout
    assert out.split() == listed(purpose)
    assert listed(purpose), f"no package listed for {purpose}"


def test_test_packages_are_installed_here():
    """What the browser and PDF tests need is on this machine, because `make test` saw to it."""
    assert "chromium" in listed("test") and "poppler-utils" in listed("test")
    assert subprocess.run([SCRIPT, "test"], capture_output=True, text=True).returncode == 0


def test_ci_uses_the_script_and_make_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "tools/debian-packages ci" in ci
    assert "make test" in ci
    assert "apt-get install" not in ci


def as_plain_user(cmd, env):
    if os.geteuid() != 0:
        return subprocess.run(cmd, capture_output=True, text=True, env=env)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root without setpriv: cannot check the non-root message")
    return subprocess.run(
        [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd], capture_output=True, text=True, env=env
    )


def test_a_plain_user_gets_one_line_naming_the_install_command():
    with tempfile.NamedTemporaryFile("w", suffix=".txt", dir="/tmp", delete=False) as fh:
        fh.write("test  gettext\ntest  no-such-package-cdc-lms  # never installed\n")
    os.chmod(fh.name, 0o644)
    try:
        env = {**os.environ, "PACKAGES_FILE": fh.name}
        result = as_plain_user(["bash", str(SCRIPT), "test"], env)
    finally:
        os.unlink(fh.name)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["Missing Debian packages for 'test'. Run: sudo apt-get install -y no-such-package-cdc-lms"]
