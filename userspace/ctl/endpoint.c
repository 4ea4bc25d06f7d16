// SPDX-License-Identifier: GPL-2.0
/*
 * podnetctl endpoint add DEV ADDRESS PORT [mac MAC] [replace]
 * podnetctl endpoint del DEV ADDRESS
 * podnetctl endpoint list DEV
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static int arg_addr(struct ctl_args *a, struct podnet_addr *addr)
{
	const char *s = ctl_arg_next(a);

	if (!s)
		return ctl_usage_error(a, "missing address");
	return ctl_parse_host_addr(s, addr, a->errbuf, a->errlen);
}

static int parse_add_option(struct ctl_args *a, const char *key,
			    struct ctl_cmd *cmd)
{
	struct podnet_endpoint *ep = &cmd->endpoint;
	const char *s;
	int err;

	if (!strcmp(key, "replace")) {
		if (cmd->replace)
			return ctl_usage_error(a, "replace given twice");
		cmd->replace = true;
		return 0;
	}
	if (strcmp(key, "mac"))
		return ctl_usage_error(a, "unknown endpoint option '%s': mac or replace",
				       key);
	if (ep->has_mac)
		return ctl_usage_error(a, "mac given twice");
	err = ctl_arg_value(a, key, &s);
	if (!err)
		err = ctl_parse_mac(s, ep->mac, a->errbuf, a->errlen);
	ep->has_mac = !err;
	return err;
}

static int parse_add(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *key;
	int err;

	cmd->op = CTL_ENDPOINT_ADD;
	err = ctl_arg_dev(a, &cmd->dev);
	if (!err)
		err = arg_addr(a, &cmd->endpoint.addr);
	if (!err)
		err = ctl_arg_port(a, &cmd->port);
	while (!err && (key = ctl_arg_next(a)))
		err = parse_add_option(a, key, cmd);
	return err;
}

int ctl_parse_endpoint(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *verb = ctl_arg_next(a);
	int err;

	if (!verb)
		return ctl_usage_error(a, "endpoint needs add, del or list");
	if (!strcmp(verb, "add"))
		return parse_add(a, cmd);
	if (!strcmp(verb, "del")) {
		cmd->op = CTL_ENDPOINT_DEL;
		err = ctl_arg_dev(a, &cmd->dev);
		if (!err)
			err = arg_addr(a, &cmd->endpoint.addr);
	} else if (!strcmp(verb, "list")) {
		cmd->op = CTL_ENDPOINT_LIST;
		err = ctl_arg_dev(a, &cmd->dev);
	} else {
		return ctl_usage_error(a, "unknown command 'endpoint %s'", verb);
	}
	return err ? err : ctl_arg_end(a);
}

void ctl_endpoint_text(FILE *f, const struct podnet_endpoint *ep,
		       const char *port)
{
	char addr[INET6_ADDRSTRLEN], mac[CTL_MAC_STRLEN], buf[IF_NAMESIZE];

	ctl_format_addr(&ep->addr, addr);
	fprintf(f, "%s port %s", addr, ctl_iflabel(ep->port_ifindex, port, buf));
	if (ep->has_mac) {
		ctl_format_mac(ep->mac, mac);
		fprintf(f, " mac %s", mac);
	}
	fputc('\n', f);
}

json_t *ctl_endpoint_json(const struct podnet_endpoint *ep, const char *port)
{
	char addr[INET6_ADDRSTRLEN], mac[CTL_MAC_STRLEN];

	ctl_format_addr(&ep->addr, addr);
	if (ep->has_mac)
		ctl_format_mac(ep->mac, mac);
	return json_pack("{s:s, s:s, s:s?, s:i, s:s?}",
			 "address", addr,
			 "family", ep->addr.family == AF_INET6 ? "inet6" : "inet",
			 "port", port,
			 "port_ifindex", ep->port_ifindex,
			 "mac", ep->has_mac ? mac : NULL);
}

int ctl_run_endpoint_add(const struct ctl_cmd *cmd,
			 FILE *out __attribute__((unused)),
			 char *errbuf, size_t errlen)
{
	struct podnet_endpoint ep = cmd->endpoint;
	char addr[INET6_ADDRSTRLEN];
	int err;

	ep.port_ifindex = if_nametoindex(cmd->port);
	if (!ep.port_ifindex) {
		snprintf(errbuf, errlen, "no such port '%s'", cmd->port);
		return -ENODEV;
	}
	err = podnet_endpoint_add(cmd->dev, &ep, cmd->replace, errbuf, errlen);
	if (err == -EEXIST && !errbuf[0]) {
		ctl_format_addr(&ep.addr, addr);
		snprintf(errbuf, errlen,
			 "%s already has an endpoint on %s (add 'replace')",
			 addr, cmd->dev);
	}
	return err;
}

int ctl_run_endpoint_del(const struct ctl_cmd *cmd,
			 FILE *out __attribute__((unused)),
			 char *errbuf, size_t errlen)
{
	char addr[INET6_ADDRSTRLEN];
	int err;

	err = podnet_endpoint_del(cmd->dev, &cmd->endpoint.addr, errbuf, errlen);
	if (err == -ENOENT && !errbuf[0]) {
		ctl_format_addr(&cmd->endpoint.addr, addr);
		snprintf(errbuf, errlen, "no endpoint %s on %s", addr, cmd->dev);
	}
	return err;
}

int ctl_run_endpoint_list(const struct ctl_cmd *cmd, FILE *out,
			  char *errbuf, size_t errlen)
{
	struct podnet_endpoint *eps;
	char buf[IF_NAMESIZE];
	size_t count, i;
	json_t *doc;
	int err;

	err = podnet_endpoint_list(cmd->dev, &eps, &count, errbuf, errlen);
	if (err)
		return err;
	doc = cmd->json ? json_array() : NULL;
	for (i = 0; i < count; i++) {
		const char *port = ctl_ifname(eps[i].port_ifindex, buf);

		if (cmd->json)
			ctl_json_append(&doc, ctl_endpoint_json(&eps[i], port));
		else
			ctl_endpoint_text(out, &eps[i], port);
	}
	free(eps);
	return cmd->json ? ctl_emit_json(out, doc) : 0;
}
