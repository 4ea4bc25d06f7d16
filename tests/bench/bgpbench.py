#!/usr/bin/env python3
"""A BGP route injector, a BGP sink and a convergence poller for
tests/bench/bgp.sh.

    bgpbench.py serve --listen ADDR --as AS N [--base 10.0.0.0] [--plen 32]
                      [--nexthop ADDR] [--events FILE]
    bgpbench.py sink --peer ADDR --local ADDR --as AS [--expect N]
    bgpbench.py converge --expect N [--timeout S] [--interval S] KIND:SOCKET...

serve: listens on ADDR port 179 and gives every peer that connects (any
address, any AS: it plays eBGP when the peer's AS differs) one IPv4 unicast
table of N prefixes, BASE, BASE + 2^(32-PLEN), ..., all with one set of
attributes (ORIGIN IGP, AS_PATH [AS], NEXT_HOP, its own address unless
--nexthop), packed as densely as BGP allows (4096-octet UPDATEs, ~810 /32
prefixes each), then End-of-RIB; then keeps the session up (keepalives)
until the peer goes. The UPDATEs are encoded once at start, so sending is
one sendall() of a few MB: the receiver sets the pace, not the injector.
A forked child per connection. Each session appends lines to --events
(default stderr), times from time.time():
    connected PEER T            the TCP connection accepted
    established PEER T          OPEN and KEEPALIVE exchanged
    sent PEER T PREFIXES OCTETS the last octet went to the kernel
    closed PEER T REASON
It prints "ready" on stdout once listening.

sink: connects to PEER, opens a session as AS (4-octet AS, IPv4 unicast,
graceful restart offered so that End-of-RIB comes), reads UPDATEs and
counts their IPv4 prefixes until End-of-RIB (or --expect prefixes), and
prints "established T" and "done T PREFIXES UPDATES OCTETS", then closes
with a Cease. For timing an injector alone.

converge: polls many daemons' control sockets from one process (no
process spawned per node and round) until each has N routes installed:
KIND podnetd asks {"command":"status"} for routes.installed (and
peers.established), KIND bird asks "show protocols all" for the routes its
kernel protocol k4 exported (BIRD writes each to the kernel before it
counts it) and its Established BGP sessions. N 0: until each answers.
Prints "round T S" for each round (its start and length: the poll's
granularity), "up T SOCKET" when a daemon has an Established session,
"node T SOCKET N" when one reached N, and "done T" or "timeout T
SOCKET..." at the end (exit status 1).

Standard library only.
"""
import argparse
import json
import ipaddress
import os
import select
import signal
import socket
import struct
import sys
import time

MARKER = b"\xff" * 16
OPEN, UPDATE, NOTIFICATION, KEEPALIVE = 1, 2, 3, 4
MAX_MSG = 4096
HOLD = 90
AS_TRANS = 23456


def msg(kind, body=b""):
    return MARKER + struct.pack("!HB", 19 + len(body), kind) + body


def open_msg(my_as, bgp_id, gr=False):
    caps = b""
    caps += struct.pack("!BBHBB", 1, 4, 1, 0, 1)      # MP: IPv4 unicast
    caps += struct.pack("!BBI", 65, 4, my_as)          # 4-octet AS
    caps += struct.pack("!BB", 2, 0)                   # route refresh
    if gr:                                             # RFC 4724, 120 s
        caps += struct.pack("!BBHHBB", 64, 6, 120, 1, 1, 0)
    params = struct.pack("!BB", 2, len(caps)) + caps
    as2 = my_as if my_as < 65536 else AS_TRANS
    return msg(OPEN, struct.pack("!BHH4sB", 4, as2, HOLD,
                                 ipaddress.IPv4Address(bgp_id).packed,
                                 len(params)) + params)


def notification(code, sub):
    return msg(NOTIFICATION, struct.pack("!BB", code, sub))


