"""Runs a command and measures it: wall and CPU seconds, peak memory, status.

The peak is the command's own, read by GNU time (/usr/bin/time -f %M). The
ru_maxrss that os.wait4 gives for a child of Python is not: the child is
forked from the Python process and counts the pages it shared with it before
exec (a floor of about 14 MB, more when Python holds large buffers). Without
GNU time, wait4's figure is returned and `exact` is False.
"""

import os
import subprocess
import tempfile
import threading
import time

TIME = "/usr/bin/time"


def measure(argv, stdout=subprocess.DEVNULL, env=None, timeout=None, memory=True):
    """(wall seconds, CPU seconds, peak RSS in bytes, exit status, exact).
    memory=False runs argv without GNU time, for timings of a few
    milliseconds that its own start would blur (the peak is then wait4's)."""
    exact = memory and os.access(TIME, os.X_OK)
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        cmd = [TIME, "-f", "%U %S %M", "-o", report.name] + argv if exact else argv
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout,
                                stderr=subprocess.DEVNULL, env=env)
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        code = os.waitstatus_to_exitcode(status)
        if not exact:
            return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, code, False
        # GNU time writes "Command exited with non-zero status N" first when it did
        fields = report.read().split()[-3:]
        try:
            user, system, kb = float(fields[0]), float(fields[1]), int(fields[2])
        except (IndexError, ValueError):  # killed before GNU time could report
            return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, code, False
        return wall, user + system, kb * 1024, code, True
