"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder.

Uses Debian's server binaries (``/usr/lib/postgresql/N/bin``, which ``.ci/run`` installs) or any on
PATH. As root, the cluster runs as the ``postgres`` user (PostgreSQL refuses to run as root).
``OPENNESS_TEST_POSTGRES`` (a ``postgresql://`` URL) uses a server that is already running instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from pathlib import Path


class Unavailable(Exception):
    """Why no PostgreSQL server could be started (the tests skip with this message)."""


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not candidates:
        raise Unavailable("PostgreSQL server binaries (pg_ctl, initdb) not found: apt-get install postgresql")
    return Path(candidates[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A running cluster; :meth:`stop` ends it (only the server this object started)."""

    def __init__(self, root: Path) -> None:
        bin_dir = _bin_dir()
        self.root, self.data, self.port = root, root / "data", _free_port()
        self.pg_ctl = bin_dir / "pg_ctl"
        self._as: list[str] = []
        if os.geteuid() == 0:
            try:
                import pwd

                user = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no 'postgres' user to run PostgreSQL as") from None
            os.chown(root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._run([str(bin_dir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync",
                   "-E", "UTF8"])
        options = f"-p {self.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        self._run([str(self.pg_ctl), "-D", str(self.data), "-l", str(root / "log"), "-o", options, "-w", "-t", "30",
                   "start"])
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, command: list[str]) -> None:
        try:
            subprocess.run([*self._as, *command], check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError) as error:
            output = getattr(error, "stderr", b"") or b""
            raise Unavailable(f"cannot start PostgreSQL: {command[0]}: "
                              f"{output.decode(errors='replace').strip()[-300:] or error}") from None

    def stop(self) -> None:
        subprocess.run([*self._as, str(self.pg_ctl), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)


def create_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"