class Conn:
    """Framing of BGP messages on a blocking socket."""

    def __init__(self, s):
        self.s = s
        self.buf = bytearray()

    def fill(self, timeout=None):
        if timeout is not None:
            r, _, _ = select.select([self.s], [], [], timeout)
            if not r:
                return True
        d = self.s.recv(1 << 20)
        if not d:
            return False
        self.buf += d
        return True

    def next(self):
        """One whole message (type, body) from the buffer, or None."""
        if len(self.buf) < 19:
            return None
        if self.buf[:16] != MARKER:
            raise ValueError("bad marker")
        n, t = struct.unpack_from("!HB", self.buf, 16)
        if n < 19 or n > 65535 or len(self.buf) < n:
            return None
        body = bytes(self.buf[19:n])
        del self.buf[:n]
        return t, body

    def read(self, timeout=None):
        """The next message, waiting at most timeout (None: forever)."""
        end = None if timeout is None else time.time() + timeout
        while True:
            m = self.next()
            if m:
                return m
            left = None if end is None else max(0, end - time.time())
            if end is not None and left == 0:
                return None
            if not self.fill(left):
                raise EOFError("connection closed")


def parse_open(body):
    """The peer's AS (4-octet if it said so) and whether it has 4-octet AS."""
    ver, as2, hold, bid, plen = struct.unpack_from("!BHH4sB", body)
    p = body[10:10 + plen]
    as4 = None
    i = 0
    while i + 2 <= len(p):
        ptype, pl = p[i], p[i + 1]
        if ptype == 2:
            c = p[i + 2:i + 2 + pl]
            j = 0
            while j + 2 <= len(c):
                code, cl = c[j], c[j + 1]
                if code == 65 and cl == 4:
                    as4 = struct.unpack_from("!I", c, j + 2)[0]
                j += 2 + cl
        i += 2 + pl
    return (as4 if as4 is not None else as2), as4 is not None, hold


def handshake(c, my_as, bgp_id, gr=False):
    c.s.sendall(open_msg(my_as, bgp_id, gr))
    t, body = c.read(60)
    if t == NOTIFICATION:
        raise ValueError("NOTIFICATION %d/%d in OpenSent" % (body[0], body[1]))
    if t != OPEN:
        raise ValueError("expected OPEN, got type %d" % t)
    peer_as, as4, hold = parse_open(body)
    if not as4:
        c.s.sendall(notification(2, 7))     # unsupported capability
        raise ValueError("peer without 4-octet AS")
    c.s.sendall(msg(KEEPALIVE))
    while True:
        m = c.read(60)
        if m is None:
            raise ValueError("no KEEPALIVE after OPEN")
        t, body = m
        if t == KEEPALIVE:
            return peer_as, hold
        if t == NOTIFICATION:
            raise ValueError("NOTIFICATION %d/%d in OpenConfirm" % (body[0], body[1]))


def build_table(n, base, plen, my_as, nexthop):
    """The UPDATEs for the table and End-of-RIB, as one bytes object."""
    attrs = struct.pack("!BBBB", 0x40, 1, 1, 0)                       # IGP
    attrs += struct.pack("!BBBBBI", 0x40, 2, 6, 2, 1, my_as)          # [AS]
    attrs += struct.pack("!BBB", 0x40, 3, 4) + nexthop.packed
    nbytes = (plen + 7) // 8
    shift = 32 - 8 * nbytes
    step = 1 << (32 - plen)
    per = (MAX_MSG - 19 - 4 - len(attrs)) // (1 + nbytes)
    head_len = 19 + 4 + len(attrs)
    lb = bytes([plen])
    out = []
    for first in range(0, n, per):
        k = min(per, n - first)
        addr = base + first * step
        nlri = b"".join(lb + ((addr + i * step) >> shift).to_bytes(nbytes, "big")
                        for i in range(k))
        out.append(MARKER + struct.pack("!HBHH", head_len + len(nlri), UPDATE,
                                        0, len(attrs)) + attrs + nlri)
    out.append(msg(UPDATE, b"\0\0\0\0"))                             # EoR
    return b"".join(out)


