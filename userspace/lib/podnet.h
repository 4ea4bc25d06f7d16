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
#include <string.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/podnet.h>

struct nl_msg;
struct nlattr;
struct nlmsghdr;

#define PODNET_MAC_LEN 6

/*
 * How a device reaches other nodes: its link attributes and DEV_SET alike.
 * Each setting is sent only when its _set is true.
 */
struct podnet_overlay_params {
	bool encap_set;
	enum podnet_encap encap;
	bool cross_subnet_set;
	bool cross_subnet;
	bool vni_set;
	uint32_t vni;
	bool vxlan_port_set;
	uint16_t vxlan_port;
	bool local4_set;
	struct in_addr local4;
	bool local6_set;
	struct in6_addr local6;
	bool underlay_set;
	int underlay;			/* ifindex */
	bool routes_max_set;
	uint32_t routes_max;
};

/* The same settings, as a device reports them. */
struct podnet_overlay {
	enum podnet_encap encap;
	bool cross_subnet;
	uint32_t vni;
	uint16_t vxlan_port;
	bool has_local4;		/* else the underlay route's source */
	struct in_addr local4;
	bool has_local6;
	struct in6_addr local6;
	int underlay;			/* ifindex, 0: none */
	uint32_t routes_max;
};

/* Link attributes, rtnetlink (ip link add ... type podnet). */

struct podnet_link_params {
	bool mode_set;
	enum podnet_mode mode;
	bool ageing_time_set;
	uint32_t ageing_time;		/* seconds */
	struct podnet_overlay_params overlay;
};

struct podnet_link_info {
	int ifindex;
	enum podnet_mode mode;
	uint32_t ageing_time;		/* seconds */
	struct podnet_overlay overlay;
};

