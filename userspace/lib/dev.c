// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/msg.h>

#include "collect.h"
#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

static int dev_parse(const struct nlmsghdr *nlh, void *dev)
{
	return podnet_genl_dev_parse(nlh, dev);
}

int podnet_dev_get(const char *dev, struct podnet_dev *out,
		   char *errbuf, size_t errlen)
{
	struct podnet_collector c = {
		.parse = dev_parse,
		.item_size = sizeof(*out),
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk, podnet_genl_dev_get_msg(g.family,
								   g.ifindex),
				     podnet_collect, &c, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return podnet_collected_one(&c, err, out, errbuf, errlen);
}

int podnet_dev_list(struct podnet_dev **devs, size_t *count,
		    char *errbuf, size_t errlen)
{
	struct podnet_collector c = {
		.parse = dev_parse,
		.item_size = sizeof(**devs),
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, NULL, errbuf, errlen);
	if (!err) {
		err = podnet_nl_dump(g.sk, podnet_genl_dev_dump_msg(g.family),
				     podnet_collect, podnet_collect_restart, &c,
				     errbuf, errlen);
		podnet_genl_close(&g);
	}
	*devs = podnet_collected(&c, err, count);
	return err;
}

int podnet_dev_set(const char *dev, const struct podnet_dev_params *p,
		   char *errbuf, size_t errlen)
{
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk, podnet_genl_dev_set_msg(g.family,
								   g.ifindex, p),
				     NULL, NULL, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return err;
}