def log_event(path, line):
    if path:
        with open(path, "a") as f:
            f.write(line + "\n")
    else:
        print(line, file=sys.stderr, flush=True)


def session(s, addr, a, table, n):
    peer = addr[0]
    c = Conn(s)
    log_event(a.events, "connected %s %.6f" % (peer, time.time()))
    try:
        _, hold = handshake(c, a.my_as, a.id)
        ka = min(HOLD, hold) / 3 if hold else HOLD / 3
        log_event(a.events, "established %s %.6f" % (peer, time.time()))
        s.sendall(table)
        log_event(a.events, "sent %s %.6f %d %d" % (peer, time.time(), n, len(table)))
        last = time.time()
        while True:
            if time.time() - last >= ka:
                s.sendall(msg(KEEPALIVE))
                last = time.time()
            if not c.fill(1):
                raise EOFError("connection closed")
            while True:
                m = c.next()
                if m is None:
                    break
                if m[0] == NOTIFICATION:
                    raise ValueError("NOTIFICATION %d/%d" % (m[1][0], m[1][1]))
    except (OSError, ValueError, EOFError, struct.error) as e:
        log_event(a.events, "closed %s %.6f %s" % (peer, time.time(), e))


def serve(a):
    n = a.n
    base = int(ipaddress.IPv4Address(a.base))
    step = 1 << (32 - a.plen)
    if base % step or base + n * step > 1 << 32:
        sys.exit("bgpbench: %d /%d prefixes do not fit from %s" % (n, a.plen, a.base))
    nexthop = ipaddress.IPv4Address(a.nexthop or a.listen)
    table = build_table(n, base, a.plen, a.my_as, nexthop)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((a.listen, 179))
    ls.listen(16)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # no zombies
    print("ready", flush=True)
    while True:
        s, addr = ls.accept()
        if os.fork() == 0:
            ls.close()
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            session(s, addr, a, table, n)
            os._exit(0)
        s.close()


def sink(a):
    s = socket.create_connection((a.peer, 179), timeout=60,
                                 source_address=(a.local, 0))
    s.settimeout(None)
    c = Conn(s)
    handshake(c, a.my_as, a.local, gr=True)
    print("established %.6f" % time.time(), flush=True)
    prefixes = updates = octets = 0
    last = time.time()
    while True:
        if time.time() - last >= HOLD / 3:
            s.sendall(msg(KEEPALIVE))
            last = time.time()
        m = c.read(1)
        if m is None:
            continue
        t, body = m
        if t == NOTIFICATION:
            sys.exit("sink: NOTIFICATION %d/%d" % (body[0], body[1]))
        if t != UPDATE:
            continue
        updates += 1
        octets += 19 + len(body)
        wl = struct.unpack_from("!H", body)[0]
        al = struct.unpack_from("!H", body, 2 + wl)[0]
        nlri = body[4 + wl + al:]
        if wl == 0 and al == 0 and not nlri:
            break                                   # End-of-RIB
        # /32s (five octets each, all starting with 32) counted at C speed
        if len(nlri) % 5 == 0 and nlri[::5].count(32) == len(nlri) // 5:
            prefixes += len(nlri) // 5
        else:
            i = 0
            while i < len(nlri):
                i += 1 + (nlri[i] + 7) // 8
                prefixes += 1
        if a.expect and prefixes >= a.expect:
            break
    print("done %.6f %d %d %d" % (time.time(), prefixes, updates, octets), flush=True)
    try:
        s.sendall(notification(6, 2))               # Cease, shutdown
        s.close()
    except OSError:
        pass


def recv_until(s, until):
    """Read from s until until(what was read) is true or EOF."""
    buf = b""
    while not until(buf):
        d = s.recv(65536)
        if not d:
            break
        buf += d
    return buf


