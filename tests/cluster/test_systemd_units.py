"""The systemd units in deploy/systemd, checked by systemd's own parser (``systemd-analyze verify``).

This machine does not boot with systemd (PID 1 is not systemd), so the units cannot be started here; verify loads
them as systemd would: every key known, every section right, instance names expanded, every command executable.
It runs against a scratch root holding the layout the units expect (/srv/lms, /etc/lms/lms.env) and this
machine's systemd unit library."""

import shutil
import subprocess
from pathlib import Path

import pytest

from bench._server import ROOT

UNITS = ROOT / "deploy" / "systemd"
INSTANCES = ["lms-app@8000.service", "lms-app@8001.service", "lms-worker@1.service", "lms-worker@2.service"]


@pytest.fixture
def scratch_root(tmp_path):
    """/srv/lms with its virtualenv's gunicorn and python, /etc/lms/lms.env and the units in /etc/systemd/system."""
    if not shutil.which("systemd-analyze") or not Path("/usr/lib/systemd/system").is_dir():
        pytest.skip("needs Debian's systemd (systemd-analyze)")
    root = tmp_path / "root"
    bin_dir = root / "srv" / "lms" / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("gunicorn", "python"):
        (bin_dir / name).write_text("#!/bin/sh\n")
        (bin_dir / name).chmod(0o755)
    (root / "srv" / "lms-media").mkdir()
    (root / "etc" / "lms").mkdir(parents=True)
    (root / "etc" / "lms" / "lms.env").write_text((ROOT / "deploy" / "lms.env.example").read_text())
    shutil.copytree(UNITS, root / "etc" / "systemd" / "system")
    (root / "usr" / "bin").mkdir(parents=True)
    shutil.copytree("/usr/lib/systemd", root / "usr" / "lib" / "systemd", symlinks=True)
    shutil.copy("/usr/bin/kill", root / "usr" / "bin" / "kill")
    (root / "bin").symlink_to("usr/bin")
    (root / "lib").symlink_to("usr/lib")
    return root


def verify(root, *units):
    return subprocess.run(
        ["systemd-analyze", f"--root={root}", "verify", *units], capture_output=True, text=True, timeout=60
    )


def test_the_app_and_worker_units_pass_systemd_analyze_verify(scratch_root):
    result = verify(scratch_root, *INSTANCES)
    assert result.returncode == 0 and not (result.stdout + result.stderr).strip(), result.stdout + result.stderr


def test_verify_would_report_a_broken_unit(scratch_root):
    """The check above can fail: an unknown key and a missing program are reported."""
    unit = scratch_root / "etc" / "systemd" / "system" / "lms-worker@.service"
    unit.write_text(unit.read_text().replace("Restart=always", "Restart=always\nRestartSecs=2"))
    (scratch_root / "srv" / "lms" / ".venv" / "bin" / "python").unlink()
    result = verify(scratch_root, "lms-worker@1.service")
    output = result.stdout + result.stderr
    assert "Unknown key" in output and "RestartSecs" in output
    assert "/srv/lms/.venv/bin/python" in output and result.returncode != 0
