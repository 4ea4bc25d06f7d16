// SPDX-License-Identifier: GPL-2.0
/*
 * udptun: a small userspace UDP/TUN encapsulator, the baseline for Flannel's
 * UDP backend (flanneld's proxy: one TUN device, one UDP socket, poll(), one
 * packet per system call). Benchmark code, not part of podnet.
 *
 * Every IP packet read from the TUN device is sent, as is, in one UDP
 * datagram to the node whose pod prefix holds its destination (longest
 * prefix wins); every datagram received from a known node is written to the
 * TUN device. Datagrams from other addresses, packets without a route and
 * malformed packets are dropped and counted. SIGUSR1 prints the counters;
 * SIGINT and SIGTERM print them and exit.
 *
 *   udptun -i TUN -l LOCAL[:PORT] [-p PORT] PREFIX=NODE...
 *
 * Example (Flannel's UDP port is 8285):
 *   udptun -i flannel0 -l 192.168.1.11 10.244.2.0/24=192.168.1.12
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define DEFAULT_PORT	8285
#define MAX_ROUTES	1024
#define BUF_SIZE	65536
#define BUDGET		64	/* packets per fd before polling again */

struct route {
	int family;		/* inner: AF_INET or AF_INET6 */
	uint8_t prefix[16];
	unsigned int plen;
	struct sockaddr_storage node;
	socklen_t node_len;
};

static struct route routes[MAX_ROUTES];
static unsigned int nroutes;
static int ul_family;		/* underlay family, from -l */
static uint16_t port = DEFAULT_PORT;

static struct {
	unsigned long long tun_rx, udp_tx, udp_rx, tun_tx;
	unsigned long long no_route, bad_packet, unknown_peer, tx_errors;
} stats;

static volatile sig_atomic_t want_stats, want_exit;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: udptun -i TUN -l LOCAL[:PORT] [-p PORT] PREFIX=NODE...\n"
		"\n"
		"Carries the IP packets of TUN device TUN in UDP datagrams between\n"
		"nodes, one packet per datagram, as Flannel's UDP backend does.\n"
		"\n"
		"  -i TUN           TUN device to attach to (created if missing)\n"
		"  -l LOCAL[:PORT]  underlay address to bind; IPv6 as [ADDR]:PORT\n"
		"  -p PORT          UDP port, on this node and on every peer\n"
		"                   (default %d, Flannel's)\n"
		"  PREFIX=NODE      packets to PREFIX (IPv4 or IPv6, ADDR/LEN) go to\n"
		"                   node address NODE (same family as LOCAL)\n"
		"\n"
		"SIGUSR1 prints counters on standard error; SIGINT/SIGTERM print them\n"
		"and exit.\n", DEFAULT_PORT);
}

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("udptun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		want_stats = 1;
	else
		want_exit = 1;
}

static void print_stats(void)
{
	fprintf(stderr,
		"udptun: tun_rx %llu udp_tx %llu udp_rx %llu tun_tx %llu "
		"no_route %llu bad_packet %llu unknown_peer %llu tx_errors %llu\n",
		stats.tun_rx, stats.udp_tx, stats.udp_rx, stats.tun_tx,
		stats.no_route, stats.bad_packet, stats.unknown_peer,
		stats.tx_errors);
}

static unsigned int parse_port(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v == 0 || v > 65535)
		die("bad port '%s': 1 to 65535", s);
	return v;
}

/* ADDR (IPv4 or IPv6) into a sockaddr with port 0. */
static bool parse_sockaddr(const char *s, struct sockaddr_storage *ss,
			   socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		*len = sizeof(*sin);
		return true;
	}
	if (inet_pton(AF_INET6, s, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		*len = sizeof(*sin6);
		return true;
	}
	return false;
}

static void set_port(struct sockaddr_storage *ss, uint16_t p)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(p);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons(p);
}

