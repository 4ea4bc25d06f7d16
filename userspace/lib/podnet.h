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
#include <net/if.h>
#include <netinet/in.h>
#include <linux/podnet.h>

struct nl_msg;
struct nlmsghdr;

#define PODNET_MAC_LEN 6

/* Link attributes, rtnetlink (ip link add ... type podnet). */

struct podnet_link_params {
	bool mode_set;
	enum podnet_mode mode;
	bool ageing_time_set;
	uint32_t ageing_time;		/* seconds */
};

struct podnet_link_info {
	int ifindex;
	enum podnet_mode mode;
	uint32_t ageing_time;		/* seconds */
};

int podnet_mode_from_string(const char *s, enum podnet_mode *mode);
const char *podnet_mode_to_string(enum podnet_mode mode);

int podnet_link_add(const char *name, const struct podnet_link_params *p,
		    char *errbuf, size_t errlen);
/* Deletes only a podnet device: -EMEDIUMTYPE for any other. */
int podnet_link_del(const char *name, char *errbuf, size_t errlen);
/* -ENODEV: no such device; -EMEDIUMTYPE: not a podnet device. */
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
 * (0 for an ack) and copies its extended ack message, if any, into msgbuf;
 * podnet_nldone_parse() does the same for the NLMSG_DONE ending a dump.
 */
int podnet_link_parse(const struct nlmsghdr *nlh, struct podnet_link_info *info);
int podnet_nlmsgerr_parse(const struct nlmsghdr *nlh, char *msgbuf,
			  size_t msglen);
int podnet_nldone_parse(const struct nlmsghdr *nlh, char *msgbuf,
			size_t msglen);

/*
 * Generic netlink family "podnet". Every call that names a device (dev)
 * fails with
 *   -ENOPKG       the family is not registered: podnet.ko is not loaded;
 *   -ENODEV       no such device;
 *   -EMEDIUMTYPE  the device is not a podnet device;
 * and every dump with -EAGAIN when the table kept changing under it.
 */

struct podnet_addr {
	int family;			/* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

struct podnet_dev {
	int ifindex;
	char name[IF_NAMESIZE];
	enum podnet_mode mode;
	uint32_t ageing_time;		/* seconds */
	uint32_t port_count;
	uint32_t endpoint_count;
	uint32_t fdb_count;
};

struct podnet_dev_params {
	bool mode_set;
	enum podnet_mode mode;
	bool ageing_time_set;
	uint32_t ageing_time;		/* seconds */
};

struct podnet_port {
	int ifindex;
	bool hairpin;
};

struct podnet_endpoint {
	struct podnet_addr addr;
	int port_ifindex;
	bool has_mac;			/* reported once the pod has sent */
	uint8_t mac[PODNET_MAC_LEN];
};

struct podnet_fdb_entry {
	uint8_t mac[PODNET_MAC_LEN];
	int port_ifindex;		/* the podnet device for a local entry */
	uint32_t age_ms;
	uint32_t flags;			/* PODNET_FDB_F_* */
};

/* Indexed by PODNET_STATS_A_*; bit n of reported: counter[n] is valid. */
struct podnet_stats {
	uint64_t counter[__PODNET_STATS_A_MAX];
	uint32_t reported;
};

/* "rx_packets" for PODNET_STATS_A_RX_PACKETS; NULL for no counter. */
const char *podnet_stats_name(unsigned int attr);

/* Lists are arrays for the caller to free(); NULL and 0 after an error. */
int podnet_dev_get(const char *dev, struct podnet_dev *out,
		   char *errbuf, size_t errlen);
int podnet_dev_list(struct podnet_dev **devs, size_t *count,
		    char *errbuf, size_t errlen);
int podnet_dev_set(const char *dev, const struct podnet_dev_params *p,
		   char *errbuf, size_t errlen);
int podnet_port_list(const char *dev, struct podnet_port **ports,
		     size_t *count, char *errbuf, size_t errlen);
int podnet_port_set(const char *dev, const struct podnet_port *port,
		    char *errbuf, size_t errlen);
/* -EEXIST when the address has an endpoint, unless replace. */
int podnet_endpoint_add(const char *dev, const struct podnet_endpoint *ep,
			bool replace, char *errbuf, size_t errlen);
int podnet_endpoint_del(const char *dev, const struct podnet_addr *addr,
			char *errbuf, size_t errlen);
int podnet_endpoint_list(const char *dev, struct podnet_endpoint **eps,
			 size_t *count, char *errbuf, size_t errlen);
int podnet_fdb_list(const char *dev, struct podnet_fdb_entry **entries,
		    size_t *count, char *errbuf, size_t errlen);
int podnet_stats_get(const char *dev, struct podnet_stats *stats,
		     char *errbuf, size_t errlen);

/*
 * Generic netlink builders, for the family id the controller gave and the
 * device's ifindex. NULL when out of memory or for an address family
 * other than AF_INET and AF_INET6.
 */
struct nl_msg *podnet_genl_dev_get_msg(int family, int ifindex);
struct nl_msg *podnet_genl_dev_dump_msg(int family);
struct nl_msg *podnet_genl_dev_set_msg(int family, int ifindex,
				       const struct podnet_dev_params *p);
struct nl_msg *podnet_genl_port_dump_msg(int family, int ifindex);
struct nl_msg *podnet_genl_port_set_msg(int family, int ifindex,
					const struct podnet_port *port);
struct nl_msg *podnet_genl_endpoint_add_msg(int family, int ifindex,
					    const struct podnet_endpoint *ep,
					    bool replace);
struct nl_msg *podnet_genl_endpoint_del_msg(int family, int ifindex,
					    const struct podnet_addr *addr);
struct nl_msg *podnet_genl_endpoint_dump_msg(int family, int ifindex);
struct nl_msg *podnet_genl_fdb_dump_msg(int family, int ifindex);
struct nl_msg *podnet_genl_stats_get_msg(int family, int ifindex);

/*
 * Generic netlink reply parsers: 0, or -EBADMSG for a malformed message or
 * one that lacks an attribute the uapi header promises, leaving *out
 * unchanged. Attributes this library does not know are ignored.
 */
int podnet_genl_dev_parse(const struct nlmsghdr *nlh, struct podnet_dev *out);
int podnet_genl_port_parse(const struct nlmsghdr *nlh,
			   struct podnet_port *out);
int podnet_genl_endpoint_parse(const struct nlmsghdr *nlh,
			       struct podnet_endpoint *out);
int podnet_genl_fdb_parse(const struct nlmsghdr *nlh,
			  struct podnet_fdb_entry *out);
int podnet_genl_stats_parse(const struct nlmsghdr *nlh,
			    struct podnet_stats *out);

#endif /* PODNET_H */
