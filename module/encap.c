// SPDX-License-Identifier: GPL-2.0
/*
 * To other nodes: the path a route takes (direct, VXLAN or IPIP), the
 * underlay route to a next hop, path MTU, the device's encapsulation
 * settings and the MTU that follows from them.
 *
 * Each next hop caches its underlay route (dst_cache, per cpu), so the data
 * path does no FIB lookup while the route stays valid.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/icmp.h>
#include <net/ip6_route.h>
#include <net/netns/generic.h>
#include <net/route.h>

#include "encap.h"

static unsigned int podnet_net_id __read_mostly;

struct podnet_net *podnet_net(struct net *net)
{
	return net_generic(net, podnet_net_id);
}

/* Route to an IPv4 next hop, with a reference, from the cache if valid. */
struct rtable *podnet_nh_route4(struct podnet_dev *pn,
				struct podnet_nexthop *nh, __be32 *saddr)
{
	struct flowi4 fl4;
	struct rtable *rt;

	rt = dst_cache_get_ip4(&nh->dst_cache, saddr);
	if (rt)
		return rt;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = nh->addr.v4;
	fl4.saddr = READ_ONCE(pn->cfg.local4);
	rt = ip_route_output_key(dev_net(pn->dev), &fl4);
	if (IS_ERR(rt))
		return rt;
	/* The cluster route must not carry the tunnel into itself. */
	if (rt->dst.dev == pn->dev || rt->rt_type != RTN_UNICAST) {
		ip_rt_put(rt);
		return ERR_PTR(-ENETUNREACH);
	}
	*saddr = fl4.saddr;
	dst_cache_set_ip4(&nh->dst_cache, &rt->dst, fl4.saddr);
	return rt;
}

struct dst_entry *podnet_nh_route6(struct podnet_dev *pn,
				   struct podnet_nexthop *nh, struct sock *sk,
				   struct in6_addr *saddr)
{
	struct dst_entry *dst;
	struct flowi6 fl6;

	dst = dst_cache_get_ip6(&nh->dst_cache, saddr);
	if (dst)
		return dst;
	memset(&fl6, 0, sizeof(fl6));
	fl6.daddr = nh->addr.v6;
	fl6.saddr = pn->cfg.local6;
	fl6.flowi6_proto = IPPROTO_UDP;
	dst = ip6_dst_lookup_flow(dev_net(pn->dev), sk, &fl6, NULL);
	if (IS_ERR(dst))
		return dst;
	if (dst->dev == pn->dev) {
		dst_release(dst);
		return ERR_PTR(-ENETUNREACH);
	}
	*saddr = fl6.saddr;
	dst_cache_set_ip6(&nh->dst_cache, dst, &fl6.saddr);
	return dst;
}

/* Is @nh on a link of this node: reachable without a gateway? */
static bool podnet_nexthop_onlink(struct podnet_dev *pn,
				  struct podnet_nexthop *nh)
{
	struct dst_entry *dst;
	struct rtable *rt;
	bool onlink;
	__be32 saddr;

	onlink = false;
	/* The route cache is per cpu: netlink asks from process context. */
	local_bh_disable();
	if (nh->addr.family == AF_INET) {
		rt = podnet_nh_route4(pn, nh, &saddr);
		if (!IS_ERR(rt)) {
			onlink = !rt->rt_uses_gateway;
			ip_rt_put(rt);
		}
	} else {
		struct in6_addr saddr6;

		dst = podnet_nh_route6(pn, nh, NULL, &saddr6);
		if (!IS_ERR(dst)) {
			onlink = !(dst_rt6_info(dst)->rt6i_flags & RTF_GATEWAY);
			dst_release(dst);
		}
	}
	local_bh_enable();
	return onlink;
}

enum podnet_encap podnet_route_path(struct podnet_dev *pn,
				    const struct podnet_route *rt)
{
	if (rt->encap != PODNET_ENCAP_DEFAULT)
		return rt->encap;
	if (READ_ONCE(pn->cfg.cross_subnet) &&
	    podnet_nexthop_onlink(pn, rt->nh))
		return PODNET_ENCAP_DIRECT;
	return READ_ONCE(pn->cfg.encap);
}

