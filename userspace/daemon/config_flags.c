// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's command line: what to read and how to run, and flags that
 * override the configuration file's keys (applied after it is read).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "config_flags.h"

enum {
	OPT_NODE_NAME = 256,
	OPT_ROUTER_ID,
	OPT_AS,
	OPT_DEVICE,
	OPT_ENCAP,
	OPT_UNDERLAY_INTERFACE,
	OPT_UNDERLAY_ADDRESS,
	OPT_UNDERLAY_CIDR,
	OPT_UNDERLAY_CAN_REACH,
	OPT_POD_CIDR,
	OPT_CLUSTER_CIDR,
	OPT_MESH,
	OPT_LISTEN_PORT,
	OPT_CONTROL_SOCKET,
	OPT_NO_GRACEFUL_RESTART,
	OPT_CHECK,
	OPT_VERSION,
};

static const struct option options[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "node-name", required_argument, NULL, OPT_NODE_NAME },
	{ "router-id", required_argument, NULL, OPT_ROUTER_ID },
	{ "as", required_argument, NULL, OPT_AS },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "encap", required_argument, NULL, OPT_ENCAP },
	{ "underlay-interface", required_argument, NULL,
	  OPT_UNDERLAY_INTERFACE },
	{ "underlay-address", required_argument, NULL, OPT_UNDERLAY_ADDRESS },
	{ "underlay-cidr", required_argument, NULL, OPT_UNDERLAY_CIDR },
	{ "underlay-can-reach", required_argument, NULL,
	  OPT_UNDERLAY_CAN_REACH },
	{ "pod-cidr", required_argument, NULL, OPT_POD_CIDR },
	{ "cluster-cidr", required_argument, NULL, OPT_CLUSTER_CIDR },
	{ "mesh", required_argument, NULL, OPT_MESH },
	{ "listen-port", required_argument, NULL, OPT_LISTEN_PORT },
	{ "control-socket", required_argument, NULL, OPT_CONTROL_SOCKET },
	{ "no-graceful-restart", no_argument, NULL, OPT_NO_GRACEFUL_RESTART },
	{ 0 },
};

const char podnetd_usage[] =
"Usage: podnetd [OPTION]...\n"
"The podnet node daemon: sets up podnet0 and speaks BGP.\n"
"\n"
"  -c, --config FILE          configuration (default " PODNETD_CONFIG_PATH
")\n"
"      --check                read and check the configuration, then exit\n"
"  -v, --verbose              log debug messages\n"
"  -h, --help                 this text\n"
"      --version              the version\n"
"Overriding the file (see podnetd(8) for the keys):\n"
"      --node-name NAME       node.name\n"
"      --router-id ADDR       node.router-id\n"
"      --as AS                node.as\n"
"      --device NAME          device.name\n"
"      --encap MODE           device.encap: vxlan, ipip, direct, cross-subnet\n"
"      --underlay-interface IF, --underlay-address ADDR,\n"
"      --underlay-cidr CIDR, --underlay-can-reach ADDR   underlay.*\n"
"      --pod-cidr CIDR        pod-cidrs (repeat; replaces the file's)\n"
"      --cluster-cidr CIDR    cluster-cidrs (repeat; replaces the file's)\n"
"      --mesh ADDR            bgp.mesh (repeat; replaces the file's)\n"
"      --listen-port PORT     bgp.listen-port (0: do not listen)\n"
"      --control-socket PATH  control.socket\n"
"      --no-graceful-restart  bgp.graceful-restart: false\n";

static int bad(char *errbuf, size_t errlen, const char *opt, const char *arg,
	       const char *what)
{
	snprintf(errbuf, errlen, "--%s %s: %s", opt, arg, what);
	return -EINVAL;
}

static int parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int parse_addr(const char *s, struct podnet_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &a->v4) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, s, &a->v6) == 1)
		a->family = AF_INET6;
	else
		return -EINVAL;
	return 0;
}

static int add_cidr(struct podnetd_cidr *list, size_t *n, const char *s)
{
	if (*n == PODNETD_MAX_CIDRS)
		return -ENOSPC;
	if (podnetd_cidr_parse(s, &list[*n]))
		return -EINVAL;
	(*n)++;
	return 0;
}

