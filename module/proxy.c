// SPDX-License-Identifier: GPL-2.0
/*
 * Routed mode answers ARP and IPv6 neighbour solicitations from pods with
 * the podnet device's MAC, whatever address they ask for: every pod's
 * gateway, and every other pod, is reached through the host. Two questions
 * stay unanswered so the pod's own address checks succeed: duplicate
 * address detection (ARP probes, NS from ::) and a pod asking for its own
 * address.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "podnet.h"

/* Is @key the endpoint of the pod behind @port? Learns its MAC if so. */
static bool podnet_proxy_own(struct podnet_port *port,
			     const struct podnet_addr *key,
			     const u8 *mac)
{
	struct podnet_endpoint *ep = podnet_endpoint_lookup(port->pn, key);

	if (!ep || rcu_access_pointer(ep->port) != port)
		return false;
	if (mac)
		podnet_endpoint_learn_mac(ep, port, mac);
	return true;
}

struct podnet_arp_eth_ipv4 {
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed;

/*
 * Returns true when @skb, an ARP frame from @port, was a request podnet
 * handled (answered or deliberately not); the caller consumes it either way.
 */
bool podnet_proxy_arp(struct podnet_port *port, struct sk_buff *skb)
{
	const struct podnet_arp_eth_ipv4 *body;
	struct podnet_addr key = { .family = AF_INET };
	struct podnet_dev *pn = port->pn;
	const struct arphdr *arp;
	struct sk_buff *reply;

	if (!pskb_may_pull(skb, sizeof(*arp) + sizeof(*body)))
		return false;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) ||
	    arp->ar_hln != ETH_ALEN || arp->ar_pln != 4 ||
	    arp->ar_op != htons(ARPOP_REQUEST))
		return false;
	body = (const void *)(arp + 1);

	/* Probes and announcements check the pod's own address. */
	if (body->sip == 0 || body->sip == body->tip ||
	    ipv4_is_multicast(body->tip))
		return true;

	key.v4 = body->sip;
	podnet_proxy_own(port, &key, body->sha);
	key.v4 = body->tip;
	if (podnet_proxy_own(port, &key, NULL))
		return true;

	reply = arp_create(ARPOP_REPLY, ETH_P_ARP, body->sip, port->dev,
			   body->tip, body->sha, pn->dev->dev_addr, body->sha);
	if (!reply)
		return true;
	arp_xmit(reply);
	podnet_stat_inc(pn, PODNET_STAT_ARP_REPLIES);
	return true;
}

struct podnet_na {
	struct ipv6hdr ip6;
	struct icmp6hdr icmp6;
	struct in6_addr target;
	u8 opt_type;
	u8 opt_len;			/* in units of 8 bytes */
	u8 opt_lladdr[ETH_ALEN];
} __packed;

static struct sk_buff *podnet_na_build(struct podnet_port *port,
				       const struct in6_addr *daddr,
				       const struct in6_addr *target,
				       const u8 *dest_hw)
{
	struct net_device *dev = port->dev;
	size_t len = sizeof(struct podnet_na) - sizeof(struct ipv6hdr);
	struct podnet_na *na;
	struct sk_buff *skb;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*na) +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	na = skb_put_zero(skb, sizeof(*na));

	na->ip6.version = 6;
	na->ip6.payload_len = htons(len);
	na->ip6.nexthdr = IPPROTO_ICMPV6;
	na->ip6.hop_limit = 255;
	na->ip6.saddr = *target;
	na->ip6.daddr = *daddr;

	na->icmp6.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	na->icmp6.icmp6_router = 1;
	na->icmp6.icmp6_solicited = 1;
	na->icmp6.icmp6_override = 1;
	na->target = *target;
	na->opt_type = ND_OPT_TARGET_LL_ADDR;
	na->opt_len = 1;
	ether_addr_copy(na->opt_lladdr, port->pn->dev->dev_addr);
	na->icmp6.icmp6_cksum = csum_ipv6_magic(daddr, target, len,
						IPPROTO_ICMPV6,
						csum_partial(&na->icmp6, len, 0));

	skb->dev = dev;
	skb->protocol = htons(ETH_P_IPV6);
	if (dev_hard_header(skb, dev, ETH_P_IPV6, dest_hw,
			    port->pn->dev->dev_addr, skb->len) < 0) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/*
 * Returns true when @skb, an IPv6 packet from @port, was a neighbour
 * solicitation podnet handled; the caller consumes it then.
 */
bool podnet_proxy_nd(struct podnet_port *port, struct sk_buff *skb)
{
	struct podnet_addr key = { .family = AF_INET6 };
	const struct ipv6hdr *ip6;
	const struct nd_msg *ns;
	struct sk_buff *reply;

	if (!pskb_may_pull(skb, sizeof(*ip6) + offsetof(struct nd_msg, opt)))
		return false;
	ip6 = ipv6_hdr(skb);
	ns = (const void *)(ip6 + 1);
	if (ip6->nexthdr != IPPROTO_ICMPV6 || ip6->hop_limit != 255 ||
	    ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION ||
	    ns->icmph.icmp6_code != 0)
		return false;

	/* Duplicate address detection: nobody else has it, say nothing. */
	if (ipv6_addr_any(&ip6->saddr) || ipv6_addr_is_multicast(&ns->target))
		return true;

	key.v6 = ip6->saddr;
	podnet_proxy_own(port, &key, eth_hdr(skb)->h_source);
	key.v6 = ns->target;
	if (podnet_proxy_own(port, &key, NULL))
		return true;

	reply = podnet_na_build(port, &ip6->saddr, &ns->target,
				eth_hdr(skb)->h_source);
	if (!reply)
		return true;
	dev_queue_xmit(reply);
	podnet_stat_inc(port->pn, PODNET_STAT_ND_REPLIES);
	return true;
}
