// SPDX-License-Identifier: GPL-2.0
/*
 * The route table: pod prefix -> next node, IPv4 and IPv6.
 *
 * One rhashtable holds the routes of every prefix length, keyed by the
 * masked prefix. A lookup masks the destination to each length in use,
 * longest first (a bitmap per family says which), and probes the table:
 * no lock, a handful of probes, since pod routes come in few lengths.
 * Next hops (the other nodes' underlay addresses) are shared by the routes
 * through them and carry the underlay route cache.
 *
 * Written under RTNL (genetlink), read under RCU (the data path). A route
 * never changes under its readers except for its generation: replacing one
 * swaps in a new entry, so a reader sees the old route or the new one,
 * never a gap. Routes and next hops are freed after a grace period.
 */
#include <linux/bitmap.h>
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "podnet.h"

/*
 * Lookups are the data path's cost: hash and compare only the bytes that
 * matter, which for IPv4 are the first eight.
 */
static u32 podnet_prefix_hash(const void *data, u32 len, u32 seed)
{
	const struct podnet_prefix *p = data;
	u32 tag = (u32)p->family << 8 | p->plen;

	if (p->family == AF_INET)
		return jhash_2words((__force u32)p->v4, tag, seed);
	return jhash2((const u32 *)&p->v6, 4, seed ^ tag);
}

static int podnet_prefix_cmp(struct rhashtable_compare_arg *arg,
			     const void *obj)
{
	const struct podnet_prefix *a = arg->key;
	const struct podnet_prefix *b = &((const struct podnet_route *)obj)->key;

	if (a->family == AF_INET)
		return a->family != b->family || a->plen != b->plen ||
		       a->v4 != b->v4;
	return memcmp(a, b, sizeof(*a));
}

static const struct rhashtable_params podnet_route_params = {
	.head_offset = offsetof(struct podnet_route, node),
	.key_offset = offsetof(struct podnet_route, key),
	.key_len = sizeof(struct podnet_prefix),
	.hashfn = podnet_prefix_hash,
	.obj_cmpfn = podnet_prefix_cmp,
	/* Buckets; at most twice as many routes fit (PODNET_ROUTES_MAX_LIMIT). */
	.max_size = PODNET_ROUTES_MAX_LIMIT,
	.automatic_shrinking = true,
};

static const struct rhashtable_params podnet_nexthop_params = {
	.head_offset = offsetof(struct podnet_nexthop, node),
	.key_offset = offsetof(struct podnet_nexthop, addr),
	.key_len = sizeof(struct podnet_addr),
	.automatic_shrinking = true,
};

/* The memory a route costs is a benchmark figure: one kmalloc-64 object. */
static_assert(sizeof(struct podnet_route) <= 64);

static unsigned int podnet_family_bits(u8 family)
{
	return family == AF_INET ? 32 : 128;
}

static unsigned long *podnet_plens(struct podnet_routes *r, u8 family)
{
	return family == AF_INET ? r->plens4 : r->plens6;
}

static u32 *podnet_plen_count(struct podnet_routes *r, u8 family)
{
	return family == AF_INET ? r->plen_count4 : r->plen_count6;
}

/* @key = @addr's first @plen bits; @key was zeroed and has its family. */
static void podnet_prefix_mask(struct podnet_prefix *key,
			       const struct podnet_addr *addr, u8 plen)
{
	key->plen = plen;
	if (key->family == AF_INET)
		key->v4 = addr->v4 & inet_make_mask(plen);
	else
		ipv6_addr_prefix(&key->v6, &addr->v6, plen);
}

/*
 * The longest prefix matching @dst, or NULL. Caller holds rcu_read_lock()
 * (or RTNL) for as long as it uses the route.
 */