/* -l: ADDR, ADDR:PORT, [ADDR6] or [ADDR6]:PORT; returns PORT or 0. */
static unsigned int parse_local(const char *arg, struct sockaddr_storage *ss,
				socklen_t *len)
{
	char buf[INET6_ADDRSTRLEN + 16], *addr = buf, *p = NULL;

	if (strlen(arg) >= sizeof(buf))
		die("bad local address '%s'", arg);
	strcpy(buf, arg);
	if (buf[0] == '[') {
		addr = buf + 1;
		p = strchr(addr, ']');
		if (!p || (p[1] != '\0' && p[1] != ':'))
			die("bad local address '%s': [IPV6]:PORT", arg);
		*p++ = '\0';
		p = *p == ':' ? p + 1 : NULL;
	} else if (strchr(buf, ':') == strrchr(buf, ':') && strchr(buf, ':')) {
		p = strchr(buf, ':');	/* exactly one colon: IPv4:PORT */
		*p++ = '\0';
	}
	if (!parse_sockaddr(addr, ss, len))
		die("bad local address '%s'", arg);
	return p ? parse_port(p) : 0;
}

static void add_route(const char *arg)
{
	char buf[128], *eq, *slash, *end;
	struct route *r;
	unsigned long plen;
	unsigned int max;

	if (nroutes == MAX_ROUTES)
		die("too many routes (at most %d)", MAX_ROUTES);
	if (strlen(arg) >= sizeof(buf))
		die("bad route '%s': PREFIX=NODE", arg);
	strcpy(buf, arg);
	eq = strchr(buf, '=');
	slash = strchr(buf, '/');
	if (!eq || !slash || slash > eq)
		die("bad route '%s': PREFIX/LEN=NODE", arg);
	*eq = '\0';
	*slash = '\0';
	r = &routes[nroutes];
	if (inet_pton(AF_INET, buf, r->prefix) == 1) {
		r->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, r->prefix) == 1) {
		r->family = AF_INET6;
		max = 128;
	} else {
		die("bad prefix in route '%s'", arg);
	}
	errno = 0;
	plen = strtoul(slash + 1, &end, 10);
	if (errno || slash[1] == '\0' || *end != '\0' || plen > max)
		die("bad prefix length in route '%s': 0 to %u", arg, max);
	r->plen = plen;
	if (!parse_sockaddr(eq + 1, &r->node, &r->node_len))
		die("bad node address in route '%s'", arg);
	nroutes++;
}

static bool prefix_match(const uint8_t *addr, const uint8_t *prefix,
			 unsigned int plen)
{
	unsigned int bytes = plen / 8, bits = plen % 8;
	uint8_t mask;

	if (memcmp(addr, prefix, bytes))
		return false;
	if (!bits)
		return true;
	mask = 0xff << (8 - bits);
	return (addr[bytes] & mask) == (prefix[bytes] & mask);
}

/* The node for an inner destination: longest prefix, or NULL. */
static const struct route *lookup(int family, const uint8_t *dst)
{
	const struct route *best = NULL;
	unsigned int i;

	for (i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];

		if (r->family != family || (best && r->plen <= best->plen))
			continue;
		if (prefix_match(dst, r->prefix, r->plen))
			best = r;
	}
	return best;
}

static bool known_node(const struct sockaddr_storage *from)
{
	unsigned int i;

	for (i = 0; i < nroutes; i++) {
		const struct sockaddr_storage *n = &routes[i].node;

		if (n->ss_family != from->ss_family)
			continue;
		if (from->ss_family == AF_INET &&
		    ((const struct sockaddr_in *)n)->sin_addr.s_addr ==
		    ((const struct sockaddr_in *)from)->sin_addr.s_addr)
			return true;
		if (from->ss_family == AF_INET6 &&
		    !memcmp(&((const struct sockaddr_in6 *)n)->sin6_addr,
			    &((const struct sockaddr_in6 *)from)->sin6_addr,
			    sizeof(struct in6_addr)))
			return true;
	}
	return false;
}

