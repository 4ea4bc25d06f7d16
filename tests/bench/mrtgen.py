#!/usr/bin/env python3
"""Write an MRT TABLE_DUMP_V2 file (RFC 6396) of N IPv4 unicast routes.

    mrtgen.py N FILE [--base 10.0.0.0] [--plen 32] [--nexthop 192.0.2.1]
                     [--as-path "65001"] [--peer-as 65000]

The prefixes are BASE, BASE + 2^(32-PLEN), ... (N of them, consecutive
/PLEN blocks), each with one RIB entry from one peer with the same
attributes: ORIGIN IGP, AS_PATH (one AS_SEQUENCE of --as-path, 4-octet
ASes as TABLE_DUMP_V2 has them; "" for an empty one) and NEXT_HOP. For
`gobgp mrt inject global FILE`, which loads them into gobgpd's global RIB
(tests/bench/bgp.sh). Standard library only; a million routes take a few
seconds.
"""
import argparse
import ipaddress
import struct
import sys
import time

MRT_TABLE_DUMP_V2 = 13
PEER_INDEX_TABLE = 1
RIB_IPV4_UNICAST = 2


def mrt(ts, subtype, body):
    return struct.pack("!IHHI", ts, MRT_TABLE_DUMP_V2, subtype, len(body)) + body


def attrs(as_path, nexthop):
    origin = struct.pack("!BBBB", 0x40, 1, 1, 0)
    if as_path:
        seg = struct.pack("!BB", 2, len(as_path)) + b"".join(
            struct.pack("!I", a) for a in as_path)
    else:
        seg = b""
    aspath = struct.pack("!BBB", 0x40, 2, len(seg)) + seg
    nh = struct.pack("!BBB", 0x40, 3, 4) + nexthop.packed
    return origin + aspath + nh


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("file")
    ap.add_argument("--base", default="10.0.0.0")
    ap.add_argument("--plen", type=int, default=32)
    ap.add_argument("--nexthop", default="192.0.2.1")
    ap.add_argument("--as-path", default="65001")
    ap.add_argument("--peer-as", type=int, default=65000)
    a = ap.parse_args()

    if not 1 <= a.plen <= 32:
        sys.exit("mrtgen: --plen 1..32")
    base = int(ipaddress.IPv4Address(a.base))
    step = 1 << (32 - a.plen)
    if base % step or base + a.n * step > 1 << 32:
        sys.exit("mrtgen: %d /%d prefixes do not fit from %s" % (a.n, a.plen, a.base))
    nexthop = ipaddress.IPv4Address(a.nexthop)
    as_path = [int(x) for x in a.as_path.split()]
    ts = int(time.time())

    # One peer: type 0x02 (AS4, IPv4 address), its BGP ID and address the
    # next hop.
    peers = struct.pack("!BII", 0x02, int(nexthop), int(nexthop)) + \
        struct.pack("!I", a.peer_as)
    pit = struct.pack("!IH", int(nexthop), 0) + struct.pack("!H", 1) + peers

    nbytes = (a.plen + 7) // 8
    entry = attrs(as_path, nexthop)
    # Every RIB record is the same but for its sequence number and prefix.
    tail = struct.pack("!HHIH", 1, 0, ts, len(entry)) + entry
    body_len = 4 + 1 + nbytes + len(tail)
    head = struct.pack("!IHHI", ts, MRT_TABLE_DUMP_V2, RIB_IPV4_UNICAST, body_len)
    plen = bytes([a.plen])
    shift = 32 - 8 * nbytes
    with open(a.file, "wb") as f:
        f.write(mrt(ts, PEER_INDEX_TABLE, pit))
        out = []
        for i in range(a.n):
            p = (base + i * step) >> shift
            out.append(head + struct.pack("!I", i) + plen +
                       p.to_bytes(nbytes, "big") + tail)
            if len(out) >= 65536:
                f.write(b"".join(out))
                out = []
        f.write(b"".join(out))


if __name__ == "__main__":
    main()
