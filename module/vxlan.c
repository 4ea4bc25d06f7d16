// SPDX-License-Identifier: GPL-2.0
/*
 * VXLAN (RFC 7348): Ethernet in UDP, over IPv4 or IPv6. One UDP socket per
 * netns, port and family, shared by the podnet devices there; the VNI says
 * which device a packet is for. A packet is taken only from an underlay
 * address that is a next hop of that device's routes.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/udp.h>
#include <net/gro.h>
#include <net/inet_ecn.h>
#include <net/ip_tunnels.h>
#include <net/ip6_tunnel.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>
#include <net/vxlan.h>

#include "encap.h"

void podnet_vxlan_hdr_build(struct vxlanhdr *vh, u32 vni)
{
	vh->vx_flags = VXLAN_HF_VNI;
	vh->vx_vni = cpu_to_be32(vni << 8);
}

/*
 * The VNI of a header, or -EINVAL without the I flag. Reserved bits are
 * ignored on receipt, as RFC 7348 says.
 */
int podnet_vxlan_hdr_parse(const struct vxlanhdr *vh, u32 *vni)
{
	if (!(vh->vx_flags & VXLAN_HF_VNI))
		return -EINVAL;
	*vni = be32_to_cpu(vh->vx_vni) >> 8;
	return 0;
}

static struct podnet_dev *podnet_vxlan_find(struct podnet_vxlan_sock *vs,
					    u32 vni)
{
	struct podnet_vxlan_member *m;

	list_for_each_entry_rcu(m, &vs->devs, list) {
		if (READ_ONCE(m->pn->cfg.vni) == vni)
			return m->pn;
	}
	return NULL;
}

/* Nobody is on this VNI: count it against each device on the socket. */
static void podnet_vxlan_count_vni(struct podnet_vxlan_sock *vs)
{
	struct podnet_vxlan_member *m;

	list_for_each_entry_rcu(m, &vs->devs, list)
		podnet_stat_inc(m->pn, PODNET_STAT_DROP_VNI);
}

static int podnet_vxlan_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct podnet_vxlan_sock *vs = rcu_dereference_sk_user_data(sk);
	struct podnet_addr src = {};
	struct podnet_dev *pn;
	int outer;
	u32 vni;

	if (!vs || !pskb_may_pull(skb, VXLAN_HLEN))
		goto drop;
	if (podnet_vxlan_hdr_parse((struct vxlanhdr *)(udp_hdr(skb) + 1), &vni))
		goto drop;
	pn = podnet_vxlan_find(vs, vni);
	if (!pn) {
		podnet_vxlan_count_vni(vs);
		goto drop;
	}

	src.family = vs->family;
	if (vs->family == AF_INET)
		src.v4 = ip_hdr(skb)->saddr;
	else
		src.v6 = ipv6_hdr(skb)->saddr;
	if (!podnet_nexthop_lookup(pn, &src)) {
		podnet_stat_inc(pn, PODNET_STAT_DROP_DECAP_SOURCE);
		goto drop;
	}

	if (__iptunnel_pull_header(skb, VXLAN_HLEN, htons(ETH_P_TEB), false,
				   false))
		goto malformed;
	if (!pskb_may_pull(skb, ETH_HLEN))
		goto malformed;
	/* The pulls may have moved the head: find the outer header again. */
	outer = skb_network_offset(skb);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = eth_hdr(skb)->h_proto;
	if (!pskb_inet_may_pull(skb))
		goto malformed;
	if (vs->family == AF_INET ?
	    IP_ECN_decapsulate((struct iphdr *)(skb->data + outer), skb) > 1 :
	    IP6_ECN_decapsulate((struct ipv6hdr *)(skb->data + outer), skb) > 1)
		goto malformed;
	if (unlikely(!(pn->dev->flags & IFF_UP)))
		goto drop;
	podnet_decap_deliver(pn, skb, PODNET_STAT_RX_VXLAN);
	return 0;

