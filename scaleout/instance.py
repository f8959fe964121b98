"""minegraph's own Virtuoso instance: start it on 127.0.0.1 from a generated ini, wait until it
answers, give it a password of its own, check it listens on loopback only, and stop it.

    python3 scaleout/instance.py --dir .virtuoso start [--sql-port N] [--http-port N]
    python3 scaleout/instance.py --dir .virtuoso stop
    python3 scaleout/instance.py stop-system-service

The instance folder holds the generated ``virtuoso.ini``, the database (``db/``), the log, the dba
password (``dba-password``, mode 600) and ``instance.json``, which says where the instance listens
(the tests and ``scaleout/measure.py`` read it). The folder is the only one the server may read
files from (``DirsAllowed``). Standard library only, so it runs before the venv exists.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "virtuoso.ini.in"
DEBIAN_SERVICE = "virtuoso-opensource-7"
BUFFERS = 100_000  # 8 KB pages: ~800 MB of page cache, enough for 10^6-10^7 triples
START_SECONDS = 120


class Failure(Exception):
    """Something the caller must read: printed as one line, exit status 1."""


def binary(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise Failure(f"{name} is not installed: run `make virtuoso-install` (Debian package virtuoso-opensource)")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def render_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """Write ``virtuoso.ini`` from the template, atomically."""
    values = {
        "DIR": str(folder),
        "SQL_PORT": str(sql_port),
        "HTTP_PORT": str(http_port),
        "BUFFERS": str(BUFFERS),
        "DIRTY_BUFFERS": str(BUFFERS * 3 // 4),
        "BUFFERS_MB": str(BUFFERS * 8 // 1000),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    if "@" in "".join(line for line in text.splitlines() if not line.lstrip().startswith(";")):
        raise Failure(f"{TEMPLATE}: a placeholder is left unfilled")
    target = folder / "virtuoso.ini"
    scratch = target.with_suffix(".ini.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(target)
    return target


def isql(info: dict, password: str, *statements: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run SQL statements through ``isql-vt`` on the instance's SQL port (statements go on stdin)."""
    script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
    answer = subprocess.run(
        [binary("isql-vt"), info["sql"], "dba", password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
        input=script,
        capture_output=True,
        text=True,
        timeout=600,
    )
    failed = answer.returncode != 0 or "*** Error" in answer.stdout + answer.stderr
    if check and failed:
        raise Failure(f"isql on {info['sql']} failed: {(answer.stdout + answer.stderr).strip()[-600:]}")
    return answer


def http_answers(info: dict) -> bool:
    try:
        with urllib.request.urlopen(info["endpoint"] + "?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie left by our own earlier start counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def listening_addresses(pid: int) -> list[str]:
    """Every TCP/UDP socket the process listens on (or has bound), as ``ip:port``, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table, state in (("tcp", "0A"), ("tcp6", "0A"), ("udp", "07"), ("udp6", "07")):
        path = Path(f"/proc/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes and fields[3] == state:
                found.append(f"{table}:{_address(fields[1])}")
    return found


def _address(hex_address: str) -> str:
    ip, port = hex_address.split(":")
    if len(ip) == 8:
        ip_text = socket.inet_ntop(socket.AF_INET, bytes.fromhex(ip)[::-1])
    else:
        raw = bytes.fromhex(ip)
        ip_text = socket.inet_ntop(socket.AF_INET6, b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4)))
    return f"{ip_text}:{int(port, 16)}"


def check_loopback_only(pid: int) -> list[str]:
    addresses = listening_addresses(pid)
    outside = [
        a for a in addresses if not (a.split(":", 1)[1].startswith("127.") or a.split(":", 1)[1].startswith("::1"))
    ]
    if outside:
        raise Failure(f"Virtuoso (pid {pid}) listens beyond loopback: {', '.join(outside)}")
    return addresses


def read_info(folder: Path) -> dict | None:
    try:
        return json.loads((folder / "instance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def start(folder: Path, sql_port: int | None, http_port: int | None) -> dict:
    folder = folder.resolve()
    info = read_info(folder)
    if info and alive(info["pid"]) and http_answers(info):
        print(f"Virtuoso already running (pid {info['pid']}): {info['endpoint']}")
        return info
    for sub in ("db", "vsp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# minegraph's Virtuoso instance: generated, never committed\n*\n")
    sql_port, http_port = sql_port or free_port(), http_port or free_port()
    for port in (sql_port, http_port):
        if port_taken(port):
            raise Failure(f"port {port} on 127.0.0.1 is taken: choose another (VIRTUOSO_SQL_PORT / VIRTUOSO_HTTP_PORT)")
    ini = render_ini(folder, sql_port, http_port)
    base = f"http://127.0.0.1:{http_port}"
    info = {
        "pid": 0,
        "folder": str(folder),
        "sql": f"127.0.0.1:{sql_port}",
        "http": base,
        "endpoint": f"{base}/sparql",
        "graph_store": f"{base}/sparql-graph-crud-auth",
        "user": "dba",
        "password_file": str(folder / "dba-password"),
    }
    log = open(folder / "server.out", "ab")
    process = subprocess.Popen(
        [binary("virtuoso-t"), "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    info["pid"] = process.pid
    try:
        _wait_until_ready(info, process, folder)
        _own_password(info, folder)
        info["listening"] = check_loopback_only(process.pid)
    except BaseException:
        process.terminate()
        process.wait(timeout=60)
        raise
    scratch = folder / "instance.json.tmp"
    scratch.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    scratch.replace(folder / "instance.json")
    print(f"Virtuoso started (pid {process.pid}) on {', '.join(info['listening'])}: SPARQL {info['endpoint']}")
    return info


def _wait_until_ready(info: dict, process: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not http_answers(info):
        if process.poll() is not None:
            tail = (
                (folder / "virtuoso.log").read_text(errors="replace")[-1500:]
                if (folder / "virtuoso.log").exists()
                else ""
            )
            raise Failure(f"virtuoso-t exited with code {process.returncode}; end of {folder}/virtuoso.log:\n{tail}")
        if time.monotonic() > deadline:
            process.terminate()
            raise Failure(
                f"Virtuoso did not answer on {info['endpoint']} within {START_SECONDS} s (log: {folder}/virtuoso.log)"
            )
        time.sleep(0.25)


def _own_password(info: dict, folder: Path) -> str:
    """The instance's dba password; a fresh database still has dba/dba, replaced here by a random one
    (a database created without the VAD packages has no dav account), so no well-known password guards it."""
    path = folder / "dba-password"
    if path.exists():
        password = path.read_text(encoding="utf-8").strip()
        if isql(info, password, "status('')", check=False).returncode == 0:
            return password
    password = secrets.token_hex(16)
    isql(info, "dba", f"user_set_password('dba', '{password}')")
    isql(info, password, "checkpoint")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    return password


def stop(folder: Path) -> None:
    folder = folder.resolve()
    info = read_info(folder)
    if not info or not alive(info["pid"]):
        print(f"no Virtuoso instance running from {folder}")
        return
    password = Path(info["password_file"]).read_text(encoding="utf-8").strip()
    isql(info, password, "checkpoint", "shutdown", check=False)
    if not _gone(info["pid"], 60):
        os.kill(info["pid"], signal.SIGTERM)
        if not _gone(info["pid"], 20):
            os.kill(info["pid"], signal.SIGKILL)
            _gone(info["pid"], 10)
    print(f"Virtuoso stopped (pid {info['pid']})")


def _gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    return True


def stop_system_service() -> None:
    """Debian's package may start its own daemon (stock ini: every interface, default password): stop
    and disable it. Under Docker's policy-rc.d it never started; then this only reports."""
    if not Path(f"/etc/init.d/{DEBIAN_SERVICE}").exists():
        return
    if Path("/run/systemd/system").is_dir() and shutil.which("systemctl"):
        subprocess.run(["systemctl", "disable", "--now", DEBIAN_SERVICE], capture_output=True)
    pidfile = Path(f"/var/run/{DEBIAN_SERVICE}.pid")
    running = pidfile.exists() and pidfile.read_text().strip().isdigit() and alive(int(pidfile.read_text()))
    if running:
        subprocess.run([f"/etc/init.d/{DEBIAN_SERVICE}", "stop"], capture_output=True)
        print(f"stopped Debian's own {DEBIAN_SERVICE} service")
    else:
        print(f"Debian's {DEBIAN_SERVICE} service is not running")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path(".virtuoso"), help="instance folder (default: .virtuoso)")
    sub = parser.add_subparsers(dest="command", required=True)
    begin = sub.add_parser("start")
    begin.add_argument("--sql-port", type=int, help="SQL port on 127.0.0.1 (default: a free one)")
    begin.add_argument("--http-port", type=int, help="HTTP port on 127.0.0.1 (default: a free one)")
    sub.add_parser("stop")
    sub.add_parser("stop-system-service")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            start(args.dir, args.sql_port, args.http_port)
        elif args.command == "stop":
            stop(args.dir)
        else:
            stop_system_service()
    except Failure as exc:
        print(f"virtuoso: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
