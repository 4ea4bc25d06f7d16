// SPDX-License-Identifier: GPL-2.0
/*
 * The data path. Frames from pods arrive through the rx handler of their
 * port; frames from the host leave through the podnet device's xmit. Both
 * run under RCU and take no lock.
 *
 * Bridge mode is a learning switch among the ports and the podnet device.
 * Routed mode has no L2 between pods: every frame from a pod goes up the
 * host stack as the podnet device's traffic (netfilter and conntrack see
 * it), and the host stack sends to pods through xmit, which picks the port
 * by the destination's endpoint, or another node by the route table
 * (encap.c).
 */
#include <linux/etherdevice.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rculist.h>
#include <net/icmp.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "podnet.h"

static void podnet_drop(struct podnet_dev *pn, struct sk_buff *skb,
			enum podnet_stat why)
{
	podnet_stat_inc(pn, why);
	kfree_skb(skb);
}

/* Sends @skb, whose data starts at its Ethernet header, out of @port. */
static void podnet_port_xmit(struct podnet_dev *pn, struct podnet_port *port,
			     struct sk_buff *skb)
{
	podnet_stat_inc(pn, PODNET_STAT_TX_PACKETS);
	podnet_stat_add(pn, PODNET_STAT_TX_BYTES, skb->len);
	skb->dev = port->dev;
	dev_queue_xmit(skb);
}

/*
 * Sends a copy of @skb (data at the Ethernet header) to every port but
 * @from, unless @from has hairpin on. Consumes nothing.
 */
static void podnet_flood(struct podnet_dev *pn, struct podnet_port *from,
			 struct sk_buff *skb)
{
	struct podnet_port *port;
	struct sk_buff *copy;

	podnet_stat_inc(pn, PODNET_STAT_FLOODED);
	list_for_each_entry_rcu(port, &pn->ports, list) {
		if (port == from && !READ_ONCE(port->hairpin))
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			podnet_stat_inc(pn, PODNET_STAT_DROP_OTHER);
			continue;
		}
		podnet_port_xmit(pn, port, copy);
	}
}

/* Hands @skb, received on a port, to the host stack as podnet's. */
static rx_handler_result_t podnet_to_host(struct podnet_dev *pn,
					  struct sk_buff *skb)
{
	if (skb->pkt_type == PACKET_OTHERHOST)
		skb->pkt_type = PACKET_HOST;
	skb->dev = pn->dev;
	dev_sw_netstats_rx_add(pn->dev, skb->len + ETH_HLEN);
	podnet_stat_inc(pn, PODNET_STAT_TO_HOST);
	return RX_HANDLER_ANOTHER;
}

static rx_handler_result_t podnet_bridge_rx(struct podnet_port *port,
					    struct sk_buff *skb)
{
	struct podnet_dev *pn = port->pn;
	const struct ethhdr *eth = eth_hdr(skb);
	struct podnet_port *to;

	podnet_fdb_learn(pn, port, eth->h_source);

	if (is_multicast_ether_addr(eth->h_dest)) {
		skb_push(skb, ETH_HLEN);
		podnet_flood(pn, port, skb);
		skb_pull(skb, ETH_HLEN);
		return podnet_to_host(pn, skb);
	}
	if (ether_addr_equal(eth->h_dest, pn->dev->dev_addr))
		return podnet_to_host(pn, skb);

	skb_push(skb, ETH_HLEN);
	to = podnet_fdb_lookup(pn, eth->h_dest);
	if (!to) {
		podnet_flood(pn, port, skb);
		consume_skb(skb);
	} else if (to == port && !READ_ONCE(port->hairpin)) {
		podnet_drop(pn, skb, PODNET_STAT_DROP_HAIRPIN);
	} else {
		podnet_stat_inc(pn, PODNET_STAT_FORWARDED);
		podnet_port_xmit(pn, to, skb);
	}
	return RX_HANDLER_CONSUMED;
}

/* May the pod behind @port send from this address? */
static bool podnet_source_ok(struct podnet_port *port, struct sk_buff *skb)
{
	struct podnet_addr key = {};
	struct podnet_endpoint *ep;

	if (skb->protocol == htons(ETH_P_IP)) {
		if (!pskb_may_pull(skb, sizeof(struct iphdr)))
			return false;
		key.family = AF_INET;
		key.v4 = ip_hdr(skb)->saddr;
	} else {
		if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)))
			return false;
		key.family = AF_INET6;
		key.v6 = ipv6_hdr(skb)->saddr;
		/* Link-local sources never leave the link: nothing to spoof. */
		if (ipv6_addr_type(&key.v6) & IPV6_ADDR_LINKLOCAL)
			return true;
	}
	ep = podnet_endpoint_lookup(port->pn, &key);
	return ep && rcu_access_pointer(ep->port) == port;
}

static rx_handler_result_t podnet_routed_rx(struct podnet_port *port,
					    struct sk_buff *skb)
{
	struct podnet_dev *pn = port->pn;

	switch (skb->protocol) {
	case htons(ETH_P_ARP):
		if (!podnet_proxy_arp(port, skb))
			podnet_stat_inc(pn, PODNET_STAT_DROP_OTHER);
		consume_skb(skb);
		return RX_HANDLER_CONSUMED;
	case htons(ETH_P_IPV6):
		if (podnet_proxy_nd(port, skb)) {
			consume_skb(skb);
			return RX_HANDLER_CONSUMED;
		}
		fallthrough;
	case htons(ETH_P_IP):
		if (!podnet_source_ok(port, skb)) {
			podnet_drop(pn, skb, PODNET_STAT_DROP_SPOOF);
			return RX_HANDLER_CONSUMED;
		}
		/* The pod's gateway is podnet, whatever MAC it used. */
		if (skb->pkt_type == PACKET_OTHERHOST)
			skb->pkt_type = PACKET_HOST;
		return podnet_to_host(pn, skb);
	default:
		podnet_drop(pn, skb, PODNET_STAT_DROP_OTHER);
		return RX_HANDLER_CONSUMED;
	}
}

