/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PODNET_H
#define _PODNET_H

#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <net/dst_cache.h>
#include <net/gro_cells.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/rtnetlink.h>
#include <uapi/linux/podnet.h>

#include "compat.h"

/* Pods and tunnels speak IPv6 too: there is no IPv4-only build. */
#if !IS_ENABLED(CONFIG_IPV6)
#error "podnet needs a kernel with CONFIG_IPV6"
#endif

/* Per-cpu counters, reported by PODNET_CMD_STATS_GET. */
enum podnet_stat {
	PODNET_STAT_RX_PACKETS,
	PODNET_STAT_RX_BYTES,
	PODNET_STAT_TX_PACKETS,
	PODNET_STAT_TX_BYTES,
	PODNET_STAT_FORWARDED,
	PODNET_STAT_FLOODED,
	PODNET_STAT_TO_HOST,
	PODNET_STAT_FDB_LEARNED,
	PODNET_STAT_ARP_REPLIES,
	PODNET_STAT_ND_REPLIES,
	PODNET_STAT_DROP_NO_ENDPOINT,
	PODNET_STAT_DROP_HAIRPIN,
	PODNET_STAT_DROP_SPOOF,
	PODNET_STAT_DROP_OTHER,
	PODNET_STAT_TX_DIRECT,
	PODNET_STAT_TX_VXLAN,
	PODNET_STAT_TX_IPIP,
	PODNET_STAT_RX_VXLAN,
	PODNET_STAT_RX_IPIP,
	PODNET_STAT_DROP_NO_ROUTE,
	PODNET_STAT_DROP_UNDERLAY,
	PODNET_STAT_DROP_DECAP_SOURCE,
	PODNET_STAT_DROP_VNI,
	PODNET_STAT_DROP_MALFORMED,
	PODNET_STAT_COUNT,
};

struct podnet_pcpu_stats {
	struct u64_stats_sync syncp;
	u64_stats_t c[PODNET_STAT_COUNT];
};

/*
 * Tables (FDB, endpoints) are read under RCU on the data path and written
 * under RTNL, except FDB learning, which inserts from softirq through the
 * rhashtable's own bucket locks.
 */
/* Bounds the memory a pod can make us spend by inventing source MACs. */
#define PODNET_FDB_MAX		8192

struct podnet_fdb {
	struct rhashtable table;
	atomic_t count;
	/* Bumped on every change a dump can observe, for NLM_F_DUMP_INTR. */
	atomic_t generation;
	struct delayed_work gc;
};

#define PODNET_ENDPOINTS_MAX	65536

struct podnet_endpoints {
	struct rhashtable table;
	unsigned int count;		/* RTNL */
	atomic_t generation;
};

/*
 * The route table: pod prefix -> next node. One hash table holds the
 * prefixes of every length; a lookup tries only the lengths in use, longest
 * first (pod routes come in a handful of lengths: the block size, /32 and
 * /128 for moved addresses, maybe a default). Next hops are shared by the
 * routes through the same node and carry its underlay route cache.
 */
struct podnet_routes {
	struct rhashtable table;	/* struct podnet_route */
	struct rhashtable nexthops;	/* struct podnet_nexthop */
	unsigned int count;		/* RTNL */
	unsigned int max;		/* RTNL */
	/* Routes per prefix length (RTNL), and a bit per length in use,
	 * bit i for length (max - i), so the longest comes first (RCU).
	 */
	u32 plen_count4[33];
	u32 plen_count6[129];
	DECLARE_BITMAP(plens4, 33);
	DECLARE_BITMAP(plens6, 129);
	atomic_t generation;		/* of the table, for dumps */
};

/* Encapsulation settings, written under RTNL, read with READ_ONCE. */
struct podnet_encap_cfg {
	enum podnet_encap encap;	/* never DEFAULT */
	bool cross_subnet;
	u32 vni;
	u16 vxlan_port;			/* host order */
	__be32 local4;
	struct in6_addr local6;
	int underlay;			/* ifindex, 0: none */
	/* False once MTU was set by hand: then it no longer follows. */
	bool mtu_auto;
};

