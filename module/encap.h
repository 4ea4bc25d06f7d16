/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the tunnel files: encap.c, vxlan.c, ipip.c. */
#ifndef _PODNET_ENCAP_H
#define _PODNET_ENCAP_H

#include <net/route.h>

#include "podnet.h"

/* Per netns: its podnet devices and their VXLAN sockets. */
struct podnet_net {
	struct list_head devs;		/* every podnet device; RTNL */
	struct list_head up;		/* those up; RTNL, RCU readers */
	struct list_head vxlan_socks;	/* RTNL */
};

/* A UDP socket on one port and family, shared by the devices using it. */
struct podnet_vxlan_sock {
	struct list_head list;		/* on podnet_net.vxlan_socks */
	struct socket *sock;
	sa_family_t family;
	u16 port;
	unsigned int refs;		/* RTNL */
	struct list_head devs;		/* struct podnet_vxlan_member; RCU */
	struct rcu_head rcu;
};

struct podnet_net *podnet_net(struct net *net);

struct rtable *podnet_nh_route4(struct podnet_dev *pn,
				struct podnet_nexthop *nh, __be32 *saddr);
struct dst_entry *podnet_nh_route6(struct podnet_dev *pn,
				   struct podnet_nexthop *nh, struct sock *sk,
				   struct in6_addr *saddr);
int podnet_check_pmtu(struct sk_buff *skb, struct dst_entry *dst,
		      unsigned int overhead);

/* vxlan.c */
struct vxlanhdr;
void podnet_vxlan_hdr_build(struct vxlanhdr *vh, u32 vni);
int podnet_vxlan_hdr_parse(const struct vxlanhdr *vh, u32 *vni);
int podnet_vxlan_open(struct podnet_dev *pn);
void podnet_vxlan_close(struct podnet_dev *pn);
void podnet_vxlan_xmit(struct podnet_dev *pn, struct sk_buff *skb,
		       const struct podnet_route *rt);

/* ipip.c */
int podnet_ipip_init(void);
void podnet_ipip_exit(void);
void podnet_ipip_xmit(struct podnet_dev *pn, struct sk_buff *skb,
		      struct podnet_nexthop *nh);

/*
 * Hands a decapsulated packet, @skb at its Ethernet header, to the host
 * stack as the podnet device's. Consumes @skb.
 */
void podnet_decap_deliver(struct podnet_dev *pn, struct sk_buff *skb,
			  enum podnet_stat stat);

#endif /* _PODNET_ENCAP_H */
