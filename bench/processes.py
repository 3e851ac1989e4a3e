"""Memory and CPU time of every Paygate process of the run: the gateway's master and each worker, each service."""

from __future__ import annotations

import psutil

from tests.support.stack import Stack

MIB = 1024 * 1024


def paygate_processes(stack: Stack) -> dict[str, psutil.Process]:
    """Each running process by a readable name; a web server's workers are listed one by one."""
    found: dict[str, psutil.Process] = {}
    for name, popen in stack.processes.items():
        try:
            process = psutil.Process(popen.pid)
            children = sorted(process.children(recursive=True), key=lambda child: child.pid)
        except psutil.NoSuchProcess:
            continue
        if children:
            found[f"{name} master"] = process
            found.update({f"{name} worker {number}": child for number, child in enumerate(children, 1)})
        else:
            found[name] = process
    return found


def rss_mib(stack: Stack) -> dict[str, float]:
    """Resident memory of each process in MiB (a process that just exited is left out)."""
    sizes = {}
    for name, process in paygate_processes(stack).items():
        try:
            sizes[name] = process.memory_info().rss / MIB
        except psutil.NoSuchProcess:
            continue
    return sizes


def cpu_seconds(stack: Stack) -> dict[str, float]:
    """User plus system CPU time each process has used so far."""
    used = {}
    for name, process in paygate_processes(stack).items():
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        used[name] = times.user + times.system
    return used
