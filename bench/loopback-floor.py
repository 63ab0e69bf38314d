#!/usr/bin/env python3
"""What moving bytes over loopback TCP costs the CPU a server runs on, with no server code at all.

A bare sender and a bare receiver, each pinned: one on the server's CPU, the peer on the load generator's. It sends
FILE with sendfile (as the service sends its spooled results) and receives it with recv_into, ROUNDS times each way,
and prints the busy time of the server's CPU per MiB, from /proc/stat, so the kernel's softirq work counts too.
On loopback the sender's CPU also runs the receiving socket's TCP input, which on a real network would run on the
client's machine. bench/http.sh uses these figures for the best ratio an HTTP server could reach on this machine.

On a machine that other jobs share, a CPU's busy time counts theirs too; so it also prints its own process's CPU
time per MiB (user + system, which takes in the softirq work run in its system calls), to set against an app's own
CPU time (bench/http-cpu.sh).

Usage: bench/loopback-floor.py SERVER_CPU PEER_CPU FILE [ROUNDS]
Prints: send_ms_per_mib=X recv_ms_per_mib=Y own_send_ms_per_mib=X' own_recv_ms_per_mib=Y'
"""
import os
import socket
import sys


def busy_ticks(cpu):
    with open('/proc/stat') as stat:
        for line in stat:
            fields = line.split()
            if fields[0] == f'cpu{cpu}':
                ticks = list(map(int, fields[1:]))
                return sum(ticks) - ticks[3] - ticks[4]  # all but idle and iowait
    raise SystemExit(f'no cpu{cpu} in /proc/stat')


def send_file(sock, path, rounds):
    with open(path, 'rb') as f:
        for _ in range(rounds):
            f.seek(0)
            sock.sendfile(f)


def receive(sock, total):
    buf = bytearray(1 << 20)
    while total > 0:
        n = sock.recv_into(buf)
        if n == 0:
            raise SystemExit('peer closed early')
        total -= n


def own_cpu_seconds():
    times = os.times()
    return times.user + times.system


def measure(direction, server_cpu, peer_cpu, path, rounds):
    """CPU milliseconds per MiB while the server sends (direction 'send') or receives the file rounds times: of
    server_cpu, and of the server's own process."""
    size = os.path.getsize(path) * rounds
    listener = socket.create_server(('127.0.0.1', 0))
    pid = os.fork()
    if pid == 0:
        os.sched_setaffinity(0, {peer_cpu})
        peer = socket.create_connection(listener.getsockname())
        if direction == 'send':
            receive(peer, size)
        else:
            send_file(peer, path, rounds)
        peer.close()
        os._exit(0)
    os.sched_setaffinity(0, {server_cpu})
    conn, _ = listener.accept()
    before = busy_ticks(server_cpu)
    own_before = own_cpu_seconds()
    if direction == 'send':
        send_file(conn, path, rounds)
        conn.shutdown(socket.SHUT_WR)
        conn.recv(1)  # the peer closes once it has read everything
    else:
        receive(conn, size)
    after = busy_ticks(server_cpu)
    own = own_cpu_seconds() - own_before
    os.waitpid(pid, 0)
    conn.close()
    listener.close()
    mib = size / (1 << 20)
    return (after - before) * 1000 / os.sysconf('SC_CLK_TCK') / mib, own * 1000 / mib


def main():
    if len(sys.argv) not in (4, 5):
        raise SystemExit(__doc__)
    server_cpu, peer_cpu, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) == 5 else 20
    measure('send', server_cpu, peer_cpu, path, 2)  # warm the page cache and the socket paths
    send, own_send = measure('send', server_cpu, peer_cpu, path, rounds)
    recv, own_recv = measure('recv', server_cpu, peer_cpu, path, rounds)
    print(f'send_ms_per_mib={send:.3f} recv_ms_per_mib={recv:.3f} '
          f'own_send_ms_per_mib={own_send:.3f} own_recv_ms_per_mib={own_recv:.3f}')


if __name__ == '__main__':
    main()