static int parse_one(int opt, const char *arg, struct podnetd_flags *f,
		     char *errbuf, size_t errlen)
{
	const char *name = options[0].name;
	size_t i;

	for (i = 0; options[i].name; i++)
		if (options[i].val == opt)
			name = options[i].name;
	switch (opt) {
	case OPT_NODE_NAME:
		if (strlen(arg) >= sizeof(f->node_name))
			return bad(errbuf, errlen, name, arg, "too long");
		strcpy(f->node_name, arg);
		break;
	case OPT_ROUTER_ID:
		if (inet_pton(AF_INET, arg, &f->router_id) != 1)
			return bad(errbuf, errlen, name, arg,
				   "not an IPv4 address");
		break;
	case OPT_AS:
		if (parse_u32(arg, 1, UINT32_MAX, &f->as))
			return bad(errbuf, errlen, name, arg,
				   "not an AS number (1..4294967295)");
		break;
	case OPT_DEVICE:
		if (!*arg || strlen(arg) >= IF_NAMESIZE || strchr(arg, '/'))
			return bad(errbuf, errlen, name, arg,
				   "not an interface name");
		strcpy(f->device, arg);
		break;
	case OPT_ENCAP:
		if (strcmp(arg, "vxlan") && strcmp(arg, "ipip") &&
		    strcmp(arg, "direct") && strcmp(arg, "cross-subnet"))
			return bad(errbuf, errlen, name, arg,
				   "not vxlan, ipip, direct or cross-subnet");
		strcpy(f->encap, arg);
		break;
	case OPT_UNDERLAY_INTERFACE:
		if (!*arg || strlen(arg) >= IF_NAMESIZE)
			return bad(errbuf, errlen, name, arg,
				   "not an interface name");
		f->underlay.method = PODNETD_UNDERLAY_INTERFACE;
		strcpy(f->underlay.interface, arg);
		break;
	case OPT_UNDERLAY_ADDRESS:
	case OPT_UNDERLAY_CAN_REACH:
		if (parse_addr(arg, &f->underlay.address))
			return bad(errbuf, errlen, name, arg,
				   "not an IP address");
		f->underlay.method = opt == OPT_UNDERLAY_ADDRESS ?
				     PODNETD_UNDERLAY_ADDRESS :
				     PODNETD_UNDERLAY_CAN_REACH;
		break;
	case OPT_UNDERLAY_CIDR:
		if (podnetd_cidr_parse(arg, &f->underlay.cidr))
			return bad(errbuf, errlen, name, arg, "not a CIDR");
		f->underlay.method = PODNETD_UNDERLAY_CIDR;
		break;
	case OPT_POD_CIDR:
		if (add_cidr(f->pod_cidrs, &f->n_pod_cidrs, arg))
			return bad(errbuf, errlen, name, arg,
				   "not a CIDR, or too many");
		break;
	case OPT_CLUSTER_CIDR:
		if (add_cidr(f->cluster_cidrs, &f->n_cluster_cidrs, arg))
			return bad(errbuf, errlen, name, arg,
				   "not a CIDR, or too many");
		break;
	case OPT_MESH:
		if (f->n_mesh == PODNETD_MAX_PEERS ||
		    parse_addr(arg, &f->mesh[f->n_mesh]))
			return bad(errbuf, errlen, name, arg,
				   "not an IP address, or too many");
		f->n_mesh++;
		break;
	case OPT_LISTEN_PORT:
		if (parse_u32(arg, 0, 65535, &f->listen_port))
			return bad(errbuf, errlen, name, arg,
				   "not a port (0..65535)");
		f->listen_port_set = true;
		break;
	case OPT_CONTROL_SOCKET:
		if (arg[0] != '/' || strlen(arg) >= sizeof(f->control_socket))
			return bad(errbuf, errlen, name, arg,
				   "not an absolute path of under 108 octets");
		strcpy(f->control_socket, arg);
		break;
	case OPT_NO_GRACEFUL_RESTART:
		f->no_graceful_restart = true;
		break;
	}
	return 0;
}

