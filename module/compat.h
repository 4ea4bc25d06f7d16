/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows kernel API differences. Which API a kernel has is
 * probed from its headers at build time (scripts/compat-probe writes
 * compat_probed.h), never guessed from LINUX_VERSION_CODE: distributions
 * backport APIs into older versions.
 */
#ifndef _PODNET_COMPAT_H
#define _PODNET_COMPAT_H

#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/rtnetlink.h>
#include <net/udp_tunnel.h>

#include "compat_probed.h"

/*
 * rtnl_link_ops->newlink: 6.15 gathered its arguments into
 * struct rtnl_newlink_params. PODNET_NEWLINK(fn) defines fn_entry() with
 * the signature this kernel expects, calling
 * fn(src_net, dev, tb, data, extack).
 */
#ifdef PODNET_HAVE_NEWLINK_PARAMS
#define PODNET_NEWLINK(fn)						\
static int fn##_entry(struct net_device *dev,				\
		      struct rtnl_newlink_params *params,		\
		      struct netlink_ext_ack *extack)			\
{									\
	return fn(params->src_net, dev, params->tb, params->data,	\
		  extack);						\
}
#else
#define PODNET_NEWLINK(fn)						\
static int fn##_entry(struct net *src_net, struct net_device *dev,	\
		      struct nlattr *tb[], struct nlattr *data[],	\
		      struct netlink_ext_ack *extack)			\
{									\
	return fn(src_net, dev, tb, data, extack);			\
}
#endif

/* Lockless transmit became a device flag in 6.12 (was NETIF_F_LLTX). */
static inline void podnet_set_lltx(struct net_device *dev)
{
#ifdef PODNET_HAVE_DEV_LLTX
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

static inline bool podnet_has_lltx(const struct net_device *dev)
{
#ifdef PODNET_HAVE_DEV_LLTX
	return dev->lltx;
#else
	return dev->features & NETIF_F_LLTX;
#endif
}

/* 7.0 added typed allocation helpers; older kernels get this one. */
#ifndef PODNET_HAVE_KZALLOC_OBJ
#define kzalloc_obj(P, gfp) kzalloc(sizeof(P), gfp)
#endif

/* 6.4 moved a dump's parsed attributes into an embedded genl_info. */
static inline struct nlattr **podnet_dump_attrs(struct netlink_callback *cb)
{
#ifdef PODNET_HAVE_GENL_DUMPIT_INFO_INFO
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * 6.16 (or so) gave the tunnel transmit helpers an IP control block flags
 * argument, and made the UDP tunnel socket helpers take a struct sock.
 */
#ifdef PODNET_HAVE_TUNNEL_IPCB_FLAGS
#define podnet_udp_tunnel_xmit_skb(rt, sk, skb, src, dst, tos, ttl, df,	\
				   sport, dport, nocheck)		\
	udp_tunnel_xmit_skb(rt, sk, skb, src, dst, tos, ttl, df, sport,	\
			    dport, false, nocheck, 0)
#define podnet_udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, prio, \
				    ttl, label, sport, dport, nocheck)	\
	udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, prio, ttl,	\
			     label, sport, dport, nocheck, 0)
#define podnet_iptunnel_xmit(rt, skb, src, dst, proto, tos, ttl, df)	\
	iptunnel_xmit(NULL, rt, skb, src, dst, proto, tos, ttl, df, false, 0)
#else
#define podnet_udp_tunnel_xmit_skb(rt, sk, skb, src, dst, tos, ttl, df,	\
				   sport, dport, nocheck)		\
	udp_tunnel_xmit_skb(rt, sk, skb, src, dst, tos, ttl, df, sport,	\
			    dport, false, nocheck)
/* 6.1's returns an int that says nothing its own stats do not. */
#define podnet_udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, prio, \
				    ttl, label, sport, dport, nocheck)	\
	((void)udp_tunnel6_xmit_skb(dst, sk, skb, dev, saddr, daddr, prio,	\
				    ttl, label, sport, dport, nocheck))
#define podnet_iptunnel_xmit(rt, skb, src, dst, proto, tos, ttl, df)	\
	iptunnel_xmit(NULL, rt, skb, src, dst, proto, tos, ttl, df, false)
#endif

static inline void podnet_setup_udp_tunnel_sock(struct net *net,
						struct socket *sock,
						struct udp_tunnel_sock_cfg *cfg)
{
#ifdef PODNET_HAVE_UDP_TUNNEL_SOCK_SK
	setup_udp_tunnel_sock(net, sock->sk, cfg);
#else
	setup_udp_tunnel_sock(net, sock, cfg);
#endif
}

static inline void podnet_udp_tunnel_sock_release(struct socket *sock)
{
#ifdef PODNET_HAVE_UDP_TUNNEL_RELEASE_SK
	udp_tunnel_sock_release(sock->sk);
#else
	udp_tunnel_sock_release(sock);
#endif
}

#endif /* _PODNET_COMPAT_H */
