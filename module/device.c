// SPDX-License-Identifier: GPL-2.0
/*
 * The podnet netdevice: creation through rtnetlink (ip link add ... type
 * podnet), its link attributes, and its netdev ops.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/skbuff.h>
#include <net/netlink.h>

#include "podnet.h"

struct netlink_range_validation podnet_ageing_range __ro_after_init = {
	.min = PODNET_AGEING_TIME_MIN,
	.max = PODNET_AGEING_TIME_MAX,
};

struct netlink_range_validation podnet_vni_range __ro_after_init = {
	.max = PODNET_VNI_MAX,
};

struct netlink_range_validation podnet_routes_max_range __ro_after_init = {
	.min = 1,
	.max = PODNET_ROUTES_MAX_LIMIT,
};

static const struct nla_policy podnet_policy[IFLA_PODNET_MAX + 1] = {
	[IFLA_PODNET_MODE] = { .type = NLA_U32 },
	[IFLA_PODNET_AGEING_TIME] = NLA_POLICY_FULL_RANGE(NLA_U32,
							  &podnet_ageing_range),
	PODNET_CFG_POLICY(IFLA_PODNET_),
};

static_assert(IFLA_PODNET_ROUTES_MAX - IFLA_PODNET_ENCAP ==
	      PODNET_CFG_ROUTES_MAX);
static_assert(PODNET_A_ROUTES_MAX - PODNET_A_ENCAP == PODNET_CFG_ROUTES_MAX);

static int podnet_init(struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);
	int err;

	pn->stats = netdev_alloc_pcpu_stats(struct podnet_pcpu_stats);
	if (!pn->stats)
		return -ENOMEM;
	err = podnet_fdb_init(pn);
	if (err)
		goto err_stats;
	err = podnet_endpoints_init(pn);
	if (err)
		goto err_fdb;
	err = podnet_routes_init(pn);
	if (err)
		goto err_endpoints;
	err = gro_cells_init(&pn->gro_cells, dev);
	if (err)
		goto err_routes;
	podnet_tunnel_register(pn);
	return 0;

err_routes:
	podnet_routes_destroy(pn);
err_endpoints:
	podnet_endpoints_destroy(pn);

err_fdb:
	podnet_fdb_destroy(pn);
err_stats:
	free_percpu(pn->stats);
	return err;
}

static void podnet_uninit(struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);

	podnet_ports_del_all(pn);
	podnet_endpoints_flush(pn, NULL);
	/* Drops the next hops' cached underlay routes now, not at free. */
	podnet_routes_flush(pn, true, 0);
	podnet_tunnel_unregister(pn);
	gro_cells_destroy(&pn->gro_cells);
}

/* Runs once the last reference is gone: no reader is left. */
static void podnet_destructor(struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);

	podnet_routes_destroy(pn);
	podnet_endpoints_destroy(pn);
	podnet_fdb_destroy(pn);
	free_percpu(pn->stats);
}

static int podnet_open(struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);
	int err;

	err = podnet_tunnel_open(pn);
	if (err) {
		netdev_err(dev, "cannot open VXLAN port %u: %d\n",
			   pn->cfg.vxlan_port, err);
		return err;
	}
	podnet_fdb_start(pn);
	return 0;
}

static int podnet_stop(struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);

	podnet_fdb_stop(pn);
	podnet_tunnel_close(pn);
	return 0;
}

/* A hand-set MTU stays: the device stops following the underlay. */
static int podnet_change_mtu(struct net_device *dev, int mtu)
{
	struct podnet_dev *pn = netdev_priv(dev);

	if (!pn->mtu_following)
		pn->cfg.mtu_auto = false;
	WRITE_ONCE(dev->mtu, mtu);
	return 0;
}

static int podnet_add_slave(struct net_device *dev, struct net_device *port,
			    struct netlink_ext_ack *extack)
{
	return podnet_port_add(netdev_priv(dev), port, extack);
}

static int podnet_del_slave(struct net_device *dev, struct net_device *port)
{
	return podnet_port_del(netdev_priv(dev), port);
}

static const struct net_device_ops podnet_netdev_ops = {
	.ndo_init		= podnet_init,
	.ndo_uninit		= podnet_uninit,
	.ndo_open		= podnet_open,
	.ndo_stop		= podnet_stop,
	.ndo_change_mtu		= podnet_change_mtu,
	.ndo_start_xmit		= podnet_xmit,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_add_slave		= podnet_add_slave,
	.ndo_del_slave		= podnet_del_slave,
};

bool netif_is_podnet(const struct net_device *dev)
{
	return dev->netdev_ops == &podnet_netdev_ops;
}

#define PODNET_FEATURES (NETIF_F_SG | NETIF_F_HW_CSUM | NETIF_F_HIGHDMA | \
			 NETIF_F_FRAGLIST | NETIF_F_GSO_SOFTWARE)

