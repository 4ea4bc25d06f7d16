// SPDX-License-Identifier: GPL-2.0
/*
 * Endpoints: one per pod IP address, naming the port the pod sits behind
 * and, once known, the pod's MAC. Routed mode delivers by them and checks
 * pods' source addresses against them. Written under RTNL (genetlink and
 * port removal); read under RCU on the data path.
 */
#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "podnet.h"

static const struct rhashtable_params podnet_endpoint_params = {
	.head_offset = offsetof(struct podnet_endpoint, node),
	.key_offset = offsetof(struct podnet_endpoint, key),
	.key_len = sizeof(struct podnet_addr),
	.automatic_shrinking = true,
};

/* Caller holds rcu_read_lock() or RTNL. */
struct podnet_endpoint *
podnet_endpoint_lookup(struct podnet_dev *pn,
		       const struct podnet_addr *key)
{
	return rhashtable_lookup_fast(&pn->endpoints.table, key,
				      podnet_endpoint_params);
}

int podnet_endpoint_add(struct podnet_dev *pn,
			const struct podnet_addr *key,
			struct podnet_port *port, const u8 *mac, bool replace,
			struct netlink_ext_ack *extack)
{
	u64 mac64 = mac ? ether_addr_to_u64(mac) : 0;
	struct podnet_endpoint *ep;
	int err;

	ASSERT_RTNL();
	ep = podnet_endpoint_lookup(pn, key);
	if (ep) {
		if (!replace) {
			NL_SET_ERR_MSG(extack,
				       "podnet: the address already has an endpoint (replace it with NLM_F_REPLACE)");
			return -EEXIST;
		}
		rcu_assign_pointer(ep->port, port);
		WRITE_ONCE(ep->mac, mac64);
		podnet_table_changed(&pn->endpoints.generation);
		return 0;
	}

	if (pn->endpoints.count >= PODNET_ENDPOINTS_MAX) {
		NL_SET_ERR_MSG(extack, "podnet: endpoint table is full");
		return -ENOSPC;
	}
	ep = kzalloc_obj(*ep, GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	ep->key = *key;
	RCU_INIT_POINTER(ep->port, port);
	ep->mac = mac64;
	err = rhashtable_insert_fast(&pn->endpoints.table, &ep->node,
				     podnet_endpoint_params);
	if (err) {
		kfree(ep);
		return err;
	}
	pn->endpoints.count++;
	podnet_table_changed(&pn->endpoints.generation);
	return 0;
}

static void podnet_endpoint_remove(struct podnet_dev *pn,
				   struct podnet_endpoint *ep)
{
	if (rhashtable_remove_fast(&pn->endpoints.table, &ep->node,
				   podnet_endpoint_params))
		return;
	pn->endpoints.count--;
	podnet_table_changed(&pn->endpoints.generation);
	kfree_rcu(ep, rcu);
}

int podnet_endpoint_del(struct podnet_dev *pn,
			const struct podnet_addr *key)
{
	struct podnet_endpoint *ep;

	ASSERT_RTNL();
	ep = podnet_endpoint_lookup(pn, key);
	if (!ep)
		return -ENOENT;
	podnet_endpoint_remove(pn, ep);
	return 0;
}

struct podnet_endpoint_flush {
	struct podnet_dev *pn;
	struct podnet_port *port;
};

static int podnet_endpoint_forget(void *obj, void *arg)
{
	struct podnet_endpoint_flush *f = arg;
	struct podnet_endpoint *ep = obj;

	if (!f->port || rcu_access_pointer(ep->port) == f->port)
		podnet_endpoint_remove(f->pn, ep);
	return 0;
}

/* A pod's port went away: so did the pod. NULL: every endpoint. */
void podnet_endpoints_flush(struct podnet_dev *pn, struct podnet_port *port)
{
	struct podnet_endpoint_flush f = { .pn = pn, .port = port };

	ASSERT_RTNL();
	podnet_table_walk(&pn->endpoints.table, 0, podnet_endpoint_forget, &f);
}

/*
 * Data path: the pod behind @port showed its MAC (ARP or ND from its
 * endpoint address). Only the endpoint's own port may teach it.
 */
void podnet_endpoint_learn_mac(struct podnet_endpoint *ep,
			       struct podnet_port *port, const u8 *mac)
{
	u64 mac64 = ether_addr_to_u64(mac);

	if (rcu_access_pointer(ep->port) == port && is_valid_ether_addr(mac) &&
	    READ_ONCE(ep->mac) != mac64)
		WRITE_ONCE(ep->mac, mac64);
}

int podnet_endpoints_init(struct podnet_dev *pn)
{
	pn->endpoints.count = 0;
	return rhashtable_init(&pn->endpoints.table, &podnet_endpoint_params);
}

static void podnet_endpoint_free(void *ptr, void *arg)
{
	kfree(ptr);
}

void podnet_endpoints_destroy(struct podnet_dev *pn)
{
	rhashtable_free_and_destroy(&pn->endpoints.table, podnet_endpoint_free,
				    NULL);
}