static int tun_open(const char *name)
{
	struct ifreq ifr;
	int fd;

	if (strlen(name) >= IFNAMSIZ)
		die("TUN name '%s' longer than %d characters", name, IFNAMSIZ - 1);
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		die("/dev/net/tun: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	strcpy(ifr.ifr_name, name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0)
		die("attaching to TUN device %s: %s", name, strerror(errno));
	return fd;
}

/* TUN -> UDP: up to BUDGET packets. */
static void tun_to_udp(int tun, int sock, uint8_t *buf)
{
	const struct route *r;
	const uint8_t *dst;
	int i, family;
	ssize_t n;

	for (i = 0; i < BUDGET; i++) {
		n = read(tun, buf, BUF_SIZE);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			die("reading the TUN device: %s", strerror(errno));
		}
		stats.tun_rx++;
		if (n >= 20 && buf[0] >> 4 == 4) {
			family = AF_INET;
			dst = buf + 16;
		} else if (n >= 40 && buf[0] >> 4 == 6) {
			family = AF_INET6;
			dst = buf + 24;
		} else {
			stats.bad_packet++;
			continue;
		}
		r = lookup(family, dst);
		if (!r) {
			stats.no_route++;
			continue;
		}
		if (sendto(sock, buf, n, 0, (const struct sockaddr *)&r->node,
			   r->node_len) < 0)
			stats.tx_errors++;	/* EAGAIN too: drop, as a NIC would */
		else
			stats.udp_tx++;
	}
}

/* UDP -> TUN: up to BUDGET datagrams. */
static void udp_to_tun(int sock, int tun, uint8_t *buf)
{
	struct sockaddr_storage from;
	socklen_t len;
	ssize_t n;
	int i;

	for (i = 0; i < BUDGET; i++) {
		len = sizeof(from);
		n = recvfrom(sock, buf, BUF_SIZE, 0, (struct sockaddr *)&from,
			     &len);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			die("receiving: %s", strerror(errno));
		}
		stats.udp_rx++;
		if (!known_node(&from)) {
			stats.unknown_peer++;	/* no open relay */
			continue;
		}
		if (n < 20 || (buf[0] >> 4 != 4 && buf[0] >> 4 != 6)) {
			stats.bad_packet++;
			continue;
		}
		if (write(tun, buf, n) < 0)
			stats.tx_errors++;
		else
			stats.tun_tx++;
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_storage local;
	struct sigaction sa;
	struct pollfd pfd[2];
	const char *tun_name = NULL, *local_arg = NULL;
	bool port_given = false;
	socklen_t local_len;
	unsigned int i, lport;
	uint8_t *buf;
	int opt, tun, sock, one = 1;

	while ((opt = getopt(argc, argv, "hi:l:p:")) != -1) {
		switch (opt) {
		case 'i':
			tun_name = optarg;
			break;
		case 'l':
			local_arg = optarg;
			break;
		case 'p':
			port = parse_port(optarg);
			port_given = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!tun_name || !local_arg || optind == argc) {
		usage(stderr);
		return 2;
	}
	lport = parse_local(local_arg, &local, &local_len);
	if (lport && port_given && lport != port)
		die("two ports given: -p %u and -l ...:%u", port, lport);
	if (lport)
		port = lport;
	ul_family = local.ss_family;
	for (i = optind; i < (unsigned int)argc; i++)
		add_route(argv[i]);
	for (i = 0; i < nroutes; i++) {
		if (routes[i].node.ss_family != ul_family)
			die("route %s: node address family differs from -l",
			    argv[optind + i]);
		set_port(&routes[i].node, port);
	}
	set_port(&local, port);

	buf = malloc(BUF_SIZE);
	if (!buf)
		die("out of memory");
	sock = socket(ul_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (sock < 0)
		die("socket: %s", strerror(errno));
	setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(sock, (struct sockaddr *)&local, local_len) < 0)
		die("binding %s port %u: %s", local_arg, port, strerror(errno));
	tun = tun_open(tun_name);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);

	fprintf(stderr, "udptun: %s <-> udp %s port %u, %u route%s\n",
		tun_name, local_arg, port, nroutes, nroutes == 1 ? "" : "s");
	pfd[0] = (struct pollfd){ .fd = tun, .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = sock, .events = POLLIN };
	while (!want_exit) {
		if (want_stats) {
			want_stats = 0;
			print_stats();
		}
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			die("TUN device %s went away", tun_name);
		if (pfd[0].revents & POLLIN)
			tun_to_udp(tun, sock, buf);
		if (pfd[1].revents & POLLIN)
			udp_to_tun(sock, tun, buf);
	}
	print_stats();
	return 0;
}