malformed:
	podnet_stat_inc(pn, PODNET_STAT_DROP_MALFORMED);
drop:
	kfree_skb(skb);
	return 0;
}

/*
 * An ICMP error quoting a packet we sent: is it ours? Then the UDP layer
 * learns the path MTU (or redirect) towards the next hop from it.
 */
static int podnet_vxlan_err_lookup(struct sock *sk, struct sk_buff *skb)
{
	struct podnet_vxlan_sock *vs = rcu_dereference_sk_user_data(sk);
	u32 vni;

	if (!vs || !pskb_may_pull(skb, skb_transport_offset(skb) + VXLAN_HLEN))
		return -EINVAL;
	if (podnet_vxlan_hdr_parse((struct vxlanhdr *)(udp_hdr(skb) + 1), &vni))
		return -EINVAL;
	return podnet_vxlan_find(vs, vni) ? 0 : -ENOENT;
}

/* Coalesces a flow's packets before they are decapsulated. */
static struct sk_buff *podnet_vxlan_gro_receive(struct sock *sk,
						struct list_head *head,
						struct sk_buff *skb)
{
	unsigned int off = skb_gro_offset(skb);
	struct sk_buff *pp = NULL, *p;
	struct vxlanhdr *vh, *vh2;
	int flush = 1;

	vh = skb_gro_header(skb, off + sizeof(*vh), off);
	if (!vh || !(vh->vx_flags & VXLAN_HF_VNI))
		goto out;
	skb_gro_postpull_rcsum(skb, vh, sizeof(*vh));
	skb_gro_pull(skb, sizeof(*vh));
	list_for_each_entry(p, head, list) {
		if (!NAPI_GRO_CB(p)->same_flow)
			continue;
		vh2 = (struct vxlanhdr *)(p->data + off);
		if (vh->vx_flags != vh2->vx_flags || vh->vx_vni != vh2->vx_vni)
			NAPI_GRO_CB(p)->same_flow = 0;
	}
	pp = call_gro_receive(eth_gro_receive, head, skb);
	flush = 0;
out:
	skb_gro_flush_final(skb, pp, flush);
	return pp;
}

static int podnet_vxlan_gro_complete(struct sock *sk, struct sk_buff *skb,
				     int nhoff)
{
	return eth_gro_complete(skb, nhoff + sizeof(struct vxlanhdr));
}

static struct podnet_vxlan_sock *podnet_vxlan_sock_get(struct net *net,
						       sa_family_t family,
						       u16 port)
{
	struct podnet_net *pnet = podnet_net(net);
	struct udp_tunnel_sock_cfg tcfg = {};
	struct podnet_vxlan_sock *vs;
	struct udp_port_cfg ucfg = {};
	int err;

	list_for_each_entry(vs, &pnet->vxlan_socks, list) {
		if (vs->family == family && vs->port == port) {
			vs->refs++;
			return vs;
		}
	}
	vs = kzalloc_obj(*vs, GFP_KERNEL);
	if (!vs)
		return ERR_PTR(-ENOMEM);
	ucfg.family = family;
	ucfg.local_udp_port = htons(port);
	if (family == AF_INET6) {
		ucfg.local_ip6 = in6addr_any;
		ucfg.ipv6_v6only = 1;
		ucfg.use_udp6_rx_checksums = 1;
	}
	err = udp_sock_create(net, &ucfg, &vs->sock);
	if (err) {
		kfree(vs);
		return ERR_PTR(err);
	}
	vs->family = family;
	vs->port = port;
	vs->refs = 1;
	INIT_LIST_HEAD(&vs->devs);
	tcfg.sk_user_data = vs;
	tcfg.encap_type = 1;
	tcfg.encap_rcv = podnet_vxlan_rcv;
	tcfg.encap_err_lookup = podnet_vxlan_err_lookup;
	tcfg.gro_receive = podnet_vxlan_gro_receive;
	tcfg.gro_complete = podnet_vxlan_gro_complete;
	podnet_setup_udp_tunnel_sock(net, vs->sock, &tcfg);
	list_add(&vs->list, &pnet->vxlan_socks);
	return vs;
}

