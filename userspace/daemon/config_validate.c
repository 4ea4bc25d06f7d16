// SPDX-License-Identifier: GPL-2.0
/*
 * Checks across keys, run once the flags have had their say: the values
 * may come from either, so errors name keys but no place in the file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "config_priv.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
/* RFC 8200 5: every link IPv6 runs on carries 1280 octets. */
#define IPV6_MIN_MTU	1280

static int check_overlaps(const char *key, const struct podnetd_cidr *c,
			  size_t n, char *errbuf, size_t errlen)
{
	char a[CONFIG_CIDR_STRLEN], b[CONFIG_CIDR_STRLEN];
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (!podnetd_cidr_contains(&c[i], &c[j].addr,
						   c[j].plen) &&
			    !podnetd_cidr_contains(&c[j], &c[i].addr,
						   c[i].plen))
				continue;
			snprintf(errbuf, errlen, "%s[%zu]: %s overlaps %s[%zu] %s",
				 key, i, config_cidr_str(&c[i], a), key, j,
				 config_cidr_str(&c[j], b));
			return -EINVAL;
		}
	}
	return 0;
}

static int check_pod_overlaps(const struct podnetd_config *cfg,
			      char *errbuf, size_t errlen)
{
	return check_overlaps("pod-cidrs", cfg->pod_cidrs, cfg->n_pod_cidrs,
			      errbuf, errlen);
}

static int check_cluster_overlaps(const struct podnetd_config *cfg,
				  char *errbuf, size_t errlen)
{
	return check_overlaps("cluster-cidrs", cfg->cluster_cidrs,
			      cfg->n_cluster_cidrs, errbuf, errlen);
}

static bool in_cluster(const struct podnetd_config *cfg,
		       const struct podnetd_cidr *pod)
{
	size_t i;

	for (i = 0; i < cfg->n_cluster_cidrs; i++)
		if (podnetd_cidr_contains(&cfg->cluster_cidrs[i], &pod->addr,
					  pod->plen))
			return true;
	return false;
}

/* Else the other nodes would not route to our pods through the device. */
static int check_pods_in_cluster(const struct podnetd_config *cfg,
				 char *errbuf, size_t errlen)
{
	char buf[CONFIG_CIDR_STRLEN];
	size_t i;

	for (i = 0; i < cfg->n_pod_cidrs; i++) {
		if (in_cluster(cfg, &cfg->pod_cidrs[i]))
			continue;
		snprintf(errbuf, errlen,
			 "pod-cidrs[%zu]: %s is inside none of cluster-cidrs",
			 i, config_cidr_str(&cfg->pod_cidrs[i], buf));
		return -EINVAL;
	}
	return 0;
}

static int find_ipv6(const struct podnetd_cidr *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].addr.family == AF_INET6)
			return i;
	return -1;
}

static int check_ipv6_mtu(const struct podnetd_config *cfg,
			  char *errbuf, size_t errlen)
{
	const char *key = "pod-cidrs";
	int i;

	if (!cfg->mtu || cfg->mtu >= IPV6_MIN_MTU)
		return 0;
	i = find_ipv6(cfg->pod_cidrs, cfg->n_pod_cidrs);
	if (i < 0) {
		key = "cluster-cidrs";
		i = find_ipv6(cfg->cluster_cidrs, cfg->n_cluster_cidrs);
	}
	if (i < 0)
		return 0;
	snprintf(errbuf, errlen,
		 "device.mtu: %u is below 1280, the least IPv6 allows, and %s[%d] is IPv6",
		 cfg->mtu, key, i);
	return -EINVAL;
}

static int check_cross_subnet(const struct podnetd_config *cfg,
			      char *errbuf, size_t errlen)
{
	if (!cfg->cross_subnet || cfg->encap != PODNET_ENCAP_DIRECT)
		return 0;
	snprintf(errbuf, errlen,
		 "device.cross-subnet: needs encap vxlan or ipip, not direct");
	return -EINVAL;
}

static const char *peer_name(const struct podnetd_peer *p)
{
	return p->desc[0] ? p->desc : "a peer";
}

/* What the file cannot get wrong, but flags and the daemon could. */
static int check_peer(const struct podnetd_peer *p, char *errbuf,
		      size_t errlen)
{
	if (p->address.family != AF_INET && p->address.family != AF_INET6) {
		snprintf(errbuf, errlen, "%s: no address", peer_name(p));
		return -EINVAL;
	}
	if (!memchr(p->password, '\0', sizeof(p->password))) {
		snprintf(errbuf, errlen, "%s.password: longer than %d octets",
			 peer_name(p), PODNETD_PASSWORD_MAX);
		return -EINVAL;
	}
	return 0;
}

/* A second session to one address would collide with the first. */
static int check_peers(const struct podnetd_config *cfg,
		       char *errbuf, size_t errlen)
{
	const struct podnetd_peer *p = cfg->peers;
	char addr[INET6_ADDRSTRLEN];
	size_t i, j;

	for (i = 0; i < cfg->n_peers; i++) {
		if (check_peer(&p[i], errbuf, errlen))
			return -EINVAL;
		for (j = 0; j < i; j++) {
			if (!podnet_addr_equal(&p[i].address, &p[j].address))
				continue;
			snprintf(errbuf, errlen, "%s: %s is also %s",
				 peer_name(&p[i]),
				 config_addr_str(&p[i].address, addr),
				 peer_name(&p[j]));
			return -EINVAL;
		}
	}
	return 0;
}

int podnetd_config_validate(const struct podnetd_config *cfg,
			    char *errbuf, size_t errlen)
{
	static int (*const checks[])(const struct podnetd_config *cfg,
				     char *errbuf, size_t errlen) = {
		check_pod_overlaps,
		check_cluster_overlaps,
		check_pods_in_cluster,
		check_ipv6_mtu,
		check_cross_subnet,
		check_peers,
	};
	size_t i;
	int ret;

	if (errlen)
		errbuf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(checks); i++) {
		ret = checks[i](cfg, errbuf, errlen);
		if (ret)
			return ret;
	}
	return 0;
}
