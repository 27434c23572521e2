"""The app's long-lived worker threads (no Qt here: the project read can start before Qt loads).

Long-lived Python threads, not QThreadPool: PySide drops a pooled thread's Python thread
state after each call, which frees pyproj's per-thread PROJ context while CRS objects
created there are still in use (segfault in proj_create on the next import). Threads that
live as long as the app keep their context valid.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

EXECUTOR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="landplanner-worker")
