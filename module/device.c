// SPDX-License-Identifier: GPL-2.0
/*
 * The podnet netdevice: creation through rtnetlink (ip link add ... type
 * podnet), its link attributes, and its netdev ops.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "compat.h"
#include "podnet.h"

static const struct nla_policy podnet_policy[IFLA_PODNET_MAX + 1] = {
	[IFLA_PODNET_MODE] = { .type = NLA_U32 },
};

static netdev_tx_t podnet_xmit(struct sk_buff *skb, struct net_device *dev)
{
	/* Nothing to forward to yet: count the drop so it is visible. */
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops podnet_netdev_ops = {
	.ndo_start_xmit		= podnet_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

void podnet_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &podnet_netdev_ops;
	dev->rtnl_link_ops = &podnet_link_ops;
	dev->needs_free_netdev = true;
	dev->priv_flags |= IFF_NO_QUEUE;
	podnet_set_lltx(dev);
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
}

/*
 * rtnetlink parses IFLA_INFO_DATA leniently (unknown attributes dropped,
 * oversized ones accepted), so validate the raw nest strictly here.
 */
static int podnet_validate_data(struct nlattr *linkinfo,
				struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	int rem;

	nla_for_each_nested(attr, linkinfo, rem) {
		if (nla_type(attr) == IFLA_INFO_DATA)
			return nla_validate_nested(attr, IFLA_PODNET_MAX,
						   podnet_policy, extack);
	}
	return 0;
}

int podnet_validate(struct nlattr *tb[], struct nlattr *data[],
		    struct netlink_ext_ack *extack)
{
	int err;

	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "podnet: address must be an Ethernet address");
			return -EINVAL;
		}
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "podnet: address must be unicast and not zero");
			return -EADDRNOTAVAIL;
		}
	}
	if (tb[IFLA_LINKINFO]) {
		err = podnet_validate_data(tb[IFLA_LINKINFO], extack);
		if (err)
			return err;
	}
	if (data && data[IFLA_PODNET_MODE] &&
	    nla_get_u32(data[IFLA_PODNET_MODE]) > PODNET_MODE_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_PODNET_MODE],
				    "podnet: mode must be bridge (0) or routed (1)");
		return -EINVAL;
	}
	return 0;
}

static int podnet_newlink(struct net *src_net, struct net_device *dev,
			  struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct podnet_dev *pn = netdev_priv(dev);

	pn->dev = dev;
	pn->mode = PODNET_MODE_BRIDGE;
	if (data && data[IFLA_PODNET_MODE])
		pn->mode = nla_get_u32(data[IFLA_PODNET_MODE]);
	return register_netdevice(dev);
}

PODNET_NEWLINK(podnet_newlink)

static int podnet_changelink(struct net_device *dev, struct nlattr *tb[],
			     struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	struct podnet_dev *pn = netdev_priv(dev);

	if (data && data[IFLA_PODNET_MODE] &&
	    nla_get_u32(data[IFLA_PODNET_MODE]) != pn->mode) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_PODNET_MODE],
				    "podnet: mode is fixed when the device is created");
		return -EOPNOTSUPP;
	}
	return 0;
}

size_t podnet_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32));	/* IFLA_PODNET_MODE */
}

int podnet_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct podnet_dev *pn = netdev_priv(dev);

	if (nla_put_u32(skb, IFLA_PODNET_MODE, pn->mode))
		return -EMSGSIZE;
	return 0;
}

struct rtnl_link_ops podnet_link_ops __read_mostly = {
	.kind		= PODNET_LINK_KIND,
	.priv_size	= sizeof(struct podnet_dev),
	.maxtype	= IFLA_PODNET_MAX,
	.policy		= podnet_policy,
	.setup		= podnet_setup,
	.validate	= podnet_validate,
	.newlink	= podnet_newlink_entry,
	.changelink	= podnet_changelink,
	.get_size	= podnet_get_size,
	.fill_info	= podnet_fill_info,
};

int __init podnet_device_init(void)
{
	return rtnl_link_register(&podnet_link_ops);
}

/* Deletes every podnet device, in every netns. */
void podnet_device_exit(void)
{
	rtnl_link_unregister(&podnet_link_ops);
}
