#!/usr/bin/env python3
"""Raw generic netlink checks of podnet's family, for the cases no honest
client sends: malformed attributes, output-only attributes, dumps racing
with changes, multicast events. Prints TAP. Needs the module loaded, a
podnet device DEV with a port PORT, run as root.

    genl_neg.py DEV PORT
"""
import errno
import os
import re
import socket
import struct
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 0x1, 0x2, 0x4
NLM_F_DUMP_INTR, NLM_F_REPLACE, NLM_F_CREATE = 0x10, 0x100, 0x400
NLM_F_DUMP = 0x300
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, NETLINK_EXT_ACK = 270, 1, 11
NLMSGERR_ATTR_MSG = 1
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_MCAST_GROUPS = 1, 2, 7
NLA_F_NESTED = 0x8000


def uapi_enums():
    """Values of every enumerator in podnet's uapi header: the one definition."""
    text = open(os.path.join(TOP, "include/uapi/linux/podnet.h")).read()
    values = {}
    for body in re.findall(r"enum\s*\w*\s*\{(.*?)\};", text, re.S):
        n = 0
        for name in re.findall(r"^\s*(\w+)\s*,", re.sub(r"/\*.*?\*/", "", body, flags=re.S), re.M):
            values[name] = n
            n += 1
    return values


E = uapi_enums()


