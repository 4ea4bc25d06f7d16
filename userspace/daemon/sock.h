/* SPDX-License-Identifier: GPL-2.0 */
/* BGP's TCP sockets: TCP MD5, TTL, source address, the listener. */
#ifndef PODNETD_SOCK_H
#define PODNETD_SOCK_H

#include <stdint.h>
#include <sys/socket.h>

#include "podnet.h"

#define BGP_PORT 179

void sock_addr_make(struct sockaddr_storage *ss, socklen_t *len,
		    const struct podnet_addr *a, uint16_t port, int family);
/* An IPv4-mapped IPv6 address becomes IPv4. */
void sock_addr_read(const struct sockaddr_storage *ss, struct podnet_addr *a);
int sock_md5_set(int fd, int sock_family, const struct podnet_addr *peer,
		 const char *password);
/* A nonblocking connect() begun: the fd, or -errno. */
int sock_connect(const struct podnet_addr *peer, uint16_t port,
		 const struct podnet_addr *source, const char *password,
		 int ttl);
int sock_listen(uint16_t port);

#endif
