// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark, not a test: nanoseconds per longest-prefix lookup in podnet's
 * route table (module/route.c, built into this module) and in the kernel
 * FIB (fib_lookup(), what the stack's route lookups use) for the same
 * destinations, in the same kernel. scripts/bench lookup installs the
 * kernel's copy of the routes beforehand: @routes /28 prefixes,
 * 10.0.0.0 + 16 * i, plus the /8 around them; the destinations are random
 * addresses inside those prefixes.
 */
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <net/ip_fib.h>

#include "podnet.h"

static unsigned int routes = 1000;
module_param(routes, uint, 0444);
MODULE_PARM_DESC(routes, "how many /28 routes (at most 1048576)");

static unsigned int lookups = 2000000;
module_param(lookups, uint, 0444);
MODULE_PARM_DESC(lookups, "lookups timed per table");

#define DESTS 4096

static __be32 dests[DESTS];

static int bench_fill(struct podnet_dev *pn)
{
	struct podnet_route_cfg cfg = {
		.prefix = { .family = AF_INET, .plen = 28 },
		.via = { .family = AF_INET },
	};
	unsigned int i;
	int err = 0;

	cfg.prefix.plen = 8;
	cfg.prefix.v4 = htonl(0x0a000000);
	cfg.via.v4 = htonl(0xc0a80001);
	rtnl_lock();
	err = podnet_route_add(pn, &cfg, false, 0, NULL);
	cfg.prefix.plen = 28;
	for (i = 0; i < routes && !err; i++) {
		cfg.prefix.v4 = htonl(0x0a000000 + 16 * i);
		/* A cluster has a next hop per node, not per route. */
		cfg.via.v4 = htonl(0xc0a80001 + i % 256);
		err = podnet_route_add(pn, &cfg, false, 0, NULL);
		if (i % 1024 == 1023) {
			rtnl_unlock();
			cond_resched();
			rtnl_lock();
		}
	}
	rtnl_unlock();
	return err;
}

/* Lookups in chunks, so the RCU read side never lasts long. */
static u64 bench_podnet(struct podnet_dev *pn, unsigned int *hits)
{
	struct podnet_addr a = { .family = AF_INET };
	struct podnet_route *rt;
	u64 start, ns = 0;
	unsigned int n = 0, i;

	*hits = 0;
	while (n < lookups) {
		start = ktime_get_ns();
		rcu_read_lock();
		for (i = 0; i < DESTS && n < lookups; i++, n++) {
			a.v4 = dests[i];
			rt = podnet_route_lookup(pn, &a);
			*hits += rt && rt->key.plen == 28;
		}
		rcu_read_unlock();
		ns += ktime_get_ns() - start;
		cond_resched();
	}
	return ns;
}

static u64 bench_fib(unsigned int *hits)
{
	struct fib_result res;
	struct flowi4 fl4;
	u64 start, ns = 0;
	unsigned int n = 0, i;

	*hits = 0;
	while (n < lookups) {
		start = ktime_get_ns();
		rcu_read_lock();
		for (i = 0; i < DESTS && n < lookups; i++, n++) {
			memset(&fl4, 0, sizeof(fl4));
			fl4.daddr = dests[i];
			*hits += !fib_lookup(&init_net, &fl4, &res, 0) &&
				 res.prefixlen == 28;
		}
		rcu_read_unlock();
		ns += ktime_get_ns() - start;
		cond_resched();
	}
	return ns;
}

static int __init bench_init(void)
{
	unsigned int i, hits_pn, hits_fib;
	struct podnet_dev *pn;
	u64 ns_pn, ns_fib;
	int err;

	if (!routes || routes > (1U << 20) || !lookups)
		return -EINVAL;
	pn = kvzalloc(sizeof(*pn), GFP_KERNEL);
	if (!pn)
		return -ENOMEM;
	err = podnet_routes_init(pn);
	if (err)
		goto out;
	pn->routes.max = routes + 1;
	err = bench_fill(pn);
	if (err)
		goto out_routes;
	for (i = 0; i < DESTS; i++)
		dests[i] = htonl(0x0a000000 + get_random_u32_below(routes * 16));

	/* Once to warm the caches, then the timed runs, interleaved. */
	bench_podnet(pn, &hits_pn);
	bench_fib(&hits_fib);
	ns_pn = bench_podnet(pn, &hits_pn);
	ns_fib = bench_fib(&hits_fib);
	ns_pn += bench_podnet(pn, &hits_pn);
	ns_fib += bench_fib(&hits_fib);
	pr_info("routes %u lookups %u podnet_ns %llu fib_ns %llu podnet_hits %u fib_hits %u\n",
		routes, 2 * lookups, ns_pn, ns_fib, hits_pn, hits_fib);
out_routes:
	podnet_routes_destroy(pn);
out:
	kvfree(pn);
	return err;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("podnet route lookup benchmark (not for nodes)");