struct podnet_vxlan_sock;

/* A device's place on a VXLAN socket's list of devices. */
struct podnet_vxlan_member {
	struct list_head list;
	struct podnet_dev *pn;
};

struct podnet_dev {
	struct net_device *dev;
	enum podnet_mode mode;		/* READ_ONCE on the data path */
	u32 ageing_time;		/* seconds */
	struct list_head ports;		/* RTNL; RCU readers */
	unsigned int port_count;	/* RTNL */
	atomic_t generation;		/* of the port list */
	struct podnet_fdb fdb;
	struct podnet_endpoints endpoints;
	struct podnet_routes routes;
	struct podnet_encap_cfg cfg;
	/* VXLAN sockets this device receives on while up (RTNL; RCU). */
	struct podnet_vxlan_sock __rcu *vxlan4;
	struct podnet_vxlan_sock __rcu *vxlan6;
	struct podnet_vxlan_member vxlan4_member;
	struct podnet_vxlan_member vxlan6_member;
	struct list_head net_list;	/* on the netns's podnet devices */
	struct list_head up_list;	/* on the netns's up ones (RCU) */
	bool mtu_following;		/* podnet_update_mtu() is setting it */
	struct gro_cells gro_cells;	/* decapsulated packets */
	struct podnet_pcpu_stats __percpu *stats;
};

struct podnet_port {
	struct list_head list;
	struct net_device *dev;
	struct podnet_dev *pn;
	bool hairpin;			/* READ_ONCE on the data path */
	struct rcu_head rcu;
};

struct podnet_addr {
	u8 family;
	u8 pad[3];
	union {
		__be32 v4;
		struct in6_addr v6;
	};
};

struct podnet_endpoint {
	struct rhash_head node;
	struct podnet_addr key;
	struct podnet_port __rcu *port;
	/* The pod's MAC as a u64 (0: not known yet), so it can change
	 * under readers without tearing.
	 */
	u64 mac;
	struct rcu_head rcu;
};

/* A prefix: the address's bits past @plen are zero. */
struct podnet_prefix {
	u8 family;
	u8 plen;
	u8 pad[2];
	union {
		__be32 v4;
		struct in6_addr v6;
	};
};

/* The underlay address of another node, and how to reach it. */
struct podnet_nexthop {
	struct rhash_head node;
	struct podnet_addr addr;
	unsigned int refs;		/* routes through it; RTNL */
	struct dst_cache dst_cache;
	struct rcu_head rcu;
};

/* 64 bytes on 64-bit, one kmalloc-64 object: keep it so. */
struct podnet_route {
	struct rhash_head node;
	struct podnet_prefix key;
	u32 generation;			/* WRITE_ONCE under RTNL */
	struct podnet_nexthop *nh;	/* fixed for the entry's life */
	u8 mac[ETH_ALEN];		/* inner destination; zero: none given */
	u8 encap;			/* enum podnet_encap, as configured;
					 * DEFAULT: the device's
					 */
	struct rcu_head rcu;
};

/* What PODNET_CMD_ROUTE_ADD asks for, parsed. */
struct podnet_route_cfg {
	struct podnet_prefix prefix;
	struct podnet_addr via;
	enum podnet_encap encap;
	u8 mac[ETH_ALEN];
};

struct podnet_fdb_entry {
	struct rhash_head node;
	u8 addr[ETH_ALEN];
	struct podnet_port __rcu *port;	/* NULL: the podnet device itself */
	unsigned long updated;		/* jiffies */
	u32 flags;			/* PODNET_FDB_F_* */
	struct rcu_head rcu;
};

/*
 * The encapsulation settings come in the same order among the link
 * attributes (IFLA_PODNET_ENCAP...) and the genl ones (PODNET_A_ENCAP...):
 * both are parsed from a pointer to the first, indexed by these.
 */
