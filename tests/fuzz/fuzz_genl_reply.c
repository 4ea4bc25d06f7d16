// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: one datagram from the kernel, as podnet_nl_feed() takes it,
 * with every reply parser on every data message and the objects parsed
 * printed as podnetctl would; the offset an error blames, mapped to a
 * route of the datagram's first message as if it were the request.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#include "ctl.h"
#include "nlsock.h"

static FILE *sink;

static int print_route(const struct podnet_route *rt, void *arg)
{
	(void)arg;
	ctl_route_text(sink, rt);
	ctl_emit_json(sink, ctl_route_json(rt));
	return 0;
}

static void print_all(const struct nlmsghdr *nlh)
{
	struct podnet_link_info link;
	struct podnet_endpoint ep;
	struct podnet_fdb_entry fdb;
	struct podnet_stats stats;
	struct podnet_port port;
	struct podnet_dev dev;

	if (!podnet_genl_dev_parse(nlh, &dev)) {
		ctl_dev_text(sink, &dev, NULL);
		ctl_emit_json(sink, ctl_dev_json(&dev, "u"));
	}
	if (!podnet_genl_port_parse(nlh, &port)) {
		ctl_port_text(sink, &port, NULL);
		ctl_emit_json(sink, ctl_port_json(&port, "p"));
	}
	if (!podnet_genl_endpoint_parse(nlh, &ep)) {
		ctl_endpoint_text(sink, &ep, NULL);
		ctl_emit_json(sink, ctl_endpoint_json(&ep, "p"));
	}
	if (!podnet_genl_fdb_parse(nlh, &fdb)) {
		ctl_fdb_text(sink, &fdb, NULL);
		ctl_emit_json(sink, ctl_fdb_json(&fdb, "p"));
	}
	if (!podnet_genl_stats_parse(nlh, &stats)) {
		ctl_stats_text(sink, &stats);
		ctl_emit_json(sink, ctl_stats_json(&stats));
	}
	if (!podnet_link_parse(nlh, &link))
		fprintf(sink, "%d %u %u\n", link.ifindex, link.ageing_time,
			link.overlay.vni);
	podnet_genl_routes_parse(nlh, print_route, NULL);
}

/* Fails as the parser for the command the message claims would. */
static int on_reply(const struct nlmsghdr *nlh, void *arg)
{
	const struct genlmsghdr *g = NLMSG_DATA(nlh);
	struct podnet_stats stats;
	struct podnet_dev dev;

	(void)arg;
	print_all(nlh);
	if (nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return 0;
	if (g->cmd == PODNET_CMD_DEV_GET)
		return podnet_genl_dev_parse(nlh, &dev);
	if (g->cmd == PODNET_CMD_STATS_GET)
		return podnet_genl_stats_parse(nlh, &stats);
	if (g->cmd == PODNET_CMD_ROUTE_GET)
		return podnet_genl_routes_parse(nlh, print_route, NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Aligned, as the buffers nl_recv() hands over are. */
	static uint32_t buf[65536 / sizeof(uint32_t)];
	char errbuf[256] = "";
	struct podnet_nl_call call = {
		.on_reply = on_reply,
		.errbuf = errbuf,
		.errlen = sizeof(errbuf),
	};

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (size > sizeof(buf))
		return -1;
	memcpy(buf, data, size);
	/* The sequence number of the first message: the rest must match it. */
	if (size >= sizeof(struct nlmsghdr))
		call.seq = ((const struct nlmsghdr *)buf)->nlmsg_seq;
	podnet_nl_feed(&call, buf, size);
	/* Errors are negative errnos; the message is always a string. */
	if (call.err > 0 || !memchr(errbuf, '\0', sizeof(errbuf)) ||
	    (call.has_err_offset && !call.err))
		__builtin_trap();
	/* Any offset, against any message that stands for the request. */
	if (call.has_err_offset && size >= sizeof(struct nlmsghdr) &&
	    ((const struct nlmsghdr *)buf)->nlmsg_len <= size &&
	    podnet_route_at_offset((const struct nlmsghdr *)buf,
				   call.err_offset) < -1)
		__builtin_trap();
	return 0;
}