rx_handler_result_t podnet_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct podnet_port *port;
	struct podnet_dev *pn;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	port = rcu_dereference(skb->dev->rx_handler_data);
	pn = port->pn;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	*pskb = skb;

	if (unlikely(!(pn->dev->flags & IFF_UP))) {
		podnet_drop(pn, skb, PODNET_STAT_DROP_OTHER);
		return RX_HANDLER_CONSUMED;
	}
	podnet_stat_inc(pn, PODNET_STAT_RX_PACKETS);
	podnet_stat_add(pn, PODNET_STAT_RX_BYTES, skb->len + ETH_HLEN);

	if (READ_ONCE(pn->mode) == PODNET_MODE_ROUTED)
		return podnet_routed_rx(port, skb);
	return podnet_bridge_rx(port, skb);
}

static void podnet_bridge_xmit(struct podnet_dev *pn, struct sk_buff *skb)
{
	const struct ethhdr *eth = eth_hdr(skb);
	struct podnet_port *to = NULL;

	if (!is_multicast_ether_addr(eth->h_dest))
		to = podnet_fdb_lookup(pn, eth->h_dest);
	if (to) {
		podnet_stat_inc(pn, PODNET_STAT_FORWARDED);
		podnet_port_xmit(pn, to, skb);
		return;
	}
	podnet_flood(pn, NULL, skb);
	consume_skb(skb);
}

/*
 * The host stack sees every pod behind the one podnet device, so it thinks
 * pods share a link and tells them to talk directly. They cannot: in
 * routed mode there is no L2 between pods.
 */
static bool podnet_is_redirect(struct sk_buff *skb, int family)
{
	unsigned int off;
	const u8 *type;

	if (family == AF_INET) {
		if (ip_hdr(skb)->protocol != IPPROTO_ICMP)
			return false;
		off = ip_hdrlen(skb);
	} else {
		if (ipv6_hdr(skb)->nexthdr != IPPROTO_ICMPV6)
			return false;
		off = sizeof(struct ipv6hdr);
	}
	if (!pskb_network_may_pull(skb, off + 1))
		return false;
	type = skb_network_header(skb) + off;
	return *type == (family == AF_INET ? ICMP_REDIRECT : NDISC_REDIRECT);
}

static void podnet_routed_xmit(struct podnet_dev *pn, struct sk_buff *skb)
{
	struct podnet_addr key = {};
	struct podnet_endpoint *ep;
	struct podnet_route *rt;
	struct podnet_port *port;
	struct ethhdr *eth;
	u64 mac;

	switch (skb->protocol) {
	case htons(ETH_P_IP):
		if (!pskb_network_may_pull(skb, sizeof(struct iphdr)))
			goto drop;
		key.family = AF_INET;
		key.v4 = ip_hdr(skb)->daddr;
		break;
	case htons(ETH_P_IPV6):
		if (!pskb_network_may_pull(skb, sizeof(struct ipv6hdr)))
			goto drop;
		key.family = AF_INET6;
		key.v6 = ipv6_hdr(skb)->daddr;
		break;
	default:
		goto drop;
	}

	if (unlikely(podnet_is_redirect(skb, key.family))) {
		consume_skb(skb);
		return;
	}

	ep = podnet_endpoint_lookup(pn, &key);
	port = ep ? rcu_dereference(ep->port) : NULL;
	if (!port) {
		rt = ep ? NULL : podnet_route_lookup(pn, &key);
		if (rt) {
			podnet_route_xmit(pn, skb, rt);
			return;
		}
		if (key.family == AF_INET)
			icmp_ndo_send(skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
		else
			icmpv6_ndo_send(skb, ICMPV6_DEST_UNREACH,
					ICMPV6_ADDR_UNREACH, 0);
		podnet_drop(pn, skb, ep ? PODNET_STAT_DROP_NO_ENDPOINT :
				    PODNET_STAT_DROP_NO_ROUTE);
		return;
	}

	if (skb_ensure_writable(skb, ETH_HLEN))
		goto drop;
	eth = eth_hdr(skb);
	/* Until the pod has shown its MAC, broadcast reaches it. */
	mac = READ_ONCE(ep->mac);
	if (mac)
		u64_to_ether_addr(mac, eth->h_dest);
	else
		eth_broadcast_addr(eth->h_dest);
	ether_addr_copy(eth->h_source, pn->dev->dev_addr);
	dev_sw_netstats_tx_add(pn->dev, 1, skb->len);
	podnet_port_xmit(pn, port, skb);
	return;

drop:
	podnet_drop(pn, skb, PODNET_STAT_DROP_OTHER);
}

netdev_tx_t podnet_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct podnet_dev *pn = netdev_priv(dev);

	rcu_read_lock();
	if (READ_ONCE(pn->mode) == PODNET_MODE_ROUTED) {
		/* Counted by the path it takes: tunnels count their own. */
		podnet_routed_xmit(pn, skb);
	} else {
		dev_sw_netstats_tx_add(dev, 1, skb->len);
		podnet_bridge_xmit(pn, skb);
	}
	rcu_read_unlock();
	return NETDEV_TX_OK;
}
