/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetctl internals. Parsing and formatting are pure functions, tested
 * without a kernel; the ctl_run_* functions call libpodnet.
 */
#ifndef PODNET_CTL_H
#define PODNET_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "podnet.h"

#define CTL_EXIT_OK	0
#define CTL_EXIT_FAIL	1	/* the operation failed */
#define CTL_EXIT_USAGE	2	/* the command line is wrong */

/* "aa:bb:cc:dd:ee:ff" and its NUL. */
#define CTL_MAC_STRLEN 18

enum ctl_op {
	CTL_HELP,
	CTL_VERSION,
	CTL_SHOW,
	CTL_SET,
	CTL_PORT_LIST,
	CTL_PORT_SET,
	CTL_ENDPOINT_ADD,
	CTL_ENDPOINT_DEL,
	CTL_ENDPOINT_LIST,
	CTL_FDB,
	CTL_STATS,
	CTL_ROUTE_ADD,
	CTL_ROUTE_DEL,
	CTL_ROUTE_GET,
	CTL_ROUTE_LIST,
	CTL_ROUTE_FLUSH,
	CTL_ROUTE_BATCH,
	CTL_PEERS,
	CTL_BGP_ROUTES,
	CTL_STATUS,
};

#define CTL_OP_LAST CTL_STATUS

/* One command line, parsed; strings point into argv. */
struct ctl_cmd {
	enum ctl_op op;
	bool json;
	const char *dev;		/* NULL for show: every device */
	const char *port;		/* port set, endpoint add */
	struct podnet_dev_params dev_params;	/* set */
	bool hairpin;			/* port set */
	struct podnet_endpoint endpoint;	/* endpoint add, del: no port yet */
	bool replace;			/* endpoint add */
	const char *underlay;		/* set: the underlay's name */
	struct podnet_route route;	/* route add, del, get */
	struct podnet_route_change change;	/* route add */
	bool route_exact;		/* route get: a prefix, not an address */
	bool older_than_set;		/* route flush */
	uint32_t older_than;
	const char *file;		/* route batch; NULL or "-": stdin */
	const char *socket;		/* -s: podnetd's control socket */
	int bgp_family;			/* bgp routes: AF_INET(6), or 0 */
	bool bgp_has_prefix;		/* bgp routes: only this prefix */
	struct podnet_addr bgp_prefix;
	uint8_t bgp_plen;
};

/* A cursor over the words of a command, and where usage errors go. */
struct ctl_args {
	char *const *argv;
	int argc;
	int next;
	char *errbuf;
	size_t errlen;
};

/* cli.c: the whole program but main(); returns the exit status. */
int ctl_main(int argc, char *const argv[], FILE *out, FILE *err);
int ctl_parse(int argc, char *const argv[], struct ctl_cmd *cmd,
	      char *errbuf, size_t errlen);
/* The message for a failed operation: err and what libpodnet said. */
const char *ctl_error_text(int err, const char *detail);

/* args.c: words of a command line. Usage errors return -EINVAL. */
const char *ctl_arg_next(struct ctl_args *a);
int ctl_usage_error(struct ctl_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ctl_arg_end(struct ctl_args *a);
int ctl_arg_dev(struct ctl_args *a, const char **dev);
int ctl_arg_port(struct ctl_args *a, const char **port);
/* The word after key, as in "mode routed". */
int ctl_arg_value(struct ctl_args *a, const char *key, const char **value);
/* The kernel's rules for an interface name. */
bool ctl_valid_ifname(const char *s);
/* Decimal digits only, min to max: 0 or -EINVAL, with no message. */
int ctl_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *v);

/* addr.c: addresses and MACs, both ways. */
/* One IPv4 or IPv6 address, nothing more: 0 or -EINVAL, with no message. */
int ctl_parse_addr(const char *s, struct podnet_addr *addr);
bool ctl_addr_is_unicast(const struct podnet_addr *addr);
int ctl_parse_host_addr(const char *s, struct podnet_addr *addr,
			char *errbuf, size_t errlen);
int ctl_parse_mac(const char *s, uint8_t mac[PODNET_MAC_LEN],
		  char *errbuf, size_t errlen);
void ctl_format_addr(const struct podnet_addr *addr,
		     char buf[INET6_ADDRSTRLEN]);
void ctl_format_mac(const uint8_t mac[PODNET_MAC_LEN],
		    char buf[CTL_MAC_STRLEN]);