static void podnet_vxlan_sock_put(struct podnet_vxlan_sock *vs)
{
	if (--vs->refs)
		return;
	list_del(&vs->list);
	podnet_udp_tunnel_sock_release(vs->sock);
	kfree_rcu(vs, rcu);
}

int podnet_vxlan_open(struct podnet_dev *pn)
{
	struct net *net = dev_net(pn->dev);
	u16 port = pn->cfg.vxlan_port;
	struct podnet_vxlan_sock *vs;

	vs = podnet_vxlan_sock_get(net, AF_INET, port);
	if (IS_ERR(vs))
		return PTR_ERR(vs);
	pn->vxlan4_member.pn = pn;
	list_add_tail_rcu(&pn->vxlan4_member.list, &vs->devs);
	rcu_assign_pointer(pn->vxlan4, vs);
	/* Without IPv6 in this netns, the device works over IPv4 alone. */
	vs = podnet_vxlan_sock_get(net, AF_INET6, port);
	if (!IS_ERR(vs)) {
		pn->vxlan6_member.pn = pn;
		list_add_tail_rcu(&pn->vxlan6_member.list, &vs->devs);
		rcu_assign_pointer(pn->vxlan6, vs);
	}
	return 0;
}

void podnet_vxlan_close(struct podnet_dev *pn)
{
	struct podnet_vxlan_sock *vs;

	vs = rtnl_dereference(pn->vxlan4);
	if (vs) {
		RCU_INIT_POINTER(pn->vxlan4, NULL);
		list_del_rcu(&pn->vxlan4_member.list);
		podnet_vxlan_sock_put(vs);
	}
	vs = rtnl_dereference(pn->vxlan6);
	if (vs) {
		RCU_INIT_POINTER(pn->vxlan6, NULL);
		list_del_rcu(&pn->vxlan6_member.list);
		podnet_vxlan_sock_put(vs);
	}
}

/* Outer DF follows the inner packet's, so path MTU discovery works. */
static __be16 podnet_inner_df(struct sk_buff *skb)
{
	if (skb->protocol == htons(ETH_P_IPV6) ||
	    ip_hdr(skb)->frag_off & htons(IP_DF))
		return htons(IP_DF);
	return 0;
}

/* Outer headers' room, and the inner Ethernet header addressed. */
static int podnet_vxlan_prepare(struct podnet_dev *pn, struct sk_buff *skb,
				const struct podnet_route *rt,
				struct dst_entry *dst, unsigned int iphlen,
				bool udp_csum)
{
	struct ethhdr *eth;
	int err;

	err = skb_cow_head(skb, LL_RESERVED_SPACE(dst->dev) + dst->header_len +
			   VXLAN_HLEN + iphlen);
	if (err)
		return err;
	eth = eth_hdr(skb);
	ether_addr_copy(eth->h_source, pn->dev->dev_addr);
	if (is_zero_ether_addr(rt->mac))
		ether_addr_copy(eth->h_dest, pn->dev->dev_addr);
	else
		ether_addr_copy(eth->h_dest, rt->mac);
	err = udp_tunnel_handle_offloads(skb, udp_csum);
	if (err)
		return err;
	podnet_vxlan_hdr_build(__skb_push(skb, sizeof(struct vxlanhdr)),
			       READ_ONCE(pn->cfg.vni));
	skb_set_inner_protocol(skb, htons(ETH_P_TEB));
	return 0;
}

static void podnet_vxlan_xmit4(struct podnet_dev *pn, struct sk_buff *skb,
			       const struct podnet_route *rt,
			       struct podnet_vxlan_sock *vs)
{
	__be16 sport, dport = htons(READ_ONCE(pn->cfg.vxlan_port));
	struct rtable *ort;
	__be32 saddr;
	u8 tos;

