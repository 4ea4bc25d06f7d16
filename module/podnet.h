/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PODNET_H
#define _PODNET_H

#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/rtnetlink.h>
#include <uapi/linux/podnet.h>

#include "compat.h"

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

struct podnet_dev {
	struct net_device *dev;
	enum podnet_mode mode;		/* READ_ONCE on the data path */
	u32 ageing_time;		/* seconds */
	struct list_head ports;		/* RTNL; RCU readers */
	unsigned int port_count;	/* RTNL */
	atomic_t generation;		/* of the port list */
	struct podnet_fdb fdb;
	struct podnet_endpoints endpoints;
	struct podnet_pcpu_stats __percpu *stats;
};

struct podnet_port {
	struct list_head list;
	struct net_device *dev;
	struct podnet_dev *pn;
	bool hairpin;			/* READ_ONCE on the data path */
	struct rcu_head rcu;
};

struct podnet_endpoint_key {
	u8 family;
	u8 pad[3];
	union {
		__be32 v4;
		struct in6_addr v6;
	};
};

struct podnet_endpoint {
	struct rhash_head node;
	struct podnet_endpoint_key key;
	struct podnet_port __rcu *port;
	/* The pod's MAC as a u64 (0: not known yet), so it can change
	 * under readers without tearing.
	 */
	u64 mac;
	struct rcu_head rcu;
};

struct podnet_fdb_entry {
	struct rhash_head node;
	u8 addr[ETH_ALEN];
	struct podnet_port __rcu *port;	/* NULL: the podnet device itself */
	unsigned long updated;		/* jiffies */
	u32 flags;			/* PODNET_FDB_F_* */
	struct rcu_head rcu;
};

extern struct rtnl_link_ops podnet_link_ops;
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
		       const struct podnet_endpoint_key *key);
int podnet_endpoint_add(struct podnet_dev *pn,
			const struct podnet_endpoint_key *key,
			struct podnet_port *port, const u8 *mac, bool replace,
			struct netlink_ext_ack *extack);
int podnet_endpoint_del(struct podnet_dev *pn,
			const struct podnet_endpoint_key *key);
void podnet_endpoints_flush(struct podnet_dev *pn, struct podnet_port *port);
void podnet_endpoint_learn_mac(struct podnet_endpoint *ep,
			       struct podnet_port *port, const u8 *mac);

/* table.c */
long podnet_table_walk(struct rhashtable *ht, long skip,
		       int (*fn)(void *obj, void *arg), void *arg);

/* netlink.c */
int podnet_genl_init(void);
void podnet_genl_exit(void);

#endif /* _PODNET_H */
