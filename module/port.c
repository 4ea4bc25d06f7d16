// SPDX-License-Identifier: GPL-2.0
/*
 * Ports: the pod veths that join a podnet device with
 * "ip link set vethX master podnet0" and leave with "nomaster", or when
 * either device goes away. All changes run under RTNL; the data path finds
 * a port through its device's rx_handler_data, or the device's port list,
 * under RCU.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rculist.h>
#include <linux/slab.h>

#include "podnet.h"

static bool netif_is_podnet_port(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == podnet_handle_frame;
}

static struct podnet_port *podnet_port_of(const struct net_device *dev)
{
	return rtnl_dereference(dev->rx_handler_data);
}

struct podnet_port *podnet_port_find(struct podnet_dev *pn, int ifindex)
{
	struct podnet_port *port;

	ASSERT_RTNL();
	list_for_each_entry(port, &pn->ports, list)
		if (port->dev->ifindex == ifindex)
			return port;
	return NULL;
}

static int podnet_port_check(struct podnet_dev *pn, struct net_device *dev,
			     struct netlink_ext_ack *extack)
{
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "podnet: loopback cannot be a port");
		return -EINVAL;
	}
	if (netif_is_podnet(dev)) {
		NL_SET_ERR_MSG(extack, "podnet: a podnet device cannot be a port");
		return -ELOOP;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "podnet: only Ethernet devices can be ports");
		return -EINVAL;
	}
	if (!net_eq(dev_net(dev), dev_net(pn->dev))) {
		NL_SET_ERR_MSG(extack, "podnet: the port is in another network namespace");
		return -EXDEV;
	}
	if (netdev_master_upper_dev_get(dev) || rtnl_dereference(dev->rx_handler)) {
		NL_SET_ERR_MSG(extack, "podnet: the device already has a master or an rx handler");
		return -EBUSY;
	}
	return 0;
}

int podnet_port_add(struct podnet_dev *pn, struct net_device *dev,
		    struct netlink_ext_ack *extack)
{
	struct podnet_port *port;
	int err;

	ASSERT_RTNL();
	err = podnet_port_check(pn, dev, extack);
	if (err)
		return err;

	port = kzalloc_obj(*port, GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = dev;
	port->pn = pn;

	/* Bridge mode switches frames for every MAC behind the port. */
	err = dev_set_promiscuity(dev, 1);
	if (err)
		goto err_free;
	err = netdev_rx_handler_register(dev, podnet_handle_frame, port);
	if (err)
		goto err_promisc;
	err = netdev_master_upper_dev_link(dev, pn->dev, NULL, NULL, extack);
	if (err)
		goto err_handler;

	list_add_tail_rcu(&port->list, &pn->ports);
	pn->port_count++;
	podnet_table_changed(&pn->generation);
	netdev_info(pn->dev, "port %s added\n", dev->name);
	return 0;

err_handler:
	netdev_rx_handler_unregister(dev);
err_promisc:
	dev_set_promiscuity(dev, -1);
err_free:
	kfree(port);
	return err;
}

static void podnet_port_remove(struct podnet_port *port)
{
	struct podnet_dev *pn = port->pn;
	struct net_device *dev = port->dev;

	list_del_rcu(&port->list);
	pn->port_count--;
	netdev_upper_dev_unlink(dev, pn->dev);
	/* Waits for the data path to leave the port's rx handler. */
	netdev_rx_handler_unregister(dev);
	dev_set_promiscuity(dev, -1);
	podnet_fdb_flush(pn, port);
	podnet_endpoints_flush(pn, port);
	podnet_table_changed(&pn->generation);
	netdev_info(pn->dev, "port %s removed\n", dev->name);
	kfree_rcu(port, rcu);
}

int podnet_port_del(struct podnet_dev *pn, struct net_device *dev)
{
	struct podnet_port *port;

	ASSERT_RTNL();
	if (!netif_is_podnet_port(dev))
		return -EINVAL;
	port = podnet_port_of(dev);
	if (port->pn != pn)
		return -EINVAL;
	podnet_port_remove(port);
	return 0;
}

void podnet_ports_del_all(struct podnet_dev *pn)
{
	struct podnet_port *port, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(port, tmp, &pn->ports, list)
		podnet_port_remove(port);
}

/*
 * A port leaves when its device is unregistered or moves to another netns
 * (both send NETDEV_UNREGISTER), and so do all ports of a podnet device that
 * does either.
 */
static int podnet_port_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	if (netif_is_podnet(dev))
		podnet_ports_del_all(netdev_priv(dev));
	else if (netif_is_podnet_port(dev))
		podnet_port_remove(podnet_port_of(dev));
	return NOTIFY_DONE;
}

static struct notifier_block podnet_port_notifier = {
	.notifier_call = podnet_port_event,
};

int podnet_port_notifier_init(void)
{
	return register_netdevice_notifier(&podnet_port_notifier);
}

void podnet_port_notifier_exit(void)
{
	unregister_netdevice_notifier(&podnet_port_notifier);
}
