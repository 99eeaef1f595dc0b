"""Work that runs beside the build, in a process of its own.

Rendering thousands of pages keeps one processor busy; the feeds and the
search index do not need the rendered pages, so they are written at the same
time on another processor. The process is forked, so it starts with the
catalog and agenda already in memory and nothing has to be sent to it but
what the build learns later (``send``; the work reads it with its ``inbox``).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from ..processes import die_with

# The name of the process, as listed by multiprocessing.active_children().
PROCESS_NAME = "herstelnetwerk-naast-de-bouw"


class BackgroundError(RuntimeError):
    """The work in the background failed; the message says how."""


class Background:
    """``work(inbox)`` running in a forked process; ``inbox()`` there returns what ``send`` sends here."""

    def __init__(self, work: Callable[[Callable[[], Any]], Any]) -> None:
        context = multiprocessing.get_context("fork")
        self._answer, answer = context.Pipe(duplex=False)
        inbox, self._outbox = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_run,
            args=(work, inbox, answer, (self._answer, self._outbox), os.getpid()),
            name=PROCESS_NAME,
            daemon=True,
        )
        self.cancelled = False
        self._closing = threading.Lock()
        self._process.start()
        answer.close()
        inbox.close()

    def send(self, value: Any) -> None:
        self._outbox.send(value)

    def result(self) -> Any:
        """What ``work`` returned; raises BackgroundError when it failed or the process died."""
        try:
            outcome, value = self._answer.recv()
        except EOFError:  # it died without answering
            outcome, value = "died", None
        self._close()
        if outcome == "died":
            raise BackgroundError(f"het proces stopte onverwacht (code {self._process.exitcode})")
        if outcome == "error":
            raise BackgroundError(value)
        return value

    def cancel(self) -> None:
        """Stop the work if it still runs (what it was writing may be left half done)."""
        self.cancelled = True
        if self._process.is_alive():
            self._process.terminate()
        self._close()

    def _close(self) -> None:
        with self._closing:  # a cancel may come while another thread waits for the result
            self._process.join()
            self._answer.close()
            self._outbox.close()


def _run(work: Callable[[Callable[[], Any]], Any], inbox, answer, parents_ends: tuple, parent: int) -> None:
    # The build's own ends of the pipes: closed here, so when the build dies the inbox
    # reads the end of its pipe instead of waiting for ever.
    for end in parents_ends:
        end.close()
    die_with(parent)
    try:
        value = work(inbox.recv)
    except BackgroundError as error:  # already said for the one who builds
        answer.send(("error", str(error)))
    except BaseException as error:  # everything goes back to the build, which reports it
        answer.send(("error", f"{type(error).__name__}: {error}"))
    else:
        answer.send(("ok", value))
    finally:
        answer.close()
