// SPDX-License-Identifier: GPL-2.0
/*
 * Shared fixtures of the KUnit suites.
 */
#include <kunit/resource.h>
#include <linux/netdevice.h>

#include "util.h"

static void podnet_test_dev_release(void *arg)
{
	unregister_netdev(arg);
}

struct podnet_dev *podnet_test_dev(struct kunit *test)
{
	struct net_device *dev;
	int err;

	dev = alloc_netdev(sizeof(struct podnet_dev), "pnkunit%d",
			   NET_NAME_ENUM, podnet_setup);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	rtnl_lock();
	err = register_netdevice(dev);
	rtnl_unlock();
	if (err)
		free_netdev(dev);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, podnet_test_dev_release,
							dev), 0);
	return netdev_priv(dev);
}

struct podnet_port *podnet_test_port(struct kunit *test, struct podnet_dev *pn)
{
	struct podnet_port *port = kunit_kzalloc(test, sizeof(*port), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, port);
	port->dev = pn->dev;
	port->pn = pn;
	return port;
}