def attr(kind, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def nest(kind, *attrs):
    return attr(kind | NLA_F_NESTED, b"".join(attrs))


def u32(kind, v):
    return attr(kind, struct.pack("=I", v))


def parse_attrs(data):
    out = {}
    while len(data) >= 4:
        length, kind = struct.unpack_from("=HH", data)
        if length < 4:
            break
        out[kind & 0x3FFF] = data[4:length]
        data = data[(length + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0
        reply = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                             attr(CTRL_ATTR_FAMILY_NAME, b"podnet\0"), ack=False)
        msgs = [m for m in reply if m[0] == GENL_ID_CTRL]
        attrs = parse_attrs(msgs[0][3])
        self.family = struct.unpack("=H", attrs[CTRL_ATTR_FAMILY_ID][:2])[0]
        self.groups = {}
        for grp in parse_attrs(attrs[CTRL_ATTR_MCAST_GROUPS]).values():
            g = parse_attrs(grp)
            self.groups[g[1].rstrip(b"\0").decode()] = struct.unpack("=I", g[2])[0]

    def send(self, family, cmd, payload, flags):
        self.seq += 1
        body = struct.pack("=BBH", cmd, 1, 0) + payload
        self.sock.send(struct.pack("=IHHII", 16 + len(body), family, flags, self.seq, 0) + body)
        return self.seq

    def recv(self):
        """One datagram: list of (type, flags, error-or-None, payload)."""
        data = self.sock.recv(65536)
        msgs = []
        while len(data) >= 16:
            length, kind, flags, _, _ = struct.unpack_from("=IHHII", data)
            payload = data[16:length]
            if kind == NLMSG_ERROR:
                err = -struct.unpack_from("=i", payload)[0]
                msg = ""
                if flags & NLM_F_ACK_TLVS:
                    inner_len = struct.unpack_from("=I", payload, 4)[0]
                    skip = 4 + (16 if flags & 0x100 else inner_len)
                    tlv = parse_attrs(payload[skip:])
                    msg = tlv.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0").decode()
                msgs.append((kind, flags, (err, msg), b""))
            else:
                msgs.append((kind, flags, None, payload[4:]))
            data = data[(length + 3) & ~3:]
        return msgs

    def request(self, family, cmd, payload, ack=True, flags=0):
        self.send(family, cmd, payload, NLM_F_REQUEST | (NLM_F_ACK if ack else 0) | flags)
        out = []
        while True:
            msgs = self.recv()
            out += msgs
            if any(m[0] in (NLMSG_ERROR, NLMSG_DONE) for m in msgs) or not ack and msgs:
                return out

    def call(self, cmd, payload, flags=0):
        """(errno, extack message) of a podnet request; errno 0 on success."""
        for kind, _, err, _ in self.request(self.family, cmd, payload, flags=flags):
            if kind == NLMSG_ERROR:
                return err
        return (0, "")


n = 0
failed = 0


def check(what, good, diag=""):
    global n, failed
    n += 1
    if good:
        print(f"ok {n} - {what}")
    else:
        failed += 1
        print(f"not ok {n} - {what}")
        if diag:
            print(f"# {diag}")


def refused(what, result, code, pattern):
    err, msg = result
    check(what, err == code and re.search(pattern, msg, re.I) is not None,
          f"got errno {err} ({errno.errorcode.get(err)}), message {msg!r}")


def main():
    dev, port = sys.argv[1], sys.argv[2]
    g = Genl()
    name = attr(E["PODNET_A_IFNAME"], dev.encode() + b"\0")
    port_ifindex = socket.if_nametoindex(port)
    cmd = lambda c: E["PODNET_CMD_" + c]

    check("a well-formed DEV_GET succeeds", g.call(cmd("DEV_GET"), name) == (0, ""))
    refused("unknown attribute type is refused", g.call(cmd("DEV_GET"), name + u32(E["__PODNET_A_MAX"], 1)),
            errno.EINVAL, "unknown attribute|attribute type")
    refused("an attribute of the wrong size is refused",
            g.call(cmd("DEV_GET"), attr(E["PODNET_A_IFINDEX"], b"\1\0")), errno.EINVAL,
            "length|size|range")
    refused("an output-only attribute is refused on input",
            g.call(cmd("DEV_SET"), name + u32(E["PODNET_A_FDB_COUNT"], 1)), errno.EINVAL, ".")
    refused("mode out of range is refused", g.call(cmd("DEV_SET"), name + u32(E["PODNET_A_MODE"], 7)),
            errno.ERANGE, "range")
    refused("ageing below the minimum is refused",
            g.call(cmd("DEV_SET"), name + u32(E["PODNET_A_AGEING_TIME"], 5)), errno.ERANGE, "range")
    refused("a request naming no device is refused", g.call(cmd("DEV_GET"), b""), errno.EINVAL, "no device")
    refused("an unknown device is refused",
            g.call(cmd("DEV_GET"), attr(E["PODNET_A_IFNAME"], b"nosuchdev0\0")), errno.ENODEV, "no such device")
    refused("a device that is not podnet is refused",
            g.call(cmd("DEV_GET"), attr(E["PODNET_A_IFNAME"], b"lo\0")), errno.EMEDIUMTYPE, "not a podnet")
    v4 = attr(E["PODNET_EP_A_IPV4"], socket.inet_pton(socket.AF_INET, "10.77.0.1"))
    v6 = attr(E["PODNET_EP_A_IPV6"], socket.inet_pton(socket.AF_INET6, "fd00:77::1"))
    p = u32(E["PODNET_EP_A_PORT"], port_ifindex)
    refused("an endpoint with two addresses is refused",
            g.call(cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"], v4, v6, p)), errno.EINVAL, "exactly one")
    refused("a truncated IPv6 address is refused",
            g.call(cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"], attr(E["PODNET_EP_A_IPV6"], b"\xfd" * 8), p)),
            errno.ERANGE, "size")
    refused("a multicast endpoint address is refused",
            g.call(cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"],
                   attr(E["PODNET_EP_A_IPV4"], socket.inet_pton(socket.AF_INET, "224.0.0.1")), p)),
            errno.EINVAL, "unicast")
    refused("an endpoint without a port is refused",
            g.call(cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"], v4)), errno.EINVAL, "needs a port")

    # Events: a listener hears an endpoint being added.
    listener = Genl()
    listener.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, listener.groups["events"])
    check("endpoint add", g.call(cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"], v4, p)) == (0, ""))
    listener.sock.settimeout(5)
    event = listener.recv()
    heard = [m for m in event if m[0] == g.family]
    body = heard and parse_attrs(heard[0][3])
    ep = body and parse_attrs(body.get(E["PODNET_A_ENDPOINT"], b""))
    check("the events group announces it",
          bool(heard) and heard[0][3] is not None and ep.get(E["PODNET_EP_A_IPV4"]) == socket.inet_pton(socket.AF_INET, "10.77.0.1"),
          repr(event))

    # Consistent dumps: enough endpoints that a dump spans many reads.
    count = 3000
    for i in range(count):
        a = attr(E["PODNET_EP_A_IPV4"], struct.pack("!I", 0x0A4E0000 + i + 1))
        g.send(g.family, cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"], a, p), NLM_F_REQUEST)
    check(f"{count} endpoints added", g.call(cmd("DEV_GET"), name)[0] == 0)

    def dump(disturb=None):
        d = Genl()
        d.send(d.family, cmd("ENDPOINT_GET"), name, NLM_F_REQUEST | NLM_F_DUMP)
        seen, intr, reads = 0, False, 0
        while True:
            msgs = d.recv()
            reads += 1
            if reads == 1 and disturb:
                disturb()
            for kind, flags, err, _ in msgs:
                intr |= bool(flags & NLM_F_DUMP_INTR)
                if kind == d.family:
                    seen += 1
                if kind == NLMSG_DONE or kind == NLMSG_ERROR:
                    return seen, intr, reads

    seen, intr, reads = dump()
    check(f"an undisturbed dump sees every endpoint, unflagged ({seen} in {reads} reads)",
          seen == count + 1 and not intr and reads > 2)
    extra = attr(E["PODNET_EP_A_IPV4"], socket.inet_pton(socket.AF_INET, "10.77.0.2"))
    seen, intr, reads = dump(lambda: g.call(cmd("ENDPOINT_ADD"), name + nest(E["PODNET_A_ENDPOINT"], extra, p)))
    check("a dump racing with a change is flagged NLM_F_DUMP_INTR", intr, f"seen {seen} in {reads} reads")

    print(f"1..{n}")
    return 1 if failed else 0


sys.exit(main())