struct podnet_route *podnet_route_lookup(struct podnet_dev *pn,
					 const struct podnet_addr *dst)
{
	struct podnet_routes *r = &pn->routes;
	struct podnet_route *rt = NULL;
	struct podnet_prefix key;
	unsigned int bits, i;

	if (dst->family != AF_INET && dst->family != AF_INET6)
		return NULL;
	bits = podnet_family_bits(dst->family);
	memset(&key, 0, sizeof(key));
	key.family = dst->family;
	rcu_read_lock();
	for_each_set_bit(i, podnet_plens(r, dst->family), bits + 1) {
		podnet_prefix_mask(&key, dst, bits - i);
		rt = rhashtable_lookup(&r->table, &key, podnet_route_params);
		if (rt)
			break;
	}
	rcu_read_unlock();
	return rt;
}

/* The route of exactly @prefix, or NULL. Caller holds RCU or RTNL. */
struct podnet_route *podnet_route_find(struct podnet_dev *pn,
				       const struct podnet_prefix *prefix)
{
	struct podnet_prefix key;
	struct podnet_addr addr;

	if ((prefix->family != AF_INET && prefix->family != AF_INET6) ||
	    prefix->plen > podnet_family_bits(prefix->family))
		return NULL;
	/* The hash covers every byte: canonical padding, masked address. */
	memset(&key, 0, sizeof(key));
	memset(&addr, 0, sizeof(addr));
	key.family = prefix->family;
	memcpy(&addr.v6, &prefix->v6, sizeof(addr.v6));
	podnet_prefix_mask(&key, &addr, prefix->plen);
	if (memcmp(&key, prefix, sizeof(key)))
		return NULL;
	return rhashtable_lookup_fast(&pn->routes.table, &key,
				      podnet_route_params);
}

/* A next hop of @pn's routes, or NULL (decapsulation's source check). */
struct podnet_nexthop *podnet_nexthop_lookup(struct podnet_dev *pn,
					     const struct podnet_addr *addr)
{
	return rhashtable_lookup_fast(&pn->routes.nexthops, addr,
				      podnet_nexthop_params);
}

static bool podnet_addr_unicast(const struct podnet_addr *a)
{
	if (a->family == AF_INET)
		return !ipv4_is_zeronet(a->v4) && !ipv4_is_multicast(a->v4) &&
		       !ipv4_is_lbcast(a->v4) && !ipv4_is_loopback(a->v4);
	return !ipv6_addr_any(&a->v6) && !ipv6_addr_is_multicast(&a->v6) &&
	       !ipv6_addr_loopback(&a->v6) && !ipv6_addr_v4mapped(&a->v6);
}

/*
 * Checks @cfg and puts its prefix and next hop, in the canonical form the
 * tables hash, into @key and @via.
 */
static int podnet_route_check(const struct podnet_route_cfg *cfg,
			      struct podnet_prefix *key,
			      struct podnet_addr *via,
			      struct netlink_ext_ack *extack)
{
	const struct podnet_prefix *p = &cfg->prefix;
	struct podnet_addr addr;

	if (p->family != AF_INET && p->family != AF_INET6) {
		NL_SET_ERR_MSG(extack, "podnet: a route's prefix is IPv4 or IPv6");
		return -EINVAL;
	}
	if (p->plen > podnet_family_bits(p->family)) {
		NL_SET_ERR_MSG(extack, "podnet: prefix length longer than the address");
		return -EINVAL;
	}
	memset(&addr, 0, sizeof(addr));
	addr.family = p->family;
	if (p->family == AF_INET)
		addr.v4 = p->v4;
	else
		addr.v6 = p->v6;
	memset(key, 0, sizeof(*key));
	key->family = p->family;
	podnet_prefix_mask(key, &addr, p->plen);
	if (memcmp(&key->v6, &addr.v6, sizeof(addr.v6))) {
		NL_SET_ERR_MSG(extack, "podnet: prefix has host bits set");
		return -EINVAL;
	}

