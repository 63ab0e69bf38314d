#!/usr/bin/env python3
"""Time to the first byte of a decompress answer, streamed and verified, on a running app.

Sends a container to POST /v1/decompress (delivery=streamed, then the default) and, as controls, asks for one byte of
it streamed (one block decoded) and sends it to POST /v1/inspect (received and its structure read, nothing decoded).
Times from the moment the last byte of the request is handed to the kernel to the first byte of the answer, and to
its last. For the streamed ones, also the app's own figure: harmony4_streamed_first_byte_seconds (from the body's last
byte received to the first answer byte handed to the connection), its sum's growth over the request, read from
/q/metrics after each. Prints the median of ROUNDS rounds of each, in milliseconds.

Before any is timed, WARMUP requests of every kind, in turn, so that the JIT has compiled each path (on the app's one
CPU its compilers otherwise take the first timed rounds of whichever kind comes first): a service answers warm.

Usage: streamed-ttfb.py PORT CONTAINER ROUNDS [WARMUP=1]
"""
import socket
import statistics
import sys
import time
import urllib.request

TIMER = 'harmony4_streamed_first_byte_seconds_%s{endpoint="decompress",'


def first_byte_timer(port):
    """The app's streamed first-byte timer for decompress: (count, sum in seconds)."""
    with urllib.request.urlopen("http://127.0.0.1:%d/q/metrics" % port) as answer:
        text = answer.read().decode()
    values = {}
    for line in text.splitlines():
        for part in ("count", "sum"):
            if line.startswith(TIMER % part):
                values[part] = float(line.rsplit(" ", 1)[1])
    if len(values) != 2:
        raise SystemExit("the app publishes no harmony4_streamed_first_byte_seconds at /q/metrics")
    return values["count"], values["sum"]


def once(port, path, body):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        head = ("POST %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/vnd.harmony4.h4mk\r\n"
                "Content-Length: %d\r\nConnection: close\r\n\r\n" % (path, len(body))).encode("ascii")
        s.sendall(head + body)
        sent = time.perf_counter()
        first = None
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = s.recv(1 << 16)
            if not chunk:
                raise SystemExit("the connection closed before the answer's head")
            if first is None:
                first = time.perf_counter()
            received += chunk
        head, body_start = received.split(b"\r\n\r\n", 1)
        status = head.split(b" ", 2)[1]
        if status != b"200":
            raise SystemExit("answer %s: %s" % (status.decode(), received[:400]))
        lengths = [int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")]
        got = len(body_start)
        while not lengths or got < lengths[0]:  # without a length (inspect's JSON, chunked): to the close
            chunk = s.recv(1 << 20)
            if not chunk:
                if lengths:
                    raise SystemExit("the answer ended short: %d of %d bytes" % (got, lengths[0]))
                break
            got += len(chunk)
        return (first - sent) * 1e3, (time.perf_counter() - sent) * 1e3


def timed(port, path, body):
    """once(), and for a streamed decompression the app's first-byte wait for it (ms), else None."""
    if "delivery=streamed" not in path:
        return once(port, path, body) + (None,)
    count, total = first_byte_timer(port)
    first, last = once(port, path, body)
    count_after, total_after = first_byte_timer(port)
    if count_after != count + 1:
        raise SystemExit("the app timed %d first bytes for one streamed answer" % (count_after - count))
    return first, last, (total_after - total) * 1e3


def main():
    port, container, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    warmup = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    with open(container, "rb") as f:
        body = f.read()
    kinds = (("streamed", "/v1/decompress?delivery=streamed"), ("verified", "/v1/decompress"),
             ("streamed-first-byte-only", "/v1/decompress?delivery=streamed&offset=0&length=1"),
             ("inspect", "/v1/inspect"))
    for _ in range(warmup):
        for _, path in kinds:
            once(port, path, body)
    for name, path in kinds:
        times = [timed(port, path, body) for _ in range(rounds)]
        app = "" if times[0][2] is None else " app_first_byte_ms=%.2f (min %.2f, max %.2f)" % (
            statistics.median(t[2] for t in times), min(t[2] for t in times), max(t[2] for t in times))
        print("%s first_byte_ms=%.1f last_byte_ms=%.1f%s" % (
            name, statistics.median(t[0] for t in times), statistics.median(t[1] for t in times), app))


if __name__ == "__main__":
    main()
