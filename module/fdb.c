// SPDX-License-Identifier: GPL-2.0
/*
 * Bridge mode's forwarding database: which port a MAC address was last seen
 * on. Learned from the source address of frames coming in from ports, aged
 * out by a periodic walk. The device's own address is not stored: it is
 * compared directly, so a MAC change needs no table update.
 */
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "podnet.h"

#define PODNET_FDB_GC_MAX	(10 * HZ)

static const struct rhashtable_params podnet_fdb_params = {
	.head_offset = offsetof(struct podnet_fdb_entry, node),
	.key_offset = offsetof(struct podnet_fdb_entry, addr),
	.key_len = ETH_ALEN,
	.automatic_shrinking = true,
};

static unsigned long podnet_fdb_gc_interval(const struct podnet_dev *pn)
{
	return min_t(unsigned long, READ_ONCE(pn->ageing_time) * HZ,
		     PODNET_FDB_GC_MAX);
}

/* Caller holds rcu_read_lock(). */
struct podnet_fdb_entry *podnet_fdb_entry_find(struct podnet_dev *pn,
					       const u8 *addr)
{
	return rhashtable_lookup(&pn->fdb.table, addr, podnet_fdb_params);
}

/* Caller holds rcu_read_lock(). */
struct podnet_port *podnet_fdb_lookup(struct podnet_dev *pn, const u8 *addr)
{
	struct podnet_fdb_entry *e = podnet_fdb_entry_find(pn, addr);

	return e ? rcu_dereference(e->port) : NULL;
}

/* Data path, softirq, rcu_read_lock() held. */
void podnet_fdb_learn(struct podnet_dev *pn, struct podnet_port *port,
		      const u8 *addr)
{
	struct podnet_fdb_entry *e;
	unsigned long now = jiffies;

	if (unlikely(!is_valid_ether_addr(addr)) ||
	    unlikely(ether_addr_equal(addr, pn->dev->dev_addr)))
		return;

	e = podnet_fdb_entry_find(pn, addr);
	if (likely(e)) {
		/* Write only on change: the line is shared by all CPUs. */
		if (READ_ONCE(e->updated) != now)
			WRITE_ONCE(e->updated, now);
		if (unlikely(rcu_access_pointer(e->port) != port)) {
			rcu_assign_pointer(e->port, port);
			podnet_table_changed(&pn->fdb.generation);
		}
		return;
	}

	if (atomic_read(&pn->fdb.count) >= PODNET_FDB_MAX)
		return;
	e = kzalloc_obj(*e, GFP_ATOMIC);
	if (!e)
		return;
	ether_addr_copy(e->addr, addr);
	RCU_INIT_POINTER(e->port, port);
	e->updated = now;
	/* Another CPU may have learned it first: then keep theirs. */
	if (rhashtable_lookup_insert_fast(&pn->fdb.table, &e->node,
					  podnet_fdb_params)) {
		kfree(e);
		return;
	}
	atomic_inc(&pn->fdb.count);
	podnet_table_changed(&pn->fdb.generation);
	podnet_stat_inc(pn, PODNET_STAT_FDB_LEARNED);
}

static void podnet_fdb_remove(struct podnet_dev *pn, struct podnet_fdb_entry *e)
{
	if (rhashtable_remove_fast(&pn->fdb.table, &e->node, podnet_fdb_params))
		return;
	atomic_dec(&pn->fdb.count);
	podnet_table_changed(&pn->fdb.generation);
	kfree_rcu(e, rcu);
}

struct podnet_fdb_sweep {
	struct podnet_dev *pn;
	struct podnet_port *port;	/* flush: entries on this port, or all */
	unsigned long ageing;		/* gc: entries older than this */
};

static int podnet_fdb_expire(void *obj, void *arg)
{
	struct podnet_fdb_entry *e = obj;
	struct podnet_fdb_sweep *sw = arg;

	if (time_after(jiffies, READ_ONCE(e->updated) + sw->ageing))
		podnet_fdb_remove(sw->pn, e);
	return 0;
}

static int podnet_fdb_forget(void *obj, void *arg)
{
	struct podnet_fdb_entry *e = obj;
	struct podnet_fdb_sweep *sw = arg;

	if (!sw->port || rcu_access_pointer(e->port) == sw->port)
		podnet_fdb_remove(sw->pn, e);
	return 0;
}

static void podnet_fdb_gc(struct work_struct *work)
{
	struct podnet_dev *pn = container_of(to_delayed_work(work),
					     struct podnet_dev, fdb.gc);
	struct podnet_fdb_sweep sw = {
		.pn = pn,
		.ageing = READ_ONCE(pn->ageing_time) * HZ,
	};

	podnet_table_walk(&pn->fdb.table, 0, podnet_fdb_expire, &sw);
	queue_delayed_work(system_power_efficient_wq, &pn->fdb.gc,
			   podnet_fdb_gc_interval(pn));
}

/* Forgets what was learned on @port, or everything when @port is NULL. */
void podnet_fdb_flush(struct podnet_dev *pn, struct podnet_port *port)
{
	struct podnet_fdb_sweep sw = { .pn = pn, .port = port };

	podnet_table_walk(&pn->fdb.table, 0, podnet_fdb_forget, &sw);
}

/* Milliseconds since the entry was last seen. */
u32 podnet_fdb_age_ms(const struct podnet_fdb_entry *e)
{
	return jiffies_to_msecs(jiffies - READ_ONCE(e->updated));
}

int podnet_fdb_init(struct podnet_dev *pn)
{
	int err;

	err = rhashtable_init(&pn->fdb.table, &podnet_fdb_params);
	if (err)
		return err;
	atomic_set(&pn->fdb.count, 0);
	INIT_DELAYED_WORK(&pn->fdb.gc, podnet_fdb_gc);
	return 0;
}

void podnet_fdb_start(struct podnet_dev *pn)
{
	queue_delayed_work(system_power_efficient_wq, &pn->fdb.gc,
			   podnet_fdb_gc_interval(pn));
}

/* Ageing changed: run the collector on the new schedule now. */
void podnet_fdb_reschedule(struct podnet_dev *pn)
{
	mod_delayed_work(system_power_efficient_wq, &pn->fdb.gc, 0);
}

void podnet_fdb_stop(struct podnet_dev *pn)
{
	cancel_delayed_work_sync(&pn->fdb.gc);
}

static void podnet_fdb_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* No readers are left: the device is gone and its ports with it. */
void podnet_fdb_destroy(struct podnet_dev *pn)
{
	/* The collector may have been kicked on a device never brought up. */
	cancel_delayed_work_sync(&pn->fdb.gc);
	rhashtable_free_and_destroy(&pn->fdb.table, podnet_fdb_free, NULL);
}