	memset(via, 0, sizeof(*via));
	via->family = cfg->via.family;
	if (via->family == AF_INET) {
		via->v4 = cfg->via.v4;
	} else if (via->family == AF_INET6) {
		via->v6 = cfg->via.v6;
	} else {
		NL_SET_ERR_MSG(extack, "podnet: a route needs a next hop, IPv4 or IPv6");
		return -EINVAL;
	}
	if (!podnet_addr_unicast(via)) {
		NL_SET_ERR_MSG(extack, "podnet: next hop must be a unicast address");
		return -EINVAL;
	}
	if (cfg->encap > PODNET_ENCAP_MAX) {
		NL_SET_ERR_MSG(extack, "podnet: unknown encapsulation");
		return -EINVAL;
	}
	if (cfg->encap == PODNET_ENCAP_IPIP && via->family != AF_INET) {
		NL_SET_ERR_MSG(extack, "podnet: IPIP needs an IPv4 next hop");
		return -EINVAL;
	}
	if (!is_zero_ether_addr(cfg->mac) && !is_valid_ether_addr(cfg->mac)) {
		NL_SET_ERR_MSG(extack, "podnet: a route's MAC must be unicast");
		return -EINVAL;
	}
	return 0;
}

/* The next hop for @addr, with a reference for a route. RTNL held. */
static struct podnet_nexthop *podnet_nexthop_get(struct podnet_dev *pn,
						 const struct podnet_addr *addr)
{
	struct podnet_nexthop *nh;
	int err;

	nh = podnet_nexthop_lookup(pn, addr);
	if (nh) {
		nh->refs++;
		return nh;
	}
	nh = kzalloc_obj(*nh, GFP_KERNEL_ACCOUNT);
	if (!nh)
		return ERR_PTR(-ENOMEM);
	err = dst_cache_init(&nh->dst_cache, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_free;
	nh->addr = *addr;
	nh->refs = 1;
	err = rhashtable_insert_fast(&pn->routes.nexthops, &nh->node,
				     podnet_nexthop_params);
	if (err)
		goto err_cache;
	return nh;

err_cache:
	dst_cache_destroy(&nh->dst_cache);
err_free:
	kfree(nh);
	return ERR_PTR(err);
}

static void podnet_nexthop_free_rcu(struct rcu_head *head)
{
	struct podnet_nexthop *nh = container_of(head, struct podnet_nexthop, rcu);

	/* No reader is left to use the cache: a grace period has passed. */
	dst_cache_destroy(&nh->dst_cache);
	kfree(nh);
}

static void podnet_nexthop_put(struct podnet_dev *pn, struct podnet_nexthop *nh)
{
	if (--nh->refs)
		return;
	rhashtable_remove_fast(&pn->routes.nexthops, &nh->node,
			       podnet_nexthop_params);
	call_rcu(&nh->rcu, podnet_nexthop_free_rcu);
}

/* A route left the table: free it, and its next hop if it was the last. */
static void podnet_route_release(struct podnet_dev *pn, struct podnet_route *rt)
{
	podnet_nexthop_put(pn, rt->nh);
	kfree_rcu(rt, rcu);
}

/* One more route of @key's length: readers start trying that length. */
static void podnet_plen_get(struct podnet_routes *r,
			    const struct podnet_prefix *key)
{
	u32 *count = podnet_plen_count(r, key->family);

	if (!count[key->plen]++)
		set_bit(podnet_family_bits(key->family) - key->plen,
			podnet_plens(r, key->family));
}

static void podnet_plen_put(struct podnet_routes *r,
			    const struct podnet_prefix *key)
{
	u32 *count = podnet_plen_count(r, key->family);

	if (!--count[key->plen])
		clear_bit(podnet_family_bits(key->family) - key->plen,
			  podnet_plens(r, key->family));
}

/* Does @rt already say what @via, @cfg's encap and MAC say? */
static bool podnet_route_same(const struct podnet_route *rt,
			      const struct podnet_addr *via,
			      const struct podnet_route_cfg *cfg)
{
	return !memcmp(&rt->nh->addr, via, sizeof(*via)) &&
	       rt->encap == cfg->encap && ether_addr_equal(rt->mac, cfg->mac);
}

int podnet_route_add(struct podnet_dev *pn, const struct podnet_route_cfg *cfg,
		     bool replace, u32 generation,
		     struct netlink_ext_ack *extack)
{
	struct podnet_routes *r = &pn->routes;
	struct podnet_route *old, *rt;
	struct podnet_nexthop *nh;
	struct podnet_prefix key;
	struct podnet_addr via;
	int err;

	ASSERT_RTNL();
	err = podnet_route_check(cfg, &key, &via, extack);
	if (err)
		return err;

	/*
	 * A plain add looks for the prefix while inserting, so the common
	 * case hashes it once; replacing, or a full table, looks first.
	 */
	old = NULL;
	if (replace || r->count >= r->max) {
		old = rhashtable_lookup_fast(&r->table, &key, podnet_route_params);
		if (old && !replace)
			goto exists;
		if (!old && r->count >= r->max) {
			NL_SET_ERR_MSG(extack,
				       "podnet: route table is full (raise routes_max)");
			return -ENOSPC;
		}
		/* A resync re-adding what is there only restamps it. */
		if (old && podnet_route_same(old, &via, cfg)) {
			if (old->generation != generation) {
				WRITE_ONCE(old->generation, generation);
				podnet_table_changed(&r->generation);
			}
			return 0;
		}
	}

	nh = podnet_nexthop_get(pn, &via);
	if (IS_ERR(nh))
		return PTR_ERR(nh);
	rt = kzalloc_obj(*rt, GFP_KERNEL_ACCOUNT);
	if (!rt) {
		err = -ENOMEM;
		goto err_nh;
	}
	rt->key = key;
	rt->nh = nh;
	rt->encap = cfg->encap;
	ether_addr_copy(rt->mac, cfg->mac);
	rt->generation = generation;

	if (old) {
		/* Readers find the old entry or the new one, never neither. */
		err = rhashtable_replace_fast(&r->table, &old->node, &rt->node,
					      podnet_route_params);
		if (err)
			goto err_rt;
		podnet_route_release(pn, old);
	} else {
		/* The length first: a reader may then probe it in vain. */
		podnet_plen_get(r, &key);
		old = rhashtable_lookup_get_insert_fast(&r->table, &rt->node,
							podnet_route_params);
		if (old) {
			podnet_plen_put(r, &key);
			kfree(rt);
			podnet_nexthop_put(pn, nh);
			if (!IS_ERR(old))
				goto exists;
			NL_SET_ERR_MSG(extack, "podnet: cannot grow the route table");
			return PTR_ERR(old);
		}
		r->count++;
	}
	podnet_table_changed(&r->generation);
	return 0;

err_rt:
	kfree(rt);
err_nh:
	podnet_nexthop_put(pn, nh);
	return err;

exists:
	NL_SET_ERR_MSG(extack,
		       "podnet: a route for that prefix exists (replace it with NLM_F_REPLACE)");
	return -EEXIST;
}

static void podnet_route_unlink(struct podnet_dev *pn, struct podnet_route *rt)
{
	struct podnet_routes *r = &pn->routes;

	if (rhashtable_remove_fast(&r->table, &rt->node, podnet_route_params))
		return;
	podnet_plen_put(r, &rt->key);
	r->count--;
	podnet_table_changed(&r->generation);
	podnet_route_release(pn, rt);
}

int podnet_route_del(struct podnet_dev *pn, const struct podnet_prefix *prefix)
{
	struct podnet_route *rt;

	ASSERT_RTNL();
	rt = podnet_route_find(pn, prefix);
	if (!rt)
		return -ENOENT;
	podnet_route_unlink(pn, rt);
	return 0;
}

static bool podnet_route_stale(const struct podnet_route *rt, bool all,
			       u32 older_than)
{
	/* Serial number arithmetic: generations wrap around. */
	return all || (s32)(rt->generation - older_than) < 0;
}

/* How many routes a flush goes through between two breaths. */
#define PODNET_FLUSH_BATCH	1024

/*
 * Deletes every route (@all) or those stamped with a generation older than
 * @older_than. Takes breaks for the scheduler and RCU on big tables.
 */
void podnet_routes_flush(struct podnet_dev *pn, bool all, u32 older_than)
{
	struct podnet_route *rt, *doomed = NULL;
	struct rhashtable_iter iter;
	unsigned int n = 0;

	ASSERT_RTNL();
	if (!pn->routes.count)
		return;
	rhashtable_walk_enter(&pn->routes.table, &iter);
	rhashtable_walk_start(&iter);
	/*
	 * A route is deleted only once the walk has moved past it: a walk
	 * that pauses resumes from the last route it returned, which must
	 * still be in the table then. After a resize the walk starts over
	 * and may return the pending route again.
	 */
	while ((rt = rhashtable_walk_next(&iter))) {
		if (IS_ERR(rt)) {
			if (PTR_ERR(rt) == -EAGAIN)
				continue;
			break;
		}
		if (rt == doomed)
			continue;
		if (doomed)
			podnet_route_unlink(pn, doomed);
		doomed = podnet_route_stale(rt, all, older_than) ? rt : NULL;
		if (!(++n % PODNET_FLUSH_BATCH)) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	if (doomed)
		podnet_route_unlink(pn, doomed);
}

/*
 * Dumps: walks the buckets of the table in order, from @pos, calling @fn
 * under RCU until it returns non-zero, and leaves @pos at the route it
 * stopped at. Each call costs what it dumps, whatever the table's size.
 * Routes added or deleted meanwhile change the table's generation; a
 * resize (which follows a change, asynchronously) sets @pos->moved, since
 * the walk may then have missed or repeated routes. Returns 1 if @fn
 * stopped the walk, 0 at the end of the table.
 */
int podnet_routes_walk(struct podnet_dev *pn, struct podnet_route_pos *pos,
		       int (*fn)(const struct podnet_route *rt, void *arg),
		       void *arg)
{
	struct rhashtable *ht = &pn->routes.table;
	const struct bucket_table *tbl;
	struct podnet_route *rt;
	struct rhash_head *he;
	unsigned int i;
	int ret = 0;

	rcu_read_lock();
	tbl = rht_dereference_rcu(ht->tbl, ht);
	if (pos->tbl != (unsigned long)tbl) {
		if (pos->tbl)
			pos->moved = true;
		pos->tbl = (unsigned long)tbl;
	}
	for (; pos->bucket < tbl->size; pos->bucket++, pos->skip = 0) {
		i = 0;
		rht_for_each_entry_rcu(rt, he, tbl, pos->bucket, node) {
			if (i++ < pos->skip)
				continue;
			if (fn(rt, arg)) {
				ret = 1;
				goto out;
			}
			pos->skip++;
		}
	}
out:
	if (rcu_access_pointer(tbl->future_tbl))
		pos->moved = true;
	rcu_read_unlock();
	return ret;
}

int podnet_routes_init(struct podnet_dev *pn)
{
	struct podnet_routes *r = &pn->routes;
	int err;

	r->count = 0;
	r->max = PODNET_ROUTES_MAX_DEFAULT;
	memset(r->plen_count4, 0, sizeof(r->plen_count4));
	memset(r->plen_count6, 0, sizeof(r->plen_count6));
	bitmap_zero(r->plens4, 33);
	bitmap_zero(r->plens6, 129);
	atomic_set(&r->generation, 0);
	err = rhashtable_init(&r->table, &podnet_route_params);
	if (err)
		return err;
	err = rhashtable_init(&r->nexthops, &podnet_nexthop_params);
	if (err)
		rhashtable_destroy(&r->table);
	return err;
}

static void podnet_route_free(void *ptr, void *arg)
{
	kfree(ptr);
}

static void podnet_nexthop_free(void *ptr, void *arg)
{
	struct podnet_nexthop *nh = ptr;

	dst_cache_destroy(&nh->dst_cache);
	kfree(nh);
}

/* The device is going away and no reader is left. */
void podnet_routes_destroy(struct podnet_dev *pn)
{
	rhashtable_free_and_destroy(&pn->routes.table, podnet_route_free, NULL);
	rhashtable_free_and_destroy(&pn->routes.nexthops, podnet_nexthop_free,
				    NULL);
}
