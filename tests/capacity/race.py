"""Many clients at once: the runner the race tests share (tests/capacity/test_*_race.py).

On PostgreSQL the clients are real threads, each with its own connection, released together by a
barrier. SQLite runs one writer at a time whatever we do, so there they run one after another.
"""

import threading

from django.db import connection, connections

THREADS = 32


def run_clients(client, count, *, threads=THREADS):
    """Call client(i) for every i < count: at once on PostgreSQL, in turn elsewhere.

    Returns the outcomes and the unexpected exceptions (deadlocks, integrity errors, anything).
    """
    outcomes, errors = [], []

    def attempt(i):
        try:
            outcomes.append(client(i))
        except Exception as error:  # noqa: BLE001 - every failure is counted and shown
            errors.append(repr(error))

    if connection.vendor != "postgresql":
        for i in range(count):
            attempt(i)
        return outcomes, errors

    queue = iter(range(count))
    take = threading.Lock()
    start = threading.Barrier(threads)

    def worker():
        try:
            start.wait()
            while True:
                with take:
                    i = next(queue, None)
                if i is None:
                    return
                attempt(i)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return outcomes, errors