int podnetd_flags_parse(int argc, char *const argv[], struct podnetd_flags *f,
			char *errbuf, size_t errlen)
{
	int opt, err;

	memset(f, 0, sizeof(*f));
	f->config = PODNETD_CONFIG_PATH;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:vh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			f->config = optarg;
			f->config_given = true;
			break;
		case 'v':
			f->verbose = true;
			break;
		case 'h':
			f->help = true;
			break;
		case OPT_VERSION:
			f->version = true;
			break;
		case OPT_CHECK:
			f->check = true;
			break;
		case ':':
			snprintf(errbuf, errlen, "%s needs a value",
				 argv[optind - 1]);
			return -EINVAL;
		case '?':
			snprintf(errbuf, errlen, "unknown option %s",
				 argv[optind - 1]);
			return -EINVAL;
		default:
			err = parse_one(opt, optarg, f, errbuf, errlen);
			if (err)
				return err;
		}
	}
	if (optind < argc) {
		snprintf(errbuf, errlen, "unexpected argument %s", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

static void apply_encap(const char *encap, struct podnetd_config *cfg)
{
	cfg->cross_subnet = !strcmp(encap, "cross-subnet");
	if (!strcmp(encap, "ipip"))
		cfg->encap = PODNET_ENCAP_IPIP;
	else if (!strcmp(encap, "direct"))
		cfg->encap = PODNET_ENCAP_DIRECT;
	else
		cfg->encap = PODNET_ENCAP_VXLAN;
}

/* The mesh from flags replaces the file's mesh, keeping its other peers. */
static int apply_mesh(const struct podnetd_flags *f, struct podnetd_config *cfg,
		      char *errbuf, size_t errlen)
{
	size_t i, n = 0;

	for (i = 0; i < cfg->n_peers; i++)
		if (!cfg->peers[i].mesh)
			cfg->peers[n++] = cfg->peers[i];
	for (i = 0; i < f->n_mesh; i++) {
		struct podnetd_peer *p;

		if (n == PODNETD_MAX_PEERS) {
			snprintf(errbuf, errlen, "--mesh: more than %d peers",
				 PODNETD_MAX_PEERS);
			return -ENOSPC;
		}
		p = &cfg->peers[n++];
		memset(p, 0, sizeof(*p));
		p->address = f->mesh[i];
		p->port = 179;
		p->mesh = true;
		snprintf(p->desc, sizeof(p->desc), "--mesh[%zu]", i);
	}
	cfg->n_peers = n;
	return 0;
}

int podnetd_flags_apply(const struct podnetd_flags *f,
			struct podnetd_config *cfg, char *errbuf,
			size_t errlen)
{
	if (*f->node_name)
		strcpy(cfg->node_name, f->node_name);
	if (f->router_id.s_addr)
		cfg->router_id = ntohl(f->router_id.s_addr);
	if (f->as)
		cfg->as = f->as;
	if (*f->device)
		strcpy(cfg->device, f->device);
	if (*f->encap)
		apply_encap(f->encap, cfg);
	if (f->underlay.method != PODNETD_UNDERLAY_AUTO)
		cfg->underlay = f->underlay;
	if (f->n_pod_cidrs) {
		memcpy(cfg->pod_cidrs, f->pod_cidrs, sizeof(f->pod_cidrs));
		cfg->n_pod_cidrs = f->n_pod_cidrs;
	}
	if (f->n_cluster_cidrs) {
		memcpy(cfg->cluster_cidrs, f->cluster_cidrs,
		       sizeof(f->cluster_cidrs));
		cfg->n_cluster_cidrs = f->n_cluster_cidrs;
	}
	if (f->listen_port_set)
		cfg->listen_port = f->listen_port;
	if (*f->control_socket)
		strcpy(cfg->control_socket, f->control_socket);
	if (f->no_graceful_restart)
		cfg->graceful_restart = false;
	if (f->n_mesh)
		return apply_mesh(f, cfg, errbuf, errlen);
	return 0;
}
