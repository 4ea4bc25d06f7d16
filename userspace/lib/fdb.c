// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/msg.h>

#include "collect.h"
#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

static int fdb_parse(const struct nlmsghdr *nlh, void *entry)
{
	return podnet_genl_fdb_parse(nlh, entry);
}

int podnet_fdb_list(const char *dev, struct podnet_fdb_entry **entries,
		    size_t *count, char *errbuf, size_t errlen)
{
	struct podnet_collector c = {
		.parse = fdb_parse,
		.item_size = sizeof(**entries),
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_dump(g.sk, podnet_genl_fdb_dump_msg(g.family,
								    g.ifindex),
				     podnet_collect, podnet_collect_restart, &c,
				     errbuf, errlen);
		podnet_genl_close(&g);
	}
	*entries = podnet_collected(&c, err, count);
	return err;
}
