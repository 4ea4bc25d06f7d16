/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetd's configuration: read from a YAML file (Documentation/podnetd.md
 * has the format), overridden by flags, validated. Errors name the place:
 * "FILE:LINE:COL: bgp.peers[1].as: not an AS number".
 */
#ifndef PODNETD_CONFIG_H
#define PODNETD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#include "podnet.h"

#define PODNETD_MAX_CIDRS	16
#define PODNETD_MAX_PEERS	256
#define PODNETD_PASSWORD_MAX	80	/* TCP_MD5SIG_MAXKEYLEN */

/* One IPv4 or IPv6 prefix; addr's bits past plen are zero. */
struct podnetd_cidr {
	struct podnet_addr addr;
	uint8_t plen;
};

/* How podnetd finds the node's underlay address, tried in this order. */
enum podnetd_underlay_method {
	PODNETD_UNDERLAY_AUTO,		/* the interface of the default route */
	PODNETD_UNDERLAY_ADDRESS,	/* given */
	PODNETD_UNDERLAY_INTERFACE,	/* the first global address on it */
	PODNETD_UNDERLAY_CIDR,		/* the first address inside it */
	PODNETD_UNDERLAY_CAN_REACH,	/* the source of the route to it */
};

struct podnetd_underlay {
	enum podnetd_underlay_method method;
	struct podnet_addr address;	/* ADDRESS, CAN_REACH */
	char interface[IF_NAMESIZE];	/* INTERFACE */
	struct podnetd_cidr cidr;	/* CIDR */
};

/* What a peer's routes may do here and ours there (RFC 8212). */
enum podnetd_policy {
	PODNETD_POLICY_DEFAULT,		/* all for iBGP, none for eBGP */
	PODNETD_POLICY_NONE,
	PODNETD_POLICY_ALL,
	PODNETD_POLICY_POD_CIDRS,	/* export only: this node's pod CIDRs */
};

struct podnetd_peer {
	struct podnet_addr address;
	uint32_t as;			/* 0: the node's AS (iBGP) */
	uint16_t port;			/* 179 */
	bool passive;			/* never connect, only accept */
	bool passive_set;		/* else: mesh rule, or active */
	uint8_t multihop;		/* 0: directly connected (TTL 1 eBGP) */
	char password[PODNETD_PASSWORD_MAX + 1];	/* "": no TCP MD5 */
	bool rr_client;			/* we reflect to and from it */
	bool next_hop_self;		/* default: true for eBGP */
	bool next_hop_self_set;
	uint16_t hold_time;		/* 0: the bgp section's */
	bool hold_time_set;
	enum podnetd_policy import;
	enum podnetd_policy export;
	bool mesh;			/* came from bgp.mesh, not bgp.peers */
	char desc[64];			/* "bgp.peers[2]" or "bgp.mesh[0]" */
};

struct podnetd_config {
	char path[256];			/* the file read, "" for none */

	/* node */
	char node_name[64];		/* default: hostname */
	uint32_t router_id;		/* host order; 0: the underlay IPv4 */
	uint32_t as;			/* 64512 */

	/* device */
	char device[IF_NAMESIZE];	/* podnet0 */
	enum podnet_encap encap;	/* VXLAN; DIRECT; IPIP */
	bool cross_subnet;		/* encap "cross-subnet", or the flag */
	uint32_t vni;			/* 1 */
	uint16_t vxlan_port;		/* 4789 */
	uint32_t mtu;			/* 0: follow the underlay */
	uint32_t routes_max;		/* 0: the module's default */

	struct podnetd_underlay underlay;

	size_t n_pod_cidrs;		/* this node's, announced */
	struct podnetd_cidr pod_cidrs[PODNETD_MAX_CIDRS];
	size_t n_cluster_cidrs;		/* routed to the device */
	struct podnetd_cidr cluster_cidrs[PODNETD_MAX_CIDRS];

	/* bgp */
	bool bgp_enabled;		/* true */
	uint16_t listen_port;		/* 179; 0: do not listen */
	uint16_t hold_time;		/* 90 */
	uint16_t connect_retry;		/* 5 seconds */
	bool graceful_restart;		/* true */
	uint16_t restart_time;		/* 120 seconds */
	uint16_t stale_time;		/* 300: how long a helper keeps them */
	bool route_reflector;		/* some peer is an rr_client */
	uint32_t cluster_id;		/* host order; 0: router_id */
	size_t n_peers;
	struct podnetd_peer peers[PODNETD_MAX_PEERS];

	/* control */
	char control_socket[108];	/* /run/podnetd/podnetd.sock */
	char control_group[32];		/* "": root only */

	bool foreground_log_timestamps;
};

/* The defaults above. */
void podnetd_config_defaults(struct podnetd_config *cfg);

/*
 * Reads path (YAML) into cfg, which holds the defaults or earlier values.
 * -errno with errbuf naming the place ("FILE:LINE:COL: key: what"), and
 * cfg as it was. The lists (pod-cidrs, cluster-cidrs, bgp.mesh, bgp.peers)
 * add to cfg's; a file is at most 1 MiB (-EFBIG).
 */
int podnetd_config_load(struct podnetd_config *cfg, const char *path,
			char *errbuf, size_t errlen);

/* The same for a document in memory; name stands for the file in errors. */
int podnetd_config_parse(struct podnetd_config *cfg, const char *name,
			 const char *text, size_t len,
			 char *errbuf, size_t errlen);

/*
 * Checks what no single key can: overlapping CIDRs, pod CIDRs outside the
 * cluster CIDRs, a peer twice, a password too long. Call after flags.
 */
int podnetd_config_validate(const struct podnetd_config *cfg,
			    char *errbuf, size_t errlen);

int podnetd_cidr_parse(const char *s, struct podnetd_cidr *out);
bool podnetd_cidr_contains(const struct podnetd_cidr *outer,
			   const struct podnet_addr *addr, uint8_t plen);

#endif