/*
 * The inner packet plus @overhead must fit the underlay's path MTU. If it
 * does not, the sender learns the tunnel's MTU (the host's route to the
 * destination remembers it) and, when it may not be fragmented, gets told
 * now. Returns 0 to send, -E2BIG when @skb must be dropped.
 */
int podnet_check_pmtu(struct sk_buff *skb, struct dst_entry *dst,
		      unsigned int overhead)
{
	int mtu = (int)dst_mtu(dst) - (int)overhead;
	bool df;

	if (skb_is_gso(skb) ? skb_gso_validate_network_len(skb, mtu) :
	    skb->len - skb_network_offset(skb) <= mtu)
		return 0;
	if (skb->protocol == htons(ETH_P_IP)) {
		mtu = max(mtu, 576);
		df = ip_hdr(skb)->frag_off & htons(IP_DF);
	} else {
		mtu = max(mtu, IPV6_MIN_MTU);
		df = true;
	}
	skb_dst_update_pmtu_no_confirm(skb, mtu);
	if (!df)
		return 0;
	if (skb->protocol == htons(ETH_P_IP))
		icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			      htonl(mtu));
	else
		icmpv6_ndo_send(skb, ICMPV6_PKT_TOOBIG, 0, mtu);
	return -E2BIG;
}

/*
 * No encapsulation (host-gw): the inner packet goes to the next node's
 * underlay address as the on-link gateway.
 */
static void podnet_direct_xmit(struct podnet_dev *pn, struct sk_buff *skb,
			       struct podnet_nexthop *nh)
{
	unsigned int len = skb->len;
	struct neighbour *neigh;
	struct rtable *rt;
	__be32 saddr;
	int err;

	if (nh->addr.family != AF_INET)
		goto drop;
	rt = podnet_nh_route4(pn, nh, &saddr);
	if (IS_ERR(rt))
		goto drop;
	if (rt->rt_uses_gateway || podnet_check_pmtu(skb, &rt->dst, 0)) {
		ip_rt_put(rt);
		goto drop;
	}
	skb_scrub_packet(skb, false);
	skb_dst_set(skb, &rt->dst);
	skb->dev = rt->dst.dev;
	neigh = ip_neigh_gw4(skb->dev, nh->addr.v4);
	if (IS_ERR(neigh))
		goto drop;
	/* The neighbour's cached header is IPv4's: not for IPv6 inside. */
	err = neigh_output(neigh, skb, skb->protocol != htons(ETH_P_IP));
	if (net_xmit_eval(err) == 0) {
		podnet_stat_inc(pn, PODNET_STAT_TX_DIRECT);
		dev_sw_netstats_tx_add(pn->dev, 1, len);
	} else {
		pn->dev->stats.tx_dropped++;
	}
	return;

drop:
	podnet_stat_inc(pn, PODNET_STAT_DROP_UNDERLAY);
	kfree_skb(skb);
}

/* IP paths carry no Ethernet header: start @skb at its IP header. */
static void podnet_strip_ethernet(struct sk_buff *skb)
{
	__skb_pull(skb, skb_network_offset(skb));
	skb_reset_mac_header(skb);
}

/* @skb starts at its Ethernet header; RCU held. Consumes @skb. */
void podnet_route_xmit(struct podnet_dev *pn, struct sk_buff *skb,
		       const struct podnet_route *rt)
{
	switch (podnet_route_path(pn, rt)) {
	case PODNET_ENCAP_VXLAN:
		podnet_vxlan_xmit(pn, skb, rt);
		return;
	case PODNET_ENCAP_IPIP:
		podnet_strip_ethernet(skb);
		podnet_ipip_xmit(pn, skb, rt->nh);
		return;
	default:
		podnet_strip_ethernet(skb);
		podnet_direct_xmit(pn, skb, rt->nh);
		return;
	}
}

