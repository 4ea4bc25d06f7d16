// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/msg.h>

#include "collect.h"
#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

static int port_parse(const struct nlmsghdr *nlh, void *port)
{
	return podnet_genl_port_parse(nlh, port);
}

int podnet_port_list(const char *dev, struct podnet_port **ports,
		     size_t *count, char *errbuf, size_t errlen)
{
	struct podnet_collector c = {
		.parse = port_parse,
		.item_size = sizeof(**ports),
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_dump(g.sk, podnet_genl_port_dump_msg(g.family,
								     g.ifindex),
				     podnet_collect, podnet_collect_restart, &c,
				     errbuf, errlen);
		podnet_genl_close(&g);
	}
	*ports = podnet_collected(&c, err, count);
	return err;
}

int podnet_port_set(const char *dev, const struct podnet_port *port,
		    char *errbuf, size_t errlen)
{
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk, podnet_genl_port_set_msg(g.family,
								    g.ifindex,
								    port),
				     NULL, NULL, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return err;
}
