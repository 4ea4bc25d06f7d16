// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <netlink/msg.h>

#include "collect.h"
#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

static int endpoint_parse(const struct nlmsghdr *nlh, void *ep)
{
	return podnet_genl_endpoint_parse(nlh, ep);
}

/* The builders' NULL would otherwise read as out of memory. */
static int check_family(const struct podnet_addr *addr, char *errbuf,
			size_t errlen)
{
	if (addr->family == AF_INET || addr->family == AF_INET6)
		return 0;
	if (errlen)
		errbuf[0] = '\0';
	return -EAFNOSUPPORT;
}

int podnet_endpoint_add(const char *dev, const struct podnet_endpoint *ep,
			bool replace, char *errbuf, size_t errlen)
{
	struct podnet_genl g;
	int err;

	err = check_family(&ep->addr, errbuf, errlen);
	if (!err)
		err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk,
				     podnet_genl_endpoint_add_msg(g.family,
								  g.ifindex, ep,
								  replace),
				     NULL, NULL, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return err;
}

int podnet_endpoint_del(const char *dev, const struct podnet_addr *addr,
			char *errbuf, size_t errlen)
{
	struct podnet_genl g;
	int err;

	err = check_family(addr, errbuf, errlen);
	if (!err)
		err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk,
				     podnet_genl_endpoint_del_msg(g.family,
								  g.ifindex,
								  addr),
				     NULL, NULL, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return err;
}

int podnet_endpoint_list(const char *dev, struct podnet_endpoint **eps,
			 size_t *count, char *errbuf, size_t errlen)
{
	struct podnet_collector c = {
		.parse = endpoint_parse,
		.item_size = sizeof(**eps),
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_dump(g.sk,
				     podnet_genl_endpoint_dump_msg(g.family,
								   g.ifindex),
				     podnet_collect, podnet_collect_restart, &c,
				     errbuf, errlen);
		podnet_genl_close(&g);
	}
	*eps = podnet_collected(&c, err, count);
	return err;
}
