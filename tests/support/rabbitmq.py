"""Broker-side fault injection: force-close the connections of one vhost, as a broker restart or a network cut would."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

_CONNECTION_NAME = re.compile(r'\{"connection_name","([^"]*)"\}')


def _rabbitmqctl(*args: str) -> str:
    return subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, text=True, timeout=60).stdout


@dataclass(frozen=True)
class BrokerAdmin:
    vhost: str

    def connections(self) -> list[tuple[str, str]]:
        """(pid, connection name) of every open connection in the vhost; unnamed ones have name ""."""
        found = []
        for line in _rabbitmqctl("list_connections", "pid", "vhost", "client_properties").splitlines()[1:]:
            pid, vhost, properties = line.split("\t", 2)
            if vhost == self.vhost:
                named = _CONNECTION_NAME.search(properties)
                found.append((pid, named.group(1) if named else ""))
        return found

    def bindings(self, source: str) -> list[tuple[str, str]]:
        """(destination, arguments as rabbitmqctl prints them) of every binding from the exchange `source`."""
        listing = _rabbitmqctl("list_bindings", "-p", self.vhost, "source_name", "destination_name", "arguments")
        found = []
        for line in listing.splitlines()[1:]:
            name, destination, arguments = line.split("\t", 2)
            if name == source:
                found.append((destination, arguments))
        return found

    def close_connections(self, matching: Callable[[str], bool]) -> list[str]:
        """Force-close the vhost's connections whose name matches; return their names (never empty)."""
        closed = []
        for pid, name in self.connections():
            if matching(name):
                _rabbitmqctl("close_connection", pid, "closed by a test")
                closed.append(name)
        assert closed, f"no connection in {self.vhost} matched; open: {self.connections()}"
        return closed


def broker_state() -> str:
    """The broker's alarms, file descriptors and connection count: why publishing might block or time out."""
    parts = []
    for command in (["rabbitmq-diagnostics", "-q", "alarms"], ["rabbitmqctl", "-q", "list_connections", "vhost"]):
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            parts.append(f"{' '.join(command)}: {exc}")
            continue
        output = result.stdout.strip() or result.stderr.strip()
        if command[-1] == "vhost":
            output = f"{max(len(output.splitlines()) - 1, 0)} open connections"
        parts.append(output)
    return "\n".join(parts)