enum podnet_cfg_attr {
	PODNET_CFG_ENCAP,
	PODNET_CFG_CROSS_SUBNET,
	PODNET_CFG_VNI,
	PODNET_CFG_VXLAN_PORT,
	PODNET_CFG_LOCAL4,
	PODNET_CFG_LOCAL6,
	PODNET_CFG_UNDERLAY,
	PODNET_CFG_ROUTES_MAX,
	PODNET_CFG_COUNT,
};

/* @p is the attributes' prefix: IFLA_PODNET_ or PODNET_A_. */
#define PODNET_CFG_POLICY(p)						\
	[p##ENCAP] = NLA_POLICY_RANGE(NLA_U32, PODNET_ENCAP_DIRECT,	\
				      PODNET_ENCAP_MAX),		\
	[p##CROSS_SUBNET] = NLA_POLICY_MAX(NLA_U8, 1),			\
	[p##VNI] = NLA_POLICY_FULL_RANGE(NLA_U32, &podnet_vni_range),	\
	[p##VXLAN_PORT] = NLA_POLICY_MIN(NLA_U16, 1),			\
	[p##LOCAL4] = { .type = NLA_BE32 },				\
	[p##LOCAL6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),	\
	[p##UNDERLAY] = { .type = NLA_U32 },				\
	[p##ROUTES_MAX] = NLA_POLICY_FULL_RANGE(NLA_U32,		\
						&podnet_routes_max_range)

extern struct rtnl_link_ops podnet_link_ops;
extern struct netlink_range_validation podnet_vni_range;
extern struct netlink_range_validation podnet_routes_max_range;
extern struct netlink_range_validation podnet_ageing_range;

static inline void podnet_stat_add(struct podnet_dev *pn, enum podnet_stat s,
				   u64 n)
{
	struct podnet_pcpu_stats *st = this_cpu_ptr(pn->stats);

	u64_stats_update_begin(&st->syncp);
	u64_stats_add(&st->c[s], n);
	u64_stats_update_end(&st->syncp);
}

static inline void podnet_stat_inc(struct podnet_dev *pn, enum podnet_stat s)
{
	podnet_stat_add(pn, s, 1);
}

static inline void podnet_table_changed(atomic_t *generation)
{
	atomic_inc(generation);
}

/* device.c */
int podnet_device_init(void);
void podnet_device_exit(void);
bool netif_is_podnet(const struct net_device *dev);
void podnet_setup(struct net_device *dev);
int podnet_validate(struct nlattr *tb[], struct nlattr *data[],
		    struct netlink_ext_ack *extack);
size_t podnet_get_size(const struct net_device *dev);
int podnet_fill_info(struct sk_buff *skb, const struct net_device *dev);
int podnet_set_mode(struct podnet_dev *pn, enum podnet_mode mode,
		    struct netlink_ext_ack *extack);
void podnet_set_ageing(struct podnet_dev *pn, u32 seconds);
int podnet_configure(struct podnet_dev *pn, struct nlattr *const *a,
		     struct netlink_ext_ack *extack);
int podnet_fill_cfg(struct sk_buff *skb, const struct podnet_dev *pn,
		    int base);
size_t podnet_cfg_size(void);
void podnet_stats_read(struct podnet_dev *pn, u64 *sum);

/* port.c */
int podnet_port_add(struct podnet_dev *pn, struct net_device *dev,
		    struct netlink_ext_ack *extack);
int podnet_port_del(struct podnet_dev *pn, struct net_device *dev);
void podnet_ports_del_all(struct podnet_dev *pn);
struct podnet_port *podnet_port_find(struct podnet_dev *pn, int ifindex);
int podnet_port_notifier_init(void);
void podnet_port_notifier_exit(void);

/* forward.c: the data path */
rx_handler_result_t podnet_handle_frame(struct sk_buff **pskb);
netdev_tx_t podnet_xmit(struct sk_buff *skb, struct net_device *dev);

/* proxy.c: routed mode's answers for the gateway */
bool podnet_proxy_arp(struct podnet_port *port, struct sk_buff *skb);
bool podnet_proxy_nd(struct podnet_port *port, struct sk_buff *skb);

/* fdb.c */
int podnet_fdb_init(struct podnet_dev *pn);
void podnet_fdb_destroy(struct podnet_dev *pn);
void podnet_fdb_start(struct podnet_dev *pn);
void podnet_fdb_stop(struct podnet_dev *pn);
void podnet_fdb_reschedule(struct podnet_dev *pn);
void podnet_fdb_learn(struct podnet_dev *pn, struct podnet_port *port,
		      const u8 *addr);
struct podnet_fdb_entry *podnet_fdb_entry_find(struct podnet_dev *pn,
					       const u8 *addr);
struct podnet_port *podnet_fdb_lookup(struct podnet_dev *pn, const u8 *addr);
void podnet_fdb_flush(struct podnet_dev *pn, struct podnet_port *port);
u32 podnet_fdb_age_ms(const struct podnet_fdb_entry *e);

/* endpoint.c */
int podnet_endpoints_init(struct podnet_dev *pn);
void podnet_endpoints_destroy(struct podnet_dev *pn);
struct podnet_endpoint *
podnet_endpoint_lookup(struct podnet_dev *pn,
		       const struct podnet_addr *key);
int podnet_endpoint_add(struct podnet_dev *pn,
			const struct podnet_addr *key,
			struct podnet_port *port, const u8 *mac, bool replace,
			struct netlink_ext_ack *extack);
int podnet_endpoint_del(struct podnet_dev *pn,
			const struct podnet_addr *key);
void podnet_endpoints_flush(struct podnet_dev *pn, struct podnet_port *port);
void podnet_endpoint_learn_mac(struct podnet_endpoint *ep,
			       struct podnet_port *port, const u8 *mac);

/* route.c */
int podnet_routes_init(struct podnet_dev *pn);
void podnet_routes_destroy(struct podnet_dev *pn);
struct podnet_route *podnet_route_lookup(struct podnet_dev *pn,
					 const struct podnet_addr *dst);
struct podnet_route *podnet_route_find(struct podnet_dev *pn,
				       const struct podnet_prefix *prefix);
int podnet_route_add(struct podnet_dev *pn, const struct podnet_route_cfg *cfg,
		     bool replace, u32 generation,
		     struct netlink_ext_ack *extack);
int podnet_route_del(struct podnet_dev *pn, const struct podnet_prefix *prefix);
void podnet_routes_flush(struct podnet_dev *pn, bool all, u32 older_than);
struct podnet_nexthop *podnet_nexthop_lookup(struct podnet_dev *pn,
					     const struct podnet_addr *addr);

/* Where a dump of the route table stands between two messages. */
struct podnet_route_pos {
	unsigned long tbl;		/* the bucket table walked, a cookie */
	unsigned int bucket;
	unsigned int skip;		/* routes of the bucket done */
	bool moved;			/* resized meanwhile: restart the dump */
};

int podnet_routes_walk(struct podnet_dev *pn, struct podnet_route_pos *pos,
		       int (*fn)(const struct podnet_route *rt, void *arg),
		       void *arg);

/* encap.c: to other nodes, and back */
enum podnet_encap podnet_route_path(struct podnet_dev *pn,
				    const struct podnet_route *rt);
void podnet_route_xmit(struct podnet_dev *pn, struct sk_buff *skb,
		       const struct podnet_route *rt);
int podnet_tunnel_open(struct podnet_dev *pn);
void podnet_tunnel_close(struct podnet_dev *pn);
void podnet_tunnel_register(struct podnet_dev *pn);
void podnet_tunnel_unregister(struct podnet_dev *pn);
int podnet_set_encap(struct podnet_dev *pn, const struct podnet_encap_cfg *cfg,
		     struct netlink_ext_ack *extack);
void podnet_update_mtu(struct podnet_dev *pn);
int podnet_tunnel_init(void);
void podnet_tunnel_exit(void);

/* table.c */
long podnet_table_walk(struct rhashtable *ht, long skip,
		       int (*fn)(void *obj, void *arg), void *arg);

/* netlink.c */
int podnet_genl_init(void);
void podnet_genl_exit(void);

#endif /* _PODNET_H */