static unsigned int podnet_overhead(const struct podnet_encap_cfg *cfg)
{
	switch (cfg->encap) {
	case PODNET_ENCAP_VXLAN:
		/* An IPv6-only underlay carries the larger outer header. */
		return !cfg->local4 && !ipv6_addr_any(&cfg->local6) ?
			PODNET_VXLAN6_OVERHEAD : PODNET_VXLAN4_OVERHEAD;
	case PODNET_ENCAP_IPIP:
		return PODNET_IPIP_OVERHEAD;
	default:
		return 0;
	}
}

/* Sets the MTU from the underlay device's, unless it was set by hand. */
void podnet_update_mtu(struct podnet_dev *pn)
{
	struct net_device *ul;
	int mtu;

	ASSERT_RTNL();
	if (!pn->cfg.mtu_auto || !pn->cfg.underlay)
		return;
	ul = __dev_get_by_index(dev_net(pn->dev), pn->cfg.underlay);
	if (!ul)
		return;
	mtu = max_t(int, ul->mtu - podnet_overhead(&pn->cfg), ETH_MIN_MTU);
	if (mtu == pn->dev->mtu)
		return;
	pn->mtu_following = true;
	if (dev_set_mtu(pn->dev, mtu))
		netdev_warn(pn->dev, "cannot follow %s's MTU %u\n", ul->name,
			    ul->mtu);
	pn->mtu_following = false;
}

/* Next hops cache routes from the old source address: forget them. */
static int podnet_nexthop_reset(void *obj, void *arg)
{
	struct podnet_nexthop *nh = obj;

	dst_cache_reset(&nh->dst_cache);
	return 0;
}

int podnet_set_encap(struct podnet_dev *pn, const struct podnet_encap_cfg *cfg,
		     struct netlink_ext_ack *extack)
{
	struct podnet_encap_cfg old = pn->cfg;
	bool reopen;
	int err;

	ASSERT_RTNL();
	if (cfg->encap == PODNET_ENCAP_DEFAULT || cfg->encap > PODNET_ENCAP_MAX) {
		NL_SET_ERR_MSG(extack, "podnet: encap must be direct, vxlan or ipip");
		return -EINVAL;
	}
	if (cfg->vni > PODNET_VNI_MAX) {
		NL_SET_ERR_MSG(extack, "podnet: VNI is 24 bits");
		return -EINVAL;
	}
	if (!cfg->vxlan_port) {
		NL_SET_ERR_MSG(extack, "podnet: VXLAN port must not be 0");
		return -EINVAL;
	}
	if (cfg->local4 && (ipv4_is_multicast(cfg->local4) ||
			    ipv4_is_lbcast(cfg->local4))) {
		NL_SET_ERR_MSG(extack, "podnet: local address must be unicast");
		return -EINVAL;
	}
	if (ipv6_addr_is_multicast(&cfg->local6)) {
		NL_SET_ERR_MSG(extack, "podnet: local address must be unicast");
		return -EINVAL;
	}
	if (cfg->underlay && cfg->underlay != old.underlay) {
		struct net_device *ul;

		ul = __dev_get_by_index(dev_net(pn->dev), cfg->underlay);
		if (!ul) {
			NL_SET_ERR_MSG(extack, "podnet: no such underlay device");
			return -ENODEV;
		}
		if (ul == pn->dev || netif_is_podnet(ul)) {
			NL_SET_ERR_MSG(extack, "podnet: underlay cannot be a podnet device");
			return -EINVAL;
		}
	}

	reopen = (pn->dev->flags & IFF_UP) && cfg->vxlan_port != old.vxlan_port;
	if (reopen)
		podnet_tunnel_close(pn);
	WRITE_ONCE(pn->cfg.encap, cfg->encap);
	WRITE_ONCE(pn->cfg.cross_subnet, cfg->cross_subnet);
	WRITE_ONCE(pn->cfg.vni, cfg->vni);
	WRITE_ONCE(pn->cfg.vxlan_port, cfg->vxlan_port);
	WRITE_ONCE(pn->cfg.local4, cfg->local4);
	pn->cfg.local6 = cfg->local6;
	pn->cfg.underlay = cfg->underlay;
	if (reopen) {
		err = podnet_tunnel_open(pn);
		if (err) {
			NL_SET_ERR_MSG(extack, "podnet: cannot open the VXLAN port");
			WRITE_ONCE(pn->cfg.vxlan_port, old.vxlan_port);
			if (podnet_tunnel_open(pn))
				netdev_err(pn->dev, "VXLAN port %u lost\n",
					   old.vxlan_port);
			return err;
		}
	}
	if (cfg->local4 != old.local4 ||
	    !ipv6_addr_equal(&cfg->local6, &old.local6))
		podnet_table_walk(&pn->routes.nexthops, 0, podnet_nexthop_reset,
				  NULL);
	podnet_update_mtu(pn);
	return 0;
}

