// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>

#include "sock.h"

void sock_addr_make(struct sockaddr_storage *ss, socklen_t *len,
		    const struct podnet_addr *a, uint16_t port, int family)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		sin->sin_addr = a->v4;
		*len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		if (a->family == AF_INET) {
			/* on a dual-stack socket, an IPv4 peer is mapped */
			sin6->sin6_addr.s6_addr[10] = 0xff;
			sin6->sin6_addr.s6_addr[11] = 0xff;
			memcpy(&sin6->sin6_addr.s6_addr[12], &a->v4, 4);
		} else {
			sin6->sin6_addr = a->v6;
		}
		*len = sizeof(*sin6);
	}
}

void sock_addr_read(const struct sockaddr_storage *ss, struct podnet_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET) {
		a->family = AF_INET;
		a->v4 = ((const struct sockaddr_in *)ss)->sin_addr;
		return;
	}
	a->family = AF_INET6;
	a->v6 = ((const struct sockaddr_in6 *)ss)->sin6_addr;
	if (IN6_IS_ADDR_V4MAPPED(&a->v6)) {
		struct in_addr v4;

		memcpy(&v4, &a->v6.s6_addr[12], 4);
		a->family = AF_INET;
		a->v4 = v4;
	}
}

/* RFC 2385; on a listener it makes the kernel require it from that peer. */
int sock_md5_set(int fd, int sock_family, const struct podnet_addr *peer,
		 const char *password)
{
	struct tcp_md5sig sig;
	socklen_t len;
	size_t klen = strlen(password);

	if (klen > TCP_MD5SIG_MAXKEYLEN)
		return -EINVAL;
	memset(&sig, 0, sizeof(sig));
	sock_addr_make((struct sockaddr_storage *)&sig.tcpm_addr, &len, peer, 0,
		       sock_family);
	sig.tcpm_keylen = klen;
	memcpy(sig.tcpm_key, password, klen);
	if (setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &sig, sizeof(sig)))
		return -errno;
	return 0;
}

static int sock_ttl(int fd, int family, int ttl)
{
	if (family == AF_INET)
		return setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl));
	return setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl,
			  sizeof(ttl));
}

int sock_connect(const struct podnet_addr *peer, uint16_t port,
		 const struct podnet_addr *source, const char *password,
		 int ttl)
{
	struct sockaddr_storage ss;
	int fd, err, one = 1;
	socklen_t len;

	fd = socket(peer->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    IPPROTO_TCP);
	if (fd < 0)
		return -errno;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (*password) {
		err = sock_md5_set(fd, peer->family, peer, password);
		if (err)
			goto fail_err;
	}
	if (ttl && sock_ttl(fd, peer->family, ttl))
		goto fail;
	/* peers know us by our underlay address, not whatever routes pick */
	if (source && source->family == peer->family) {
		sock_addr_make(&ss, &len, source, 0, peer->family);
		if (bind(fd, (struct sockaddr *)&ss, len))
			goto fail;
	}
	sock_addr_make(&ss, &len, peer, port, peer->family);
	if (connect(fd, (struct sockaddr *)&ss, len) && errno != EINPROGRESS)
		goto fail;
	return fd;
fail:
	err = -errno;
fail_err:
	close(fd);
	return err;
}

/* One dual-stack socket, or IPv4 alone where IPv6 is off. */
int sock_listen(uint16_t port)
{
	struct sockaddr_storage ss;
	struct podnet_addr any;
	int fd, err, one = 1, zero = 0, family = AF_INET6;
	socklen_t len;

	fd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		family = AF_INET;
		fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
		if (fd < 0)
			return -errno;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	memset(&any, 0, sizeof(any));
	any.family = family;
	sock_addr_make(&ss, &len, &any, port, family);
	if (family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_any;
	if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 64)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}