int podnet_mode_from_string(const char *s, enum podnet_mode *mode);
const char *podnet_mode_to_string(enum podnet_mode mode);
/* "default", "direct", "vxlan", "ipip". */
int podnet_encap_from_string(const char *s, enum podnet_encap *encap);
const char *podnet_encap_to_string(enum podnet_encap encap);

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
 * Where in the request the attribute an NLMSG_ERROR blames starts
 * (NLMSGERR_ATTR_OFFS, bytes from the request's nlmsghdr): 0, or -ENOENT
 * when the kernel named none.
 */
int podnet_nlmsgerr_offset(const struct nlmsghdr *nlh, uint32_t *offset);

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

/* Same family and address; two of neither family are equal. */
static inline bool podnet_addr_equal(const struct podnet_addr *a,
				     const struct podnet_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->v4.s_addr == b->v4.s_addr;
	return a->family != AF_INET6 || !memcmp(&a->v6, &b->v6, 16);
}

struct podnet_dev {
	int ifindex;
	char name[IF_NAMESIZE];
	enum podnet_mode mode;
	uint32_t ageing_time;		/* seconds */
	uint32_t port_count;
	uint32_t endpoint_count;
	uint32_t fdb_count;
	uint32_t route_count;
	struct podnet_overlay overlay;
};

struct podnet_dev_params {
	bool mode_set;
	enum podnet_mode mode;
	bool ageing_time_set;
	uint32_t ageing_time;		/* seconds */
	struct podnet_overlay_params overlay;
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

/* A pod prefix and the node behind it. */
struct podnet_route {
	struct podnet_addr dst;		/* bits past plen are zero */
	uint8_t plen;
	struct podnet_addr via;		/* the next node's underlay address */
	enum podnet_encap encap;	/* DEFAULT: as the device's settings say */
	bool has_mac;
	uint8_t mac[PODNET_MAC_LEN];	/* inner destination for VXLAN */
	uint32_t generation;		/* reported */
	enum podnet_encap path;		/* what a packet takes now, DIRECT,
					 * VXLAN or IPIP: podnet_route_get()
					 * reports it; DEFAULT otherwise
					 */
};

/* What podnet_routes_apply() does with one route. */
struct podnet_route_change {
	bool del;
	bool replace;			/* add: over a route of the same prefix */
	uint32_t generation;		/* add: stamped on the route */
};

/* A route's failure the kernel did not pin on one route. */
#define PODNET_ROUTE_UNKNOWN SIZE_MAX

/*
 * Route requests are filled up to this many bytes, well under the socket
 * send buffer libnl sets (32 KiB), each answered before the next is sent.
 */
#define PODNET_ROUTE_MSG_MAX 16384

/* Called for each route; anything but 0 stops the walk with that error. */
typedef int (*podnet_route_fn)(const struct podnet_route *rt, void *arg);

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
 * Routes. Adding and deleting stream the routes in as few requests as fit
 * (PODNET_ROUTE_MSG_MAX), in order, and stop at the first the kernel
 * refuses: every route before it is then programmed, and *failed (when
 * failed is not NULL) is its index, or PODNET_ROUTE_UNKNOWN when the
 * kernel did not say which route of a request it refused (or the device
 * could not be opened). A route whose dst (or, to add, via) is neither
 * AF_INET nor AF_INET6 fails everything with -EAFNOSUPPORT before anything
 * is sent.
 *
 * podnet_routes_add() stamps every route with generation (0, the kernel's
 * default, is not sent); without replace, a prefix that has a route is
 * -EEXIST. podnet_routes_del() reads only dst and plen: -ENOENT for a
 * prefix without a route. podnet_routes_apply() does changes[i] to
 * routes[i], on one socket, putting a run of equal changes into shared
 * requests.
 */
int podnet_routes_add(const char *dev, const struct podnet_route *routes,
		      size_t n, uint32_t generation, bool replace,
		      size_t *failed, char *errbuf, size_t errlen);
int podnet_routes_del(const char *dev, const struct podnet_route *routes,
		      size_t n, size_t *failed, char *errbuf, size_t errlen);
int podnet_routes_apply(const char *dev, const struct podnet_route *routes,
			const struct podnet_route_change *changes, size_t n,
			size_t *failed, char *errbuf, size_t errlen);
/*
 * With plen < 0, the route a packet to dst takes now (longest match), its
 * path included; else the route of exactly that prefix. -ENOENT: none;
 * -EAFNOSUPPORT: dst is neither IPv4 nor IPv6.
 */
int podnet_route_get(const char *dev, const struct podnet_addr *dst, int plen,
		     struct podnet_route *out, char *errbuf, size_t errlen);
/*
 * Every route, to on_route. restart(arg) comes before each attempt, the
 * first included: a dump the table changed under is started over.
 */
int podnet_route_dump(const char *dev, podnet_route_fn on_route,
		      void (*restart)(void *arg), void *arg,
		      char *errbuf, size_t errlen);
int podnet_route_list(const char *dev, struct podnet_route **routes,
		      size_t *count, char *errbuf, size_t errlen);
/* Routes stamped before older_than (serial arithmetic); NULL: every one. */
int podnet_routes_flush(const char *dev, const uint32_t *older_than,
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
 * Route batches: a request carrying PODNET_A_ROUTE for routes[0], [1], ...
 * as many as fit in max_len bytes, *taken of them. NULL also when routes[0]
 * does not fit, or for a route of another address family. generation 0 is
 * not sent: it is the kernel's default.
 */
struct nl_msg *podnet_genl_route_add_msg(int family, int ifindex,
					 const struct podnet_route *routes,
					 size_t n, uint32_t generation,
					 bool replace, size_t max_len,
					 size_t *taken);
struct nl_msg *podnet_genl_route_del_msg(int family, int ifindex,
					 const struct podnet_route *routes,
					 size_t n, size_t max_len, size_t *taken);
/* plen < 0: the longest match for dst. */
struct nl_msg *podnet_genl_route_get_msg(int family, int ifindex,
					 const struct podnet_addr *dst,
					 int plen);
struct nl_msg *podnet_genl_route_dump_msg(int family, int ifindex);
/* older_than NULL: every route. */
struct nl_msg *podnet_genl_route_flush_msg(int family, int ifindex,
					   const uint32_t *older_than);
/*
 * Which route of a batch request an error's offset
 * (podnet_nlmsgerr_offset()) falls in: its index among the request's
 * PODNET_A_ROUTE attributes, or -1.
 */
long podnet_route_at_offset(const struct nlmsghdr *req, uint32_t offset);

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
/*
 * Route replies carry many PODNET_A_ROUTE each: podnet_genl_routes_parse()
 * passes each to on_route in order, stopping at the first malformed one
 * (-EBADMSG) or the first error on_route returns.
 */
int podnet_genl_route_parse(const struct nlattr *nest,
			    struct podnet_route *out);
int podnet_genl_routes_parse(const struct nlmsghdr *nlh,
			     podnet_route_fn on_route, void *arg);

#endif /* PODNET_H */
