// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: one podnetd configuration file. An error must leave the
 * configuration as it was and name its place; what parses must hold only
 * values the format allows, and must get through the checks across keys
 * with an answer either way.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "config.h"

#define CHECK(cond)	do { if (!(cond)) abort(); } while (0)
#define NAME		"fuzz.yaml"

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size);
}

static void check_cidrs(const struct podnetd_cidr *c, size_t n)
{
	size_t i;

	CHECK(n <= PODNETD_MAX_CIDRS);
	for (i = 0; i < n; i++) {
		CHECK(c[i].addr.family == AF_INET ||
		      c[i].addr.family == AF_INET6);
		CHECK(c[i].plen <= (c[i].addr.family == AF_INET ? 32 : 128));
		/* no bits past plen: the prefix contains its own address */
		CHECK(podnetd_cidr_contains(&c[i], &c[i].addr, c[i].plen));
	}
}

static void check_peer(const struct podnetd_peer *p)
{
	CHECK(p->address.family == AF_INET || p->address.family == AF_INET6);
	CHECK(p->port);
	CHECK(terminated(p->password, sizeof(p->password)));
	CHECK(terminated(p->desc, sizeof(p->desc)));
	CHECK(!p->hold_time || p->hold_time >= 3);
	CHECK(p->import <= PODNETD_POLICY_ALL);
	CHECK(p->export <= PODNETD_POLICY_POD_CIDRS);
	if (p->mesh)
		CHECK(!p->as && !p->passive_set && !p->next_hop_self_set &&
		      !p->hold_time_set && !p->rr_client &&
		      p->import == PODNETD_POLICY_DEFAULT &&
		      p->export == PODNETD_POLICY_DEFAULT);
}

static void check_config(const struct podnetd_config *cfg)
{
	bool rr = false;
	size_t i;

	CHECK(terminated(cfg->node_name, sizeof(cfg->node_name)));
	CHECK(terminated(cfg->device, sizeof(cfg->device)) && cfg->device[0]);
	CHECK(cfg->as);
	CHECK(cfg->encap == PODNET_ENCAP_VXLAN ||
	      cfg->encap == PODNET_ENCAP_IPIP ||
	      cfg->encap == PODNET_ENCAP_DIRECT);
	CHECK(cfg->vni >= 1 && cfg->vni <= PODNET_VNI_MAX);
	CHECK(cfg->vxlan_port);
	CHECK(!cfg->mtu || (cfg->mtu >= 576 && cfg->mtu <= 65535));
	CHECK(cfg->routes_max <= PODNET_ROUTES_MAX_LIMIT);
	CHECK(cfg->underlay.method <= PODNETD_UNDERLAY_CAN_REACH);
	CHECK(terminated(cfg->underlay.interface,
			 sizeof(cfg->underlay.interface)));
	if (cfg->underlay.method == PODNETD_UNDERLAY_CIDR)
		check_cidrs(&cfg->underlay.cidr, 1);
	check_cidrs(cfg->pod_cidrs, cfg->n_pod_cidrs);
	check_cidrs(cfg->cluster_cidrs, cfg->n_cluster_cidrs);
	CHECK(!cfg->hold_time || cfg->hold_time >= 3);
	CHECK(cfg->connect_retry && cfg->stale_time);
	CHECK(cfg->restart_time >= 1 && cfg->restart_time <= 4095);
	CHECK(cfg->n_peers <= PODNETD_MAX_PEERS);
	for (i = 0; i < cfg->n_peers; i++) {
		check_peer(&cfg->peers[i]);
		rr |= cfg->peers[i].rr_client;
	}
	CHECK(rr == cfg->route_reflector);
	CHECK(cfg->control_socket[0] == '/');
	CHECK(terminated(cfg->control_socket, sizeof(cfg->control_socket)));
	CHECK(terminated(cfg->control_group, sizeof(cfg->control_group)));
}

/* "fuzz.yaml:LINE:COL: ..." with both from 1 */
static void check_error(const char *err)
{
	unsigned long line, col;
	int end = 0;

	CHECK(sscanf(err, NAME ":%lu:%lu: %n", &line, &col, &end) == 2);
	CHECK(end && line >= 1 && col >= 1 && err[end]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct podnetd_config cfg, defaults;
	static char err[512];
	int ret;

	podnetd_config_defaults(&defaults);
	cfg = defaults;
	ret = podnetd_config_parse(&cfg, NAME, (const char *)data, size, err,
				   sizeof(err));
	if (ret) {
		CHECK(ret == -EINVAL);
		check_error(err);
		CHECK(!memcmp(&cfg, &defaults, sizeof(cfg)));
		return 0;
	}
	check_config(&cfg);
	err[0] = 'x';
	ret = podnetd_config_validate(&cfg, err, sizeof(err));
	CHECK(ret == 0 || ret == -EINVAL);
	CHECK(!ret == !err[0]);
	return 0;
}
