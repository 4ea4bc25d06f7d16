// SPDX-License-Identifier: GPL-2.0
/*
 * podnet: pod networking in one netdevice.
 */
#include <linux/module.h>

#include "podnet.h"

static int __init podnet_init(void)
{
	int err;

	err = podnet_device_init();
	if (err)
		return err;

	pr_info("version %s loaded\n", PODNET_VERSION);
	return 0;
}

static void __exit podnet_exit(void)
{
	podnet_device_exit();
	pr_info("unloaded\n");
}

module_init(podnet_init);
module_exit(podnet_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("podnet: pod networking device with in-kernel encapsulation");
MODULE_AUTHOR("The podnet developers");
MODULE_VERSION(PODNET_VERSION);
MODULE_ALIAS_RTNL_LINK(PODNET_LINK_KIND);
