/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libpodnet: the netlink library every podnet tool uses.
 *
 * Functions that talk to the kernel return 0 or a negative errno. When the
 * kernel refuses a request with an extended ack message, that message is
 * copied into errbuf; otherwise errbuf holds a short description of the
 * failure, or is empty. errbuf may be NULL when errlen is 0.
 *
 * The message builders and parsers never touch a socket, so they can be
 * tested without a kernel.
 */
#ifndef PODNET_H
#define PODNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/podnet.h>

struct nl_msg;
struct nlmsghdr;

struct podnet_link_params {
	bool mode_set;
	enum podnet_mode mode;
};

struct podnet_link_info {
	int ifindex;
	enum podnet_mode mode;
};

int podnet_mode_from_string(const char *s, enum podnet_mode *mode);
const char *podnet_mode_to_string(enum podnet_mode mode);

int podnet_link_add(const char *name, const struct podnet_link_params *p,
		    char *errbuf, size_t errlen);
/* Deletes only a podnet device: -EMEDIUMTYPE for any other. */
int podnet_link_del(const char *name, char *errbuf, size_t errlen);
int podnet_link_get(const char *name, struct podnet_link_info *info,
		    char *errbuf, size_t errlen);

/*
 * Test hook: RTM_NEWLINK of kind podnet whose IFLA_INFO_DATA holds exactly
 * one attribute with the given type and payload, however malformed.
 */
#define PODNET_RAW_PAYLOAD_MAX 4096
int podnet_link_add_raw(const char *name, uint16_t type, const void *payload,
			size_t len, char *errbuf, size_t errlen);

/* Builders: a new request, or NULL when out of memory or too long. */
struct nl_msg *podnet_newlink_msg(const char *name,
				  const struct podnet_link_params *p);
struct nl_msg *podnet_newlink_raw_msg(const char *name, uint16_t type,
				      const void *payload, size_t len);
struct nl_msg *podnet_getlink_msg(const char *name);
struct nl_msg *podnet_dellink_msg(int ifindex);

/*
 * Parsers. podnet_link_parse() fails with -EMEDIUMTYPE for a link that is
 * not a podnet device and -EBADMSG for a malformed message, leaving *info
 * unchanged.
 * podnet_nlmsgerr_parse() returns the error an NLMSG_ERROR message carries
 * (0 for an ack) and copies its extended ack message, if any, into msgbuf.
 */
int podnet_link_parse(const struct nlmsghdr *nlh, struct podnet_link_info *info);
int podnet_nlmsgerr_parse(const struct nlmsghdr *nlh, char *msgbuf,
			  size_t msglen);

#endif /* PODNET_H */
