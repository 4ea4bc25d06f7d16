/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PODNET_H
#define _PODNET_H

#include <linux/netdevice.h>
#include <net/rtnetlink.h>
#include <uapi/linux/podnet.h>

struct podnet_dev {
	struct net_device *dev;
	enum podnet_mode mode;
};

extern struct rtnl_link_ops podnet_link_ops;

int podnet_device_init(void);
void podnet_device_exit(void);

/* Shared with the KUnit suites. */
void podnet_setup(struct net_device *dev);
int podnet_validate(struct nlattr *tb[], struct nlattr *data[],
		    struct netlink_ext_ack *extack);
size_t podnet_get_size(const struct net_device *dev);
int podnet_fill_info(struct sk_buff *skb, const struct net_device *dev);

#endif /* _PODNET_H */
