#!/usr/bin/env python3
"""Reference figure for `waybill bench normalize`: karrio's parse_tracking_response on a file.

Setup (once):  python3 -m venv /tmp/karrio-venv && /tmp/karrio-venv/bin/pip install \
                 karrio==2026.1.32 karrio-ups karrio-fedex karrio-usps karrio-dhl-universal
Usage:         /tmp/karrio-venv/bin/python scripts/bench-karrio.py CARRIER ITERATIONS FILE
CARRIER is a Waybill id: ups, fedex, usps or dhl. Prints one JSON line like the Swift bench.
"""
import contextlib
import io
import json
import resource
import sys
import time

import karrio.lib as lib

try:  # karrio logs each request it prepares; keep that I/O out of the measurement
    from loguru import logger
    logger.remove()
except ImportError:
    pass


def setup(carrier, body):
    if carrier == "ups":
        from karrio.mappers.ups.settings import Settings
        from karrio.providers.ups.tracking import parse_tracking_response
        settings = Settings(client_id="bench", client_secret="bench")
        make = lambda: lib.Deserializable([("1Z", body)], lambda items: [(k, lib.to_dict(v)) for k, v in items])
    elif carrier == "fedex":
        from karrio.mappers.fedex.settings import Settings
        from karrio.providers.fedex.tracking import parse_tracking_response
        settings = Settings(api_key="bench", secret_key="bench")
        make = lambda: lib.Deserializable(body, lib.to_dict)
    elif carrier == "usps":
        from karrio.mappers.usps.settings import Settings
        from karrio.providers.usps.tracking import parse_tracking_response
        settings = Settings(client_id="bench", client_secret="bench")
        make = lambda: lib.Deserializable([("9400", body)], lambda items: [(k, lib.to_dict(v)) for k, v in items])
    elif carrier == "dhl":
        from karrio.mappers.dhl_universal.settings import Settings
        from karrio.providers.dhl_universal.tracking import parse_tracking_response
        settings = Settings(consumer_key="bench", consumer_secret="bench")
        make = lambda: lib.Deserializable([body], lambda items: [lib.to_dict(item) for item in items])
    else:
        sys.exit(f"karrio reference not set up for {carrier}")
    return lambda: parse_tracking_response(make(), settings)


def main():
    carrier, iterations, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    body = open(path, encoding="utf-8").read()
    quiet = io.StringIO()  # karrio prints "unknown arguments" for fields it does not model
    parse = setup(carrier, body)
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        details, _ = parse()
    events = sum(len(detail.events or []) for detail in details)
    if events == 0:
        sys.exit(f"karrio found no events in {path}")
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        start = time.perf_counter()
        for _ in range(iterations):
            parse()
            quiet.seek(0)
            quiet.truncate()
        seconds = time.perf_counter() - start
    print(json.dumps({
        "reference": "karrio 2026.1.32", "carrier": carrier, "file": path.rsplit("/", 1)[-1],
        "iterations": iterations, "events_per_parse": events,
        "events_per_sec": int(events * iterations / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, sort_keys=True))


if __name__ == "__main__":
    main()