	ort = podnet_nh_route4(pn, rt->nh, &saddr);
	if (IS_ERR(ort)) {
		podnet_stat_inc(pn, PODNET_STAT_DROP_UNDERLAY);
		goto drop;
	}
	if (podnet_check_pmtu(skb, &ort->dst, PODNET_VXLAN4_OVERHEAD))
		goto drop_rt;
	sport = udp_flow_src_port(dev_net(pn->dev), skb, 0, 0, true);
	tos = ip_tunnel_ecn_encap(0, ip_hdr(skb), skb);
	/* RFC 7348: over IPv4 the UDP checksum should be zero. */
	if (podnet_vxlan_prepare(pn, skb, rt, &ort->dst, sizeof(struct iphdr),
				 false))
		goto drop_rt;
	podnet_stat_inc(pn, PODNET_STAT_TX_VXLAN);
	podnet_udp_tunnel_xmit_skb(ort, vs->sock->sk, skb, saddr, rt->nh->addr.v4,
				   tos, ip4_dst_hoplimit(&ort->dst),
				   podnet_inner_df(skb), sport, dport, true);
	return;

drop_rt:
	ip_rt_put(ort);
drop:
	pn->dev->stats.tx_dropped++;
	kfree_skb(skb);
}

static void podnet_vxlan_xmit6(struct podnet_dev *pn, struct sk_buff *skb,
			       const struct podnet_route *rt,
			       struct podnet_vxlan_sock *vs)
{
	__be16 sport, dport = htons(READ_ONCE(pn->cfg.vxlan_port));
	struct dst_entry *dst;
	struct in6_addr saddr;
	u8 tos;

	dst = podnet_nh_route6(pn, rt->nh, vs->sock->sk, &saddr);
	if (IS_ERR(dst)) {
		podnet_stat_inc(pn, PODNET_STAT_DROP_UNDERLAY);
		goto drop;
	}
	if (podnet_check_pmtu(skb, dst, PODNET_VXLAN6_OVERHEAD))
		goto drop_dst;
	/* Unlike the IPv4 helper, the IPv6 one sets the dst without
	 * dropping the one the skb has.
	 */
	skb_scrub_packet(skb, false);
	sport = udp_flow_src_port(dev_net(pn->dev), skb, 0, 0, true);
	tos = ip_tunnel_ecn_encap(0, ip_hdr(skb), skb);
	/* RFC 6935 allows zero over IPv6 only with care: checksum it. */
	if (podnet_vxlan_prepare(pn, skb, rt, dst, sizeof(struct ipv6hdr),
				 true))
		goto drop_dst;
	podnet_stat_inc(pn, PODNET_STAT_TX_VXLAN);
	podnet_udp_tunnel6_xmit_skb(dst, vs->sock->sk, skb, pn->dev, &saddr,
				    &rt->nh->addr.v6, tos,
				    ip6_dst_hoplimit(dst), 0, sport, dport,
				    false);
	return;

drop_dst:
	dst_release(dst);
drop:
	pn->dev->stats.tx_dropped++;
	kfree_skb(skb);
}

/* @skb starts at its inner Ethernet header. Consumes @skb. */
void podnet_vxlan_xmit(struct podnet_dev *pn, struct sk_buff *skb,
		       const struct podnet_route *rt)
{
	struct podnet_vxlan_sock *vs;

	if (rt->nh->addr.family == AF_INET) {
		vs = rcu_dereference(pn->vxlan4);
		if (vs) {
			podnet_vxlan_xmit4(pn, skb, rt, vs);
			return;
		}
	} else {
		vs = rcu_dereference(pn->vxlan6);
		if (vs) {
			podnet_vxlan_xmit6(pn, skb, rt, vs);
			return;
		}
	}
	podnet_stat_inc(pn, PODNET_STAT_DROP_UNDERLAY);
	kfree_skb(skb);
}
