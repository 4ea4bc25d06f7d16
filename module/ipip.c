// SPDX-License-Identifier: GPL-2.0
/*
 * IPIP: IPv4 (protocol 4) and IPv6 (protocol 41) in IPv4, as Calico's tunl0
 * sends it. podnet's tunnel4 handlers run before ipip.ko's and sit.ko's
 * and take only packets from a next hop of an up podnet device in the
 * netns; anything else goes on to those modules.
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/ip.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/xfrm.h>

#include "encap.h"

/* The up podnet device one of whose next hops is @saddr. */
static struct podnet_dev *podnet_ipip_find(struct net *net, __be32 saddr)
{
	struct podnet_addr key = { .family = AF_INET, .v4 = saddr };
	struct podnet_dev *pn;

	list_for_each_entry_rcu(pn, &podnet_net(net)->up, up_list) {
		if (podnet_nexthop_lookup(pn, &key))
			return pn;
	}
	return NULL;
}

static int podnet_ipip_rcv_proto(struct sk_buff *skb, __be16 proto)
{
	struct podnet_dev *pn;
	struct ethhdr *eth;
	int outer;

	pn = podnet_ipip_find(dev_net(skb->dev), ip_hdr(skb)->saddr);
	if (!pn)
		return -EINVAL;
	if (iptunnel_pull_header(skb, 0, proto, false))
		goto malformed;
	outer = skb_network_offset(skb);
	skb_reset_network_header(skb);
	if (!pskb_inet_may_pull(skb))
		goto malformed;
	if (IP_ECN_decapsulate((struct iphdr *)(skb->data + outer), skb) > 1)
		goto malformed;
	if (unlikely(!(pn->dev->flags & IFF_UP)))
		goto drop;
	/* Every decapsulated packet reaches podnet as an Ethernet frame. */
	if (skb_cow_head(skb, ETH_HLEN))
		goto drop;
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, pn->dev->dev_addr);
	ether_addr_copy(eth->h_source, pn->dev->dev_addr);
	eth->h_proto = proto;
	podnet_decap_deliver(pn, skb, PODNET_STAT_RX_IPIP);
	return 0;

malformed:
	podnet_stat_inc(pn, PODNET_STAT_DROP_MALFORMED);
drop:
	kfree_skb(skb);
	return 0;
}

static int podnet_ipip_rcv(struct sk_buff *skb)
{
	return podnet_ipip_rcv_proto(skb, htons(ETH_P_IP));
}

static int podnet_ip6ip_rcv(struct sk_buff *skb)
{
	return podnet_ipip_rcv_proto(skb, htons(ETH_P_IPV6));
}

/*
 * An ICMP error about a packet we sent to a next hop: learn the underlay's
 * path MTU, or the redirect, for that next hop.
 */
static int podnet_ipip_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const int type = icmp_hdr(skb)->type;
	const int code = icmp_hdr(skb)->code;
	struct net *net = dev_net(skb->dev);

	if (!podnet_ipip_find(net, iph->daddr))
		return -ENOENT;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		ipv4_update_pmtu(skb, net, info, 0, iph->protocol);
	else if (type == ICMP_REDIRECT)
		ipv4_redirect(skb, net, 0, iph->protocol);
	return 0;
}

static struct xfrm_tunnel podnet_ipip_handler __read_mostly = {
	.handler	= podnet_ipip_rcv,
	.err_handler	= podnet_ipip_err,
	.priority	= 0,
};

static struct xfrm_tunnel podnet_ip6ip_handler __read_mostly = {
	.handler	= podnet_ip6ip_rcv,
	.err_handler	= podnet_ipip_err,
	.priority	= 0,
};

int __init podnet_ipip_init(void)
{
	int err;

	err = xfrm4_tunnel_register(&podnet_ipip_handler, AF_INET);
	if (err) {
		pr_err("cannot register the IPIP handler: %d\n", err);
		return err;
	}
	err = xfrm4_tunnel_register(&podnet_ip6ip_handler, AF_INET6);
	if (err) {
		pr_err("cannot register the IPv6-in-IPv4 handler: %d\n", err);
		xfrm4_tunnel_deregister(&podnet_ipip_handler, AF_INET);
	}
	return err;
}

void podnet_ipip_exit(void)
{
	xfrm4_tunnel_deregister(&podnet_ip6ip_handler, AF_INET6);
	xfrm4_tunnel_deregister(&podnet_ipip_handler, AF_INET);
}

/* @skb starts at its inner IP header. Consumes @skb. */
void podnet_ipip_xmit(struct podnet_dev *pn, struct sk_buff *skb,
		      struct podnet_nexthop *nh)
{
	bool v4 = skb->protocol == htons(ETH_P_IP);
	struct rtable *rt;
	__be16 df = 0;
	__be32 saddr;
	u8 tos;

	if (nh->addr.family != AF_INET)
		goto drop_underlay;
	rt = podnet_nh_route4(pn, nh, &saddr);
	if (IS_ERR(rt))
		goto drop_underlay;
	if (podnet_check_pmtu(skb, &rt->dst, PODNET_IPIP_OVERHEAD))
		goto drop_rt;
	tos = ip_tunnel_ecn_encap(0, ip_hdr(skb), skb);
	if (!v4 || ip_hdr(skb)->frag_off & htons(IP_DF))
		df = htons(IP_DF);
	if (skb_cow_head(skb, LL_RESERVED_SPACE(rt->dst.dev) +
			 rt->dst.header_len + sizeof(struct iphdr)))
		goto drop_rt;
	if (iptunnel_handle_offloads(skb, v4 ? SKB_GSO_IPXIP4 : SKB_GSO_IPXIP6))
		goto drop_rt;
	skb_set_inner_ipproto(skb, v4 ? IPPROTO_IPIP : IPPROTO_IPV6);
	podnet_stat_inc(pn, PODNET_STAT_TX_IPIP);
	podnet_iptunnel_xmit(rt, skb, saddr, nh->addr.v4,
			     v4 ? IPPROTO_IPIP : IPPROTO_IPV6, tos,
			     ip4_dst_hoplimit(&rt->dst), df);
	return;

drop_rt:
	ip_rt_put(rt);
	pn->dev->stats.tx_dropped++;
	kfree_skb(skb);
	return;
drop_underlay:
	podnet_stat_inc(pn, PODNET_STAT_DROP_UNDERLAY);
	kfree_skb(skb);
}
