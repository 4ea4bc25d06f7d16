/* SPDX-License-Identifier: GPL-2.0 */
/* podnetd's command line, and its flags over the configuration file. */
#ifndef PODNETD_CONFIG_FLAGS_H
#define PODNETD_CONFIG_FLAGS_H

#include "config.h"

#define PODNETD_CONFIG_PATH	"/etc/podnet/podnetd.yaml"

struct podnetd_flags {
	const char *config;
	bool config_given;		/* a missing default file is fine */
	bool verbose, help, version, check;
	char node_name[64];
	struct in_addr router_id;
	uint32_t as;
	char device[IF_NAMESIZE];
	char encap[16];
	struct podnetd_underlay underlay;
	size_t n_pod_cidrs, n_cluster_cidrs, n_mesh;
	struct podnetd_cidr pod_cidrs[PODNETD_MAX_CIDRS];
	struct podnetd_cidr cluster_cidrs[PODNETD_MAX_CIDRS];
	struct podnet_addr mesh[PODNETD_MAX_PEERS];
	uint32_t listen_port;
	bool listen_port_set;
	char control_socket[108];
	bool no_graceful_restart;
};

extern const char podnetd_usage[];

/* -EINVAL with errbuf naming the flag and what is wrong with it. */
int podnetd_flags_parse(int argc, char *const argv[], struct podnetd_flags *f,
			char *errbuf, size_t errlen);
int podnetd_flags_apply(const struct podnetd_flags *f,
			struct podnetd_config *cfg, char *errbuf,
			size_t errlen);

#endif
