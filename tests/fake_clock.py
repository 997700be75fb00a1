"""A monotonic clock the test moves by hand (milliseconds), injected where the app takes one
(the session engine, the player): time passes only when a test says so, with no sleeps."""

from __future__ import annotations


class FakeClock:
    def __init__(self, now: int = 10_000) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now