void podnet_setup(struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &podnet_netdev_ops;
	dev->rtnl_link_ops = &podnet_link_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = podnet_destructor;
	dev->priv_flags |= IFF_NO_QUEUE;
	podnet_set_lltx(dev);
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	/* Routed mode answers "unreachable" with the packet's route. */
	netif_keep_dst(dev);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	/* Segmentation and checksums are left to the ports' devices. */
	dev->features |= PODNET_FEATURES;
	dev->hw_features |= PODNET_FEATURES;
	eth_hw_addr_random(dev);

	pn->dev = dev;
	pn->mode = PODNET_MODE_BRIDGE;
	pn->ageing_time = PODNET_AGEING_TIME_DEFAULT;
	INIT_LIST_HEAD(&pn->ports);
	pn->cfg.encap = PODNET_ENCAP_VXLAN;
	pn->cfg.vni = PODNET_VNI_DEFAULT;
	pn->cfg.vxlan_port = PODNET_VXLAN_PORT_DEFAULT;
	pn->cfg.mtu_auto = true;
	INIT_LIST_HEAD(&pn->up_list);
}

/*
 * Routed mode: the host needs no neighbour resolution towards pods, xmit
 * addresses them from the endpoint table; so the device does no ARP/ND.
 */
static void podnet_mode_flags(struct net_device *dev, enum podnet_mode mode)
{
	if (mode == PODNET_MODE_ROUTED)
		dev->flags |= IFF_NOARP;
	else
		dev->flags &= ~IFF_NOARP;
}

int podnet_set_mode(struct podnet_dev *pn, enum podnet_mode mode,
		    struct netlink_ext_ack *extack)
{
	unsigned int flags = pn->dev->flags;
	int err;

	ASSERT_RTNL();
	if (mode == pn->mode)
		return 0;
	flags = mode == PODNET_MODE_ROUTED ? flags | IFF_NOARP : flags & ~IFF_NOARP;
	err = dev_change_flags(pn->dev, flags, extack);
	if (err)
		return err;
	WRITE_ONCE(pn->mode, mode);
	podnet_fdb_flush(pn, NULL);
	netdev_info(pn->dev, "mode %s\n",
		    mode == PODNET_MODE_ROUTED ? "routed" : "bridge");
	return 0;
}

void podnet_set_ageing(struct podnet_dev *pn, u32 seconds)
{
	WRITE_ONCE(pn->ageing_time, seconds);
	if (pn->dev->flags & IFF_UP)
		podnet_fdb_reschedule(pn);
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
	int err;

	if (data && data[IFLA_PODNET_MODE])
		pn->mode = nla_get_u32(data[IFLA_PODNET_MODE]);
	if (data && data[IFLA_PODNET_AGEING_TIME])
		pn->ageing_time = nla_get_u32(data[IFLA_PODNET_AGEING_TIME]);
	podnet_mode_flags(dev, pn->mode);
	if (tb[IFLA_MTU])
		pn->cfg.mtu_auto = false;
	err = register_netdevice(dev);
	if (err)
		return err;
	if (data) {
		err = podnet_configure(pn, &data[IFLA_PODNET_ENCAP], extack);
		if (err)
			unregister_netdevice(dev);
	}
	return err;
}

PODNET_NEWLINK(podnet_newlink)

static int podnet_changelink(struct net_device *dev, struct nlattr *tb[],
			     struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	struct podnet_dev *pn = netdev_priv(dev);
	int err;

	if (!data)
		return 0;
	if (data[IFLA_PODNET_MODE]) {
		err = podnet_set_mode(pn, nla_get_u32(data[IFLA_PODNET_MODE]),
				      extack);
		if (err)
			return err;
	}
	if (data[IFLA_PODNET_AGEING_TIME])
		podnet_set_ageing(pn, nla_get_u32(data[IFLA_PODNET_AGEING_TIME]));
	return podnet_configure(pn, &data[IFLA_PODNET_ENCAP], extack);
}

/*
 * Applies the encapsulation attributes present in @a (indexed by enum
 * podnet_cfg_attr) over the current settings.
 */
int podnet_configure(struct podnet_dev *pn, struct nlattr *const *a,
		     struct netlink_ext_ack *extack)
{
	struct podnet_encap_cfg cfg = pn->cfg;
	bool any = false;
	int i, err;

