// SPDX-License-Identifier: GPL-2.0
/*
 * podnet: pod networking in one netdevice.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "podnet.h"

static int __init podnet_init(void)
{
	int err;

	err = podnet_port_notifier_init();
	if (err)
		goto err_notifier;
	err = podnet_tunnel_init();
	if (err)
		goto err_tunnel;
	err = podnet_device_init();
	if (err)
		goto err_device;
	err = podnet_genl_init();
	if (err)
		goto err_genl;

	pr_info("version %s loaded\n", PODNET_VERSION);
	return 0;

err_genl:
	podnet_device_exit();
err_device:
	podnet_tunnel_exit();
err_tunnel:
	podnet_port_notifier_exit();
err_notifier:
	return err;
}

static void __exit podnet_exit(void)
{
	podnet_genl_exit();
	podnet_device_exit();
	/* Next hops freed by call_rcu() run podnet's code: wait for them. */
	rcu_barrier();
	podnet_tunnel_exit();
	podnet_port_notifier_exit();
	pr_info("unloaded\n");
}

module_init(podnet_init);
module_exit(podnet_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("podnet: pod networking device with in-kernel encapsulation");
MODULE_AUTHOR("The podnet developers");
MODULE_VERSION(PODNET_VERSION);
MODULE_ALIAS_RTNL_LINK(PODNET_LINK_KIND);
MODULE_ALIAS_GENL_FAMILY(PODNET_GENL_NAME);