/* The underlay's MTU changed: follow it. */
static int podnet_underlay_event(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct podnet_dev *pn;

	if (event != NETDEV_CHANGEMTU && event != NETDEV_REGISTER)
		return NOTIFY_DONE;
	list_for_each_entry(pn, &podnet_net(dev_net(dev))->devs, net_list) {
		if (pn->cfg.underlay == dev->ifindex)
			podnet_update_mtu(pn);
	}
	return NOTIFY_DONE;
}

static struct notifier_block podnet_underlay_notifier = {
	.notifier_call = podnet_underlay_event,
};

static int __net_init podnet_net_init(struct net *net)
{
	struct podnet_net *pnet = podnet_net(net);

	INIT_LIST_HEAD(&pnet->devs);
	INIT_LIST_HEAD(&pnet->up);
	INIT_LIST_HEAD(&pnet->vxlan_socks);
	return 0;
}

static struct pernet_operations podnet_net_ops = {
	.init = podnet_net_init,
	.id = &podnet_net_id,
	.size = sizeof(struct podnet_net),
};

int __init podnet_tunnel_init(void)
{
	int err;

	err = register_pernet_subsys(&podnet_net_ops);
	if (err)
		return err;
	err = register_netdevice_notifier(&podnet_underlay_notifier);
	if (err)
		goto err_notifier;
	err = podnet_ipip_init();
	if (err)
		goto err_ipip;
	return 0;

err_ipip:
	unregister_netdevice_notifier(&podnet_underlay_notifier);
err_notifier:
	unregister_pernet_subsys(&podnet_net_ops);
	return err;
}

void podnet_tunnel_exit(void)
{
	podnet_ipip_exit();
	unregister_netdevice_notifier(&podnet_underlay_notifier);
	unregister_pernet_subsys(&podnet_net_ops);
}

/* Joins the device to its netns's lists and opens its VXLAN sockets. */
int podnet_tunnel_open(struct podnet_dev *pn)
{
	int err;

	ASSERT_RTNL();
	err = podnet_vxlan_open(pn);
	if (err)
		return err;
	list_add_tail_rcu(&pn->up_list, &podnet_net(dev_net(pn->dev))->up);
	return 0;
}

void podnet_tunnel_close(struct podnet_dev *pn)
{
	ASSERT_RTNL();
	list_del_rcu(&pn->up_list);
	podnet_vxlan_close(pn);
	/* Open may put the device back on the lists right away. */
	synchronize_net();
}

void podnet_tunnel_register(struct podnet_dev *pn)
{
	ASSERT_RTNL();
	list_add_tail(&pn->net_list, &podnet_net(dev_net(pn->dev))->devs);
}

void podnet_tunnel_unregister(struct podnet_dev *pn)
{
	ASSERT_RTNL();
	list_del(&pn->net_list);
}

void podnet_decap_deliver(struct podnet_dev *pn, struct sk_buff *skb,
			  enum podnet_stat stat)
{
	skb->protocol = eth_type_trans(skb, pn->dev);
	/* Only a Linux vxlan peer addresses the inner frame to us: routed
	 * delivery does not depend on it.
	 */
	if (skb->pkt_type == PACKET_OTHERHOST)
		skb->pkt_type = PACKET_HOST;
	skb_reset_network_header(skb);
	if (!pskb_inet_may_pull(skb)) {
		podnet_stat_inc(pn, PODNET_STAT_DROP_MALFORMED);
		kfree_skb(skb);
		return;
	}
	podnet_stat_inc(pn, stat);
	dev_sw_netstats_rx_add(pn->dev, skb->len);
	gro_cells_receive(&pn->gro_cells, skb);
}