	for (i = 0; i < PODNET_CFG_COUNT; i++)
		any |= !!a[i];
	if (!any)
		return 0;
	if (a[PODNET_CFG_ENCAP])
		cfg.encap = nla_get_u32(a[PODNET_CFG_ENCAP]);
	if (a[PODNET_CFG_CROSS_SUBNET])
		cfg.cross_subnet = nla_get_u8(a[PODNET_CFG_CROSS_SUBNET]);
	if (a[PODNET_CFG_VNI])
		cfg.vni = nla_get_u32(a[PODNET_CFG_VNI]);
	if (a[PODNET_CFG_VXLAN_PORT])
		cfg.vxlan_port = nla_get_u16(a[PODNET_CFG_VXLAN_PORT]);
	if (a[PODNET_CFG_LOCAL4])
		cfg.local4 = nla_get_in_addr(a[PODNET_CFG_LOCAL4]);
	if (a[PODNET_CFG_LOCAL6])
		cfg.local6 = nla_get_in6_addr(a[PODNET_CFG_LOCAL6]);
	if (a[PODNET_CFG_UNDERLAY])
		cfg.underlay = nla_get_u32(a[PODNET_CFG_UNDERLAY]);
	err = podnet_set_encap(pn, &cfg, extack);
	if (err)
		return err;
	if (a[PODNET_CFG_ROUTES_MAX])
		pn->routes.max = nla_get_u32(a[PODNET_CFG_ROUTES_MAX]);
	return 0;
}

/* Puts the encapsulation attributes, numbered from @base. */
int podnet_fill_cfg(struct sk_buff *skb, const struct podnet_dev *pn, int base)
{
	const struct podnet_encap_cfg *cfg = &pn->cfg;

	if (nla_put_u32(skb, base + PODNET_CFG_ENCAP, READ_ONCE(cfg->encap)) ||
	    nla_put_u8(skb, base + PODNET_CFG_CROSS_SUBNET,
		       READ_ONCE(cfg->cross_subnet)) ||
	    nla_put_u32(skb, base + PODNET_CFG_VNI, READ_ONCE(cfg->vni)) ||
	    nla_put_u16(skb, base + PODNET_CFG_VXLAN_PORT,
			READ_ONCE(cfg->vxlan_port)) ||
	    nla_put_u32(skb, base + PODNET_CFG_ROUTES_MAX,
			READ_ONCE(pn->routes.max)))
		return -EMSGSIZE;
	if (cfg->local4 &&
	    nla_put_in_addr(skb, base + PODNET_CFG_LOCAL4, cfg->local4))
		return -EMSGSIZE;
	if (!ipv6_addr_any(&cfg->local6) &&
	    nla_put_in6_addr(skb, base + PODNET_CFG_LOCAL6, &cfg->local6))
		return -EMSGSIZE;
	if (cfg->underlay &&
	    nla_put_u32(skb, base + PODNET_CFG_UNDERLAY, cfg->underlay))
		return -EMSGSIZE;
	return 0;
}

size_t podnet_cfg_size(void)
{
	return nla_total_size(sizeof(u32)) +		/* ENCAP */
	       nla_total_size(sizeof(u8)) +		/* CROSS_SUBNET */
	       nla_total_size(sizeof(u32)) +		/* VNI */
	       nla_total_size(sizeof(u16)) +		/* VXLAN_PORT */
	       nla_total_size(sizeof(__be32)) +		/* LOCAL4 */
	       nla_total_size(sizeof(struct in6_addr)) +	/* LOCAL6 */
	       nla_total_size(sizeof(u32)) +		/* UNDERLAY */
	       nla_total_size(sizeof(u32));		/* ROUTES_MAX */
}

size_t podnet_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u32)) +	/* IFLA_PODNET_MODE */
	       nla_total_size(sizeof(u32)) +	/* IFLA_PODNET_AGEING_TIME */
	       podnet_cfg_size();
}

int podnet_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct podnet_dev *pn = netdev_priv(dev);

	if (nla_put_u32(skb, IFLA_PODNET_MODE, READ_ONCE(pn->mode)) ||
	    nla_put_u32(skb, IFLA_PODNET_AGEING_TIME, READ_ONCE(pn->ageing_time)))
		return -EMSGSIZE;
	return podnet_fill_cfg(skb, pn, IFLA_PODNET_ENCAP);
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

void podnet_stats_read(struct podnet_dev *pn, u64 *sum)
{
	unsigned int cpu, start;
	int i;

	memset(sum, 0, sizeof(*sum) * PODNET_STAT_COUNT);
	for_each_possible_cpu(cpu) {
		const struct podnet_pcpu_stats *st = per_cpu_ptr(pn->stats, cpu);
		u64 c[PODNET_STAT_COUNT];

		do {
			start = u64_stats_fetch_begin(&st->syncp);
			for (i = 0; i < PODNET_STAT_COUNT; i++)
				c[i] = u64_stats_read(&st->c[i]);
		} while (u64_stats_fetch_retry(&st->syncp, start));
		for (i = 0; i < PODNET_STAT_COUNT; i++)
			sum[i] += c[i];
	}
}

/* Deletes every podnet device, in every netns. */
void podnet_device_exit(void)
{
	rtnl_link_unregister(&podnet_link_ops);
}
