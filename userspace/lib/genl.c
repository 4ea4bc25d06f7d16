// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/socket.h>

#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

static int resolve_family(struct podnet_genl *g, char *errbuf, size_t errlen)
{
	g->family = genl_ctrl_resolve(g->sk, PODNET_GENL_NAME);
	if (g->family == -NLE_OBJ_NOTFOUND) {
		snprintf(errbuf, errlen,
			 "podnet kernel module not loaded (modprobe podnet)");
		return -ENOPKG;
	}
	if (g->family < 0)
		return podnet_nl_error(g->family, errbuf, errlen);
	return 0;
}

/* By kind over rtnetlink, whatever the module answers for other devices. */
static int resolve_dev(struct podnet_genl *g, const char *dev,
		       char *errbuf, size_t errlen)
{
	struct podnet_link_info info;
	int err;

	err = podnet_link_get(dev, &info, errbuf, errlen);
	if (!err)
		g->ifindex = info.ifindex;
	return err;
}

int podnet_genl_open(struct podnet_genl *g, const char *dev,
		     char *errbuf, size_t errlen)
{
	int err;

	*g = (struct podnet_genl){ 0 };
	if (errlen)
		errbuf[0] = '\0';
	err = podnet_nl_open(NETLINK_GENERIC, &g->sk, errbuf, errlen);
	if (err)
		return err;
	err = resolve_family(g, errbuf, errlen);
	if (!err && dev)
		err = resolve_dev(g, dev, errbuf, errlen);
	if (err)
		podnet_genl_close(g);
	return err;
}

void podnet_genl_close(struct podnet_genl *g)
{
	nl_socket_free(g->sk);
	g->sk = NULL;
}
