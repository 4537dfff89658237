"""A time limit on one document: ``with time_limit(seconds): ...`` raises DocumentTimeout past it.

Two mechanisms, one behaviour:

- in a process's main thread (the local engine's workers, ``--workers 1``) a real-time interval timer
  (``SIGALRM``) interrupts the work;
- in any other thread (a Dask worker runs tasks in a thread pool, where signals cannot be delivered) a
  timer thread raises the exception asynchronously in the working thread
  (``PyThreadState_SetAsyncExc``, CPython's documented C API).

Both take effect between two Python bytecodes, so a single long C call (one regex search) finishes
first; every rule is linear-time and inputs are capped by ``--max-bytes``, so that is bounded too.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import threading

from extractor.errors import DocumentTimeoutError


class DocumentTimeout(BaseException):
    """Raised inside the work when its time is up. A BaseException, so that no ``except Exception``
    inside the pipeline swallows it; ``time_limit`` turns it into a DocumentTimeoutError."""


@contextlib.contextmanager
def time_limit(seconds: float | None):
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        manager = _alarm(seconds)
    else:
        manager = _async_raise(seconds)
    try:
        with manager:
            yield
    except DocumentTimeout:
        raise DocumentTimeoutError(f"processing took longer than the limit of {seconds:g} s (--doc-timeout)") from None


@contextlib.contextmanager
def _alarm(seconds: float):
    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the thread at its next bytecode; None clears a pending one (NULL in C)."""
    argument = None if exception is None else ctypes.py_object(exception)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), argument)


@contextlib.contextmanager
def _async_raise(seconds: float):
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"inside": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                _set_async_exc(target, DocumentTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["inside"] = False
        timer.cancel()
        if state["fired"]:
            # Raised but perhaps not delivered yet (the block ended in the meantime): clear it, so it
            # cannot go off later in code that has nothing to do with this document.
            _set_async_exc(target, None)
