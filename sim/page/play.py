"""Play that fits the server: batched steps, throttled frames, a speed, idle expiry.

A playing session has a thread that, once a frame, takes the steps its speed calls
for since the last frame (several at once when frames are far apart) and sends one
frame of the map and the new chart rows. Frames come at most ``MAX_FPS`` times a
second; the :class:`Governor` watches the server process's CPU time and, when the
process uses more than ``BUSY_SHARE`` of a core, spaces every session's frames
further apart (down to ``MIN_FPS``), so the speed in days per second holds while the
drawing costs less. Play stops when the tab is hidden or closed, at the horizon, or
when a step fails. The :class:`Steward` expires sessions nobody has touched for
``idle_seconds()``: their model is dropped and the page says so.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Callable

from .session import Session

log = logging.getLogger("peacesim.page")

SPEEDS = {"1 week a second": 7, "4 weeks a second": 28, "3 months a second": 91,
          "1 year a second": 365}
"""Play speeds a student can pick: label -> days simulated per second."""
DEFAULT_SPEED = "4 weeks a second"
MAX_FPS = 5.0
MIN_FPS = 1.0
BUSY_SHARE = 0.6
"""Above this share of one core used by the server process, frames are spaced out."""
IDLE_ENV = "PEACESIM_PAGE_IDLE_S"
IDLE_S = 30 * 60


def idle_seconds() -> float:
    """How long a session may go untouched before it expires (seconds; the environment
    variable ``PEACESIM_PAGE_IDLE_S`` overrides the default of 30 minutes)."""
    return float(os.environ.get(IDLE_ENV, IDLE_S))


class Governor:
    """Frames per second for every playing session, from the process's CPU share."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.fps = MAX_FPS
        self._wall = time.monotonic()
        self._cpu = time.process_time()

    def frame_interval(self) -> float:
        """Seconds between two frames of one session now."""
        with self.lock:
            wall = time.monotonic()
            if wall - self._wall >= 1.0:
                share = (time.process_time() - self._cpu) / (wall - self._wall)
                self._wall, self._cpu = wall, time.process_time()
                # multiplicative, halfway to the target each second: no sudden swings
                self.fps *= min(2.0, (BUSY_SHARE / max(share, 1e-3))) ** 0.5
                self.fps = min(MAX_FPS, max(MIN_FPS, self.fps))
            return 1.0 / self.fps


GOVERNOR = Governor()


class Player:
    """Plays one session in its own thread until stopped.

    ``publish()`` sends a frame after steps; ``stopped(reason)`` is called once when
    play ends by itself or by :meth:`stop` (reasons: ``paused``, ``end``, ``failed``,
    ``hidden``, ``closed``, ``expired``). ``connected()`` says whether the page is
    still open."""

    def __init__(self, session: Session, publish: Callable[[], None],
                 stopped: Callable[[str], None], connected: Callable[[], bool]):
        self.session = session
        self.publish = publish
        self.stopped = stopped
        self.connected = connected
        self.days_per_s = SPEEDS[DEFAULT_SPEED]
        self._halt = threading.Event()
        self._reason = "paused"
        self._thread: threading.Thread | None = None

    @property
    def playing(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, run_in: Callable[[Callable[[], None]], threading.Thread]) -> None:
        """Start playing; ``run_in(target)`` makes the thread (in the page's context)."""
        if self.playing:
            return
        self._halt.clear()
        self._reason = "paused"
        self._thread = run_in(self._run)
        self._thread.start()

    def stop(self, reason: str = "paused") -> None:
        """Stop playing (returns at once; the thread ends after its current frame)."""
        self._reason = reason
        self._halt.set()

    def _run(self) -> None:
        session = self.session
        due = 1.0  # the first frame comes at once, with one step
        last = time.monotonic()
        reason = "paused"
        while not self._halt.is_set():
            now = time.monotonic()
            due += (now - last) * self.days_per_s / session.days_per_step
            last = now
            steps = min(int(due), max(1, round(self.days_per_s / session.days_per_step)))
            due -= int(due)
            if steps:
                session.step(steps)
                self.publish()
            if session.failure is not None:
                reason = "failed"
                break
            if session.finished:
                reason = "end"
                break
            if not self.connected():
                reason = "closed"
                break
            self._halt.wait(max(0.0, GOVERNOR.frame_interval() - (time.monotonic() - now)))
        else:
            reason = self._reason
        self.stopped(reason)


class Steward:
    """Expires idle sessions: every minute (or sooner when the idle time is short),
    each registered session untouched for ``idle_seconds()`` is expired."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sessions: weakref.WeakKeyDictionary[Session, Callable[[], None]] = (
            weakref.WeakKeyDictionary())
        self._thread: threading.Thread | None = None

    def watch(self, session: Session, expire: Callable[[], None]) -> None:
        """Call ``expire()`` when ``session`` has been idle too long (once)."""
        with self.lock:
            self.sessions[session] = expire
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="peacesim-steward",
                                                daemon=True)
                self._thread.start()

    def forget(self, session: Session) -> None:
        with self.lock:
            self.sessions.pop(session, None)

    def _loop(self) -> None:
        while True:
            limit = idle_seconds()
            time.sleep(min(60.0, max(1.0, limit / 4)))
            now = time.monotonic()
            with self.lock:
                idle = [(s, e) for s, e in self.sessions.items()
                        if now - s.last_active > limit]
                for session, _ in idle:
                    del self.sessions[session]
            for _session, expire in idle:
                try:
                    expire()
                except Exception:  # one session's fault must not stop the others' expiry
                    log.exception("expiring an idle session failed")


STEWARD = Steward()