/* prefix.c: "10.244.1.0/24" both ways. */
#define CTL_PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)
/*
 * ADDRESS/LENGTH, or an address alone: a host prefix (/32, /128), and
 * *has_plen false. Bits past the length must be zero.
 */
int ctl_parse_prefix(const char *s, struct podnet_addr *addr, uint8_t *plen,
		     bool *has_plen, char *errbuf, size_t errlen);
void ctl_format_prefix(const struct podnet_addr *addr, uint8_t plen,
		       char buf[CTL_PREFIX_STRLEN]);

/* out.c: shared by the command groups. */
/* The interface's name, or NULL when it has none (any more). */
const char *ctl_ifname(int ifindex, char buf[IF_NAMESIZE]);
/* name, or "if7" for an interface without one. */
const char *ctl_iflabel(int ifindex, const char *name, char buf[IF_NAMESIZE]);
/* Appends item, taking it; out of memory, frees both and NULLs *array. */
void ctl_json_append(json_t **array, json_t *item);
/* Prints doc as the one JSON document of this run, and releases it. */
int ctl_emit_json(FILE *f, json_t *doc);

/* dev.c: show, set */
int ctl_parse_show(struct ctl_args *a, struct ctl_cmd *cmd);
int ctl_parse_set(struct ctl_args *a, struct ctl_cmd *cmd);
/* underlay: the underlay's name, if the device has one and it has a name. */
void ctl_dev_text(FILE *f, const struct podnet_dev *dev, const char *underlay);
json_t *ctl_dev_json(const struct podnet_dev *dev, const char *underlay);
int ctl_run_show(const struct ctl_cmd *cmd, FILE *out,
		 char *errbuf, size_t errlen);
int ctl_run_set(const struct ctl_cmd *cmd, FILE *out,
		char *errbuf, size_t errlen);

/* overlay.c: the overlay settings of set and show */
/* One setting, its name read: -ENOENT (no message) for another name. */
int ctl_parse_overlay(struct ctl_args *a, const char *key, struct ctl_cmd *cmd);
bool ctl_overlay_any(const struct podnet_overlay_params *p);
void ctl_overlay_text(FILE *f, const struct podnet_overlay *o,
		      const char *underlay);
/* Adds the settings to obj: 0, or -ENOMEM. */
int ctl_overlay_json(json_t *obj, const struct podnet_overlay *o,
		     const char *underlay);
/* The underlay's ifindex for a set: 0, or -ENODEV described in errbuf. */
int ctl_resolve_underlay(const struct ctl_cmd *cmd,
			 struct podnet_overlay_params *p,
			 char *errbuf, size_t errlen);