def unix_ask(path, data, until, greeting=None):
    """Send data on a Unix stream socket (after a greeting that ends when
    greeting(it) is true, if any) and read the reply until until(reply) is
    true or EOF; the reply as text."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    try:
        s.connect(path)
        if greeting and not greeting(recv_until(s, greeting)):
            raise EOFError("closed before its greeting ended")
        s.sendall(data)
        return recv_until(s, until).decode("utf-8", "replace")
    finally:
        s.close()


def bird_last_line(buf):
    """A BIRD CLI reply ends with a line "NNNN " (a code and a space)."""
    lines = buf.split(b"\n")
    return any(len(ln) >= 5 and ln[:4].isdigit() and ln[4:5] == b" "
               for ln in lines[:-1])


def poll_podnetd(path):
    """(established peers, routes installed)"""
    r = unix_ask(path, b'{"command":"status"}\n', lambda b: b.endswith(b"\n"))
    j = json.loads(r)
    return j["peers"]["established"], j["routes"]["installed"]


def poll_bird(path):
    """(Established BGP sessions, routes its kernel protocol k4 exported)"""
    reply = unix_ask(path, b"show protocols all\n", bird_last_line,
                     greeting=bird_last_line)
    exported = est = 0
    proto = None
    for ln in reply.split("\n"):
        # "1002-k4   Kernel  master4 ..." starts a protocol's lines
        if len(ln) > 5 and ln[:4].isdigit() and ln[4] in "- " and ln[5:6] != " ":
            proto = ln[5:].split()[0]
        f = ln.split()
        if proto == "k4" and "Routes:" in f and "exported," in f:
            exported = int(f[f.index("exported,") - 1])
        if "BGP state:" in ln and f[-1] == "Established":
            est += 1
    return est, exported


def converge(a):
    nodes = []
    for spec in a.sockets:
        kind, _, path = spec.partition(":")
        if kind not in ("podnetd", "bird"):
            sys.exit("bgpbench: KIND podnetd or bird, not %r" % kind)
        nodes.append((kind, path))
    up = set()
    done = set()
    end = time.time() + a.timeout
    while len(done) < len(nodes):
        t = time.time()
        if t > end:
            print("timeout %.6f %s" % (t, " ".join(p for k, p in nodes if p not in done)),
                  flush=True)
            return 1
        for kind, path in nodes:
            if path in done:
                continue
            try:
                est, n = (poll_podnetd if kind == "podnetd" else poll_bird)(path)
            except (OSError, ValueError, KeyError, EOFError):
                continue
            now = time.time()
            if est and path not in up:
                up.add(path)
                print("up %.6f %s" % (now, path), flush=True)
            if n >= a.expect:
                done.add(path)
                print("node %.6f %s %d" % (now, path, n), flush=True)
        print("round %.6f %.3f" % (t, time.time() - t), flush=True)
        left = a.interval - (time.time() - t)
        if left > 0 and len(done) < len(nodes):
            time.sleep(left)
    print("done %.6f" % time.time(), flush=True)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("serve")
    p.add_argument("n", type=int)
    p.add_argument("--listen", required=True)
    p.add_argument("--as", dest="my_as", type=int, required=True)
    p.add_argument("--id", help="BGP identifier (default: --listen)")
    p.add_argument("--base", default="10.0.0.0")
    p.add_argument("--plen", type=int, default=32)
    p.add_argument("--nexthop")
    p.add_argument("--events")
    p = sub.add_parser("sink")
    p.add_argument("--peer", required=True)
    p.add_argument("--local", required=True)
    p.add_argument("--as", dest="my_as", type=int, required=True)
    p.add_argument("--expect", type=int, default=0)
    p = sub.add_parser("converge")
    p.add_argument("--expect", type=int, required=True)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--interval", type=float, default=0.2)
    p.add_argument("sockets", nargs="+", metavar="KIND:SOCKET")
    a = ap.parse_args()
    if a.cmd == "serve":
        a.id = a.id or a.listen
        serve(a)
    elif a.cmd == "sink":
        sink(a)
    else:
        sys.exit(converge(a))


if __name__ == "__main__":
    main()