/* port.c: port list, port set */
int ctl_parse_port(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_port_text(FILE *f, const struct podnet_port *port, const char *name);
json_t *ctl_port_json(const struct podnet_port *port, const char *name);
int ctl_run_port_list(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen);
int ctl_run_port_set(const struct ctl_cmd *cmd, FILE *out,
		     char *errbuf, size_t errlen);

/* endpoint.c: endpoint add, del, list */
int ctl_parse_endpoint(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_endpoint_text(FILE *f, const struct podnet_endpoint *ep,
		       const char *port);
json_t *ctl_endpoint_json(const struct podnet_endpoint *ep, const char *port);
int ctl_run_endpoint_add(const struct ctl_cmd *cmd, FILE *out,
			 char *errbuf, size_t errlen);
int ctl_run_endpoint_del(const struct ctl_cmd *cmd, FILE *out,
			 char *errbuf, size_t errlen);
int ctl_run_endpoint_list(const struct ctl_cmd *cmd, FILE *out,
			  char *errbuf, size_t errlen);

/* fdb.c */
int ctl_parse_fdb(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_fdb_text(FILE *f, const struct podnet_fdb_entry *e,
		  const char *port);
json_t *ctl_fdb_json(const struct podnet_fdb_entry *e, const char *port);
int ctl_run_fdb(const struct ctl_cmd *cmd, FILE *out,
		char *errbuf, size_t errlen);

/* stats.c */
int ctl_parse_stats(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_stats_text(FILE *f, const struct podnet_stats *stats);
json_t *ctl_stats_json(const struct podnet_stats *stats);
int ctl_run_stats(const struct ctl_cmd *cmd, FILE *out,
		  char *errbuf, size_t errlen);

/* route_args.c: the words of one route, on the command line or in a batch */
/* "PREFIX via ADDRESS [encap E] [mac MAC] [generation N] [replace]" */
int ctl_parse_route_add(struct ctl_args *a, struct podnet_route *rt,
			struct podnet_route_change *change);
/* "PREFIX" */
int ctl_parse_route_del(struct ctl_args *a, struct podnet_route *rt);
/* "generation N" and "older-than N": the number after key. */
int ctl_parse_generation(struct ctl_args *a, const char *key, uint32_t *gen);

/* route_out.c */
void ctl_route_text(FILE *f, const struct podnet_route *rt);
json_t *ctl_route_json(const struct podnet_route *rt);
/* Orders routes for people: IPv4 first, then by address and length. */
int ctl_route_compare(const void *a, const void *b);

/* batch.c: route batch files, read whole before anything is sent */
#define CTL_BATCH_MAX_WORDS 16

/* routes[i], changes[i] and lines[i] describe the i-th route of the file. */
struct ctl_batch {
	struct podnet_route *routes;
	struct podnet_route_change *changes;
	unsigned long *lines;
	size_t count;
	size_t capacity;
};

/*
 * "add PREFIX via ADDRESS [...]" or "del PREFIX"; '#' starts a comment.
 * Splits line in place; *parsed is false for a blank or comment line.
 */
int ctl_batch_parse_line(char *line, struct podnet_route *rt,
			 struct podnet_route_change *change, bool *parsed,
			 char *errbuf, size_t errlen);
/* Every line of f, appended to b; errors as "NAME:LINE: what". */
int ctl_batch_read(FILE *f, const char *name, struct ctl_batch *b,
		   char *errbuf, size_t errlen);
void ctl_batch_free(struct ctl_batch *b);

/* route.c: route add, del, get, list, flush, batch */
int ctl_parse_route(struct ctl_args *a, struct ctl_cmd *cmd);
int ctl_run_route_add(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen);
int ctl_run_route_del(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen);
int ctl_run_route_get(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen);
int ctl_run_route_list(const struct ctl_cmd *cmd, FILE *out,
		       char *errbuf, size_t errlen);
int ctl_run_route_flush(const struct ctl_cmd *cmd, FILE *out,
			char *errbuf, size_t errlen);
int ctl_run_route_batch(const struct ctl_cmd *cmd, FILE *out,
			char *errbuf, size_t errlen);

/* daemon.c: peers, bgp routes and status, asked of podnetd */
#define CTL_DAEMON_SOCKET	"/run/podnetd/podnetd.sock"
#define CTL_DAEMON_TIMEOUT_MS	5000
#define CTL_DAEMON_REPLY_MAX	(64 << 20)

int ctl_parse_peers(struct ctl_args *a, struct ctl_cmd *cmd);
/* "bgp routes [ipv4|ipv6] [PREFIX]" */
int ctl_parse_bgp(struct ctl_args *a, struct ctl_cmd *cmd);
int ctl_parse_status(struct ctl_args *a, struct ctl_cmd *cmd);
/* cmd's request line, newline included; NULL without memory. */
char *ctl_daemon_request(const struct ctl_cmd *cmd);
/*
 * A reply's text into *reply: 0, -EREMOTEIO for {"error": ...}, or
 * -EPROTO for one cut short or not a JSON object; errbuf says which.
 */
int ctl_daemon_reply_parse(const char *text, size_t len, json_t **reply,
			   char *errbuf, size_t errlen);
/*
 * Sends request to the socket at path and parses the reply, waiting for
 * each part at most timeout_ms: 0, or -errno with errbuf saying what.
 */
int ctl_daemon_call(const char *path, const char *request, int timeout_ms,
		    json_t **reply, char *errbuf, size_t errlen);
int ctl_run_peers(const struct ctl_cmd *cmd, FILE *out,
		  char *errbuf, size_t errlen);
int ctl_run_bgp_routes(const struct ctl_cmd *cmd, FILE *out,
		       char *errbuf, size_t errlen);
int ctl_run_status(const struct ctl_cmd *cmd, FILE *out,
		   char *errbuf, size_t errlen);

/*
 * daemon_out.c: podnetd's replies, checked for the fields the text needs
 * (-EPROTO and errbuf naming the first one amiss), then printed.
 */
int ctl_peers_check(json_t *reply, char *errbuf, size_t errlen);
void ctl_peers_text(FILE *f, json_t *reply);
int ctl_bgp_routes_check(json_t *reply, char *errbuf, size_t errlen);
void ctl_bgp_routes_text(FILE *f, json_t *reply);
int ctl_status_check(json_t *reply, char *errbuf, size_t errlen);
void ctl_status_text(FILE *f, json_t *reply);

#endif /* PODNET_CTL_H */
