// SPDX-License-Identifier: GPL-2.0
/*
 * The "podnet" generic netlink family: devices, ports, endpoints, FDB,
 * routes and counters. See include/uapi/linux/podnet.h for the attribute
 * tree. Changes run under RTNL, like every change to ports; dumps run under
 * RCU and flag NLM_F_DUMP_INTR when the table they walk changed meanwhile.
 */
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/rculist.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "podnet.h"

static const struct nla_policy podnet_port_policy[PODNET_PORT_A_MAX + 1] = {
	[PODNET_PORT_A_IFINDEX] = { .type = NLA_U32 },
	[PODNET_PORT_A_HAIRPIN] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy podnet_ep_policy[PODNET_EP_A_MAX + 1] = {
	[PODNET_EP_A_IPV4] = { .type = NLA_BE32 },
	[PODNET_EP_A_IPV6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[PODNET_EP_A_PORT] = { .type = NLA_U32 },
	[PODNET_EP_A_MAC] = NLA_POLICY_ETH_ADDR,
};

/* Attributes that only the kernel sends are refused on input. */
static const struct nla_policy podnet_route_policy[PODNET_ROUTE_A_MAX + 1] = {
	[PODNET_ROUTE_A_DST4] = { .type = NLA_BE32 },
	[PODNET_ROUTE_A_DST6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[PODNET_ROUTE_A_PLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[PODNET_ROUTE_A_VIA4] = { .type = NLA_BE32 },
	[PODNET_ROUTE_A_VIA6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[PODNET_ROUTE_A_ENCAP] = NLA_POLICY_MAX(NLA_U32, PODNET_ENCAP_MAX),
	[PODNET_ROUTE_A_MAC] = NLA_POLICY_ETH_ADDR,
	[PODNET_ROUTE_A_GENERATION] = { .type = NLA_REJECT },
	[PODNET_ROUTE_A_PATH] = { .type = NLA_REJECT },
};

static const struct nla_policy podnet_genl_policy[PODNET_A_MAX + 1] = {
	[PODNET_A_PAD] = { .type = NLA_REJECT },
	[PODNET_A_IFINDEX] = { .type = NLA_U32 },
	[PODNET_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[PODNET_A_MODE] = NLA_POLICY_MAX(NLA_U32, PODNET_MODE_MAX),
	[PODNET_A_AGEING_TIME] = NLA_POLICY_FULL_RANGE(NLA_U32,
						       &podnet_ageing_range),
	[PODNET_A_PORT_COUNT] = { .type = NLA_REJECT },
	[PODNET_A_ENDPOINT_COUNT] = { .type = NLA_REJECT },
	[PODNET_A_FDB_COUNT] = { .type = NLA_REJECT },
	[PODNET_A_PORT] = NLA_POLICY_NESTED(podnet_port_policy),
	[PODNET_A_ENDPOINT] = NLA_POLICY_NESTED(podnet_ep_policy),
	[PODNET_A_FDB] = { .type = NLA_REJECT },
	[PODNET_A_STATS] = { .type = NLA_REJECT },
	/* ENCAP, CROSS_SUBNET, VNI, VXLAN_PORT, LOCAL4, LOCAL6, UNDERLAY,
	 * ROUTES_MAX: as the link attributes.
	 */
	PODNET_CFG_POLICY(PODNET_A_),
	[PODNET_A_ROUTE_COUNT] = { .type = NLA_REJECT },
	[PODNET_A_ROUTE] = NLA_POLICY_NESTED(podnet_route_policy),
	[PODNET_A_GENERATION] = { .type = NLA_U32 },
};

static struct genl_family podnet_genl_family;

enum podnet_genl_mcgrp {
	PODNET_MCGRP_EVENTS,
};

static const struct genl_multicast_group podnet_genl_mcgrps[] = {
	[PODNET_MCGRP_EVENTS] = { .name = PODNET_GENL_MCGRP_EVENTS },
};

/*
 * The podnet device a request names, in the requester's netns. The caller
 * holds RTNL or rcu_read_lock() for as long as it uses the result.
 */
static struct podnet_dev *podnet_genl_dev(struct net *net, struct nlattr **attrs,
					  struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;

	if (!attrs[PODNET_A_IFINDEX] && !attrs[PODNET_A_IFNAME]) {
		NL_SET_ERR_MSG(extack, "podnet: no device named in the request");
		return ERR_PTR(-EINVAL);
	}
	rcu_read_lock();
	if (attrs[PODNET_A_IFINDEX])
		dev = dev_get_by_index_rcu(net, nla_get_u32(attrs[PODNET_A_IFINDEX]));
	else
		dev = dev_get_by_name_rcu(net, nla_data(attrs[PODNET_A_IFNAME]));
	rcu_read_unlock();
	if (!dev) {
		NL_SET_ERR_MSG(extack, "podnet: no such device");
		return ERR_PTR(-ENODEV);
	}
	if (!netif_is_podnet(dev)) {
		NL_SET_ERR_MSG(extack, "podnet: not a podnet device");
		return ERR_PTR(-EMEDIUMTYPE);
	}
	return netdev_priv(dev);
}

static int podnet_fill_dev(struct sk_buff *skb, struct podnet_dev *pn)
{
	if (nla_put_u32(skb, PODNET_A_IFINDEX, pn->dev->ifindex) ||
	    nla_put_string(skb, PODNET_A_IFNAME, pn->dev->name) ||
	    nla_put_u32(skb, PODNET_A_MODE, READ_ONCE(pn->mode)) ||
	    nla_put_u32(skb, PODNET_A_AGEING_TIME, READ_ONCE(pn->ageing_time)) ||
	    nla_put_u32(skb, PODNET_A_PORT_COUNT, READ_ONCE(pn->port_count)) ||
	    nla_put_u32(skb, PODNET_A_ENDPOINT_COUNT,
			READ_ONCE(pn->endpoints.count)) ||
	    nla_put_u32(skb, PODNET_A_FDB_COUNT, atomic_read(&pn->fdb.count)) ||
	    nla_put_u32(skb, PODNET_A_ROUTE_COUNT, READ_ONCE(pn->routes.count)))
		return -EMSGSIZE;
	return podnet_fill_cfg(skb, pn, PODNET_A_ENCAP);
}

static int podnet_fill_endpoint(struct sk_buff *skb,
				const struct podnet_endpoint *ep)
{
	struct podnet_port *port = rcu_dereference_rtnl(ep->port);
	u64 mac = READ_ONCE(ep->mac);
	struct nlattr *nest;
	u8 addr[ETH_ALEN];

	nest = nla_nest_start(skb, PODNET_A_ENDPOINT);
	if (!nest)
		return -EMSGSIZE;
	if (ep->key.family == AF_INET ?
	    nla_put_in_addr(skb, PODNET_EP_A_IPV4, ep->key.v4) :
	    nla_put_in6_addr(skb, PODNET_EP_A_IPV6, &ep->key.v6))
		goto cancel;
	if (port && nla_put_u32(skb, PODNET_EP_A_PORT, port->dev->ifindex))
		goto cancel;
	if (mac) {
		u64_to_ether_addr(mac, addr);
		if (nla_put(skb, PODNET_EP_A_MAC, ETH_ALEN, addr))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Announces a change to the podnet device's netns. RTNL held. */
static void podnet_genl_notify(struct podnet_dev *pn, u8 cmd,
			       const struct podnet_endpoint *ep)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &podnet_genl_family, 0, cmd);
	if (!hdr)
		goto err;
	if (ep)
		err = nla_put_u32(skb, PODNET_A_IFINDEX, pn->dev->ifindex) ?:
		      podnet_fill_endpoint(skb, ep);
	else
		err = podnet_fill_dev(skb, pn);
	if (err)
		goto err;
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&podnet_genl_family, dev_net(pn->dev), skb, 0,
				PODNET_MCGRP_EVENTS, GFP_KERNEL);
	return;
err:
	nlmsg_free(skb);
}

static int podnet_dev_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct podnet_dev *pn;
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &podnet_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err;
	}
	rcu_read_lock();
	pn = podnet_genl_dev(genl_info_net(info), info->attrs, info->extack);
	err = IS_ERR(pn) ? PTR_ERR(pn) : podnet_fill_dev(msg, pn);
	rcu_read_unlock();
	if (err)
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return err;
}

static int podnet_dev_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	long idx = 0;
	void *hdr;

	rcu_read_lock();
	for_each_netdev_rcu(net, dev) {
		if (!netif_is_podnet(dev) || idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &podnet_genl_family,
				  NLM_F_MULTI, PODNET_CMD_DEV_GET);
		if (!hdr)
			break;
		if (podnet_fill_dev(skb, netdev_priv(dev))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
	rcu_read_unlock();
	return skb->len;
}

static int podnet_dev_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;
	struct podnet_dev *pn;
	int err = 0;

	rtnl_lock();
	pn = podnet_genl_dev(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto out;
	}
	/* Encapsulation and the route limit: checked, then applied at once. */
	err = podnet_configure(pn, &attrs[PODNET_A_ENCAP], info->extack);
	if (err)
		goto out;
	if (attrs[PODNET_A_MODE]) {
		err = podnet_set_mode(pn, nla_get_u32(attrs[PODNET_A_MODE]),
				      info->extack);
		if (err)
			goto out;
	}
	if (attrs[PODNET_A_AGEING_TIME])
		podnet_set_ageing(pn, nla_get_u32(attrs[PODNET_A_AGEING_TIME]));
	podnet_genl_notify(pn, PODNET_CMD_DEV_SET, NULL);
out:
	rtnl_unlock();
	return err;
}

/* The port of @pn whose ifindex @attr holds. RTNL held. */
static struct podnet_port *podnet_genl_port(struct podnet_dev *pn,
					    const struct nlattr *attr,
					    struct netlink_ext_ack *extack)
{
	struct podnet_port *port = podnet_port_find(pn, nla_get_u32(attr));

	if (!port) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "podnet: not a port of this device");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

/* Parses the request's nest @type, which must be there, into @tb. */
static int podnet_genl_nest(struct genl_info *info, int type, int maxtype,
			    const struct nla_policy *policy, struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, type))
		return -EINVAL;
	return nla_parse_nested(tb, maxtype, info->attrs[type], policy,
				info->extack);
}

static int podnet_port_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[PODNET_PORT_A_MAX + 1];
	struct nlattr **attrs = info->attrs;
	struct podnet_port *port;
	struct podnet_dev *pn;
	int err;

	err = podnet_genl_nest(info, PODNET_A_PORT, PODNET_PORT_A_MAX,
			       podnet_port_policy, tb);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, attrs[PODNET_A_PORT], tb,
			      PODNET_PORT_A_IFINDEX)) {
		NL_SET_ERR_MSG(info->extack, "podnet: no port named in the request");
		return -EINVAL;
	}

	rtnl_lock();
	pn = podnet_genl_dev(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto out;
	}
	port = podnet_genl_port(pn, tb[PODNET_PORT_A_IFINDEX], info->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	if (tb[PODNET_PORT_A_HAIRPIN])
		WRITE_ONCE(port->hairpin, nla_get_u8(tb[PODNET_PORT_A_HAIRPIN]));
out:
	rtnl_unlock();
	return err;
}

/*
 * Dumps of one device's table keep in cb->args: [0] the device's ifindex,
 * [1] how many entries were sent.
 */
static struct podnet_dev *podnet_dump_dev(struct sk_buff *skb,
					  struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct net_device *dev;
	struct podnet_dev *pn;

	if (!cb->args[0]) {
		pn = podnet_genl_dev(net, podnet_dump_attrs(cb), cb->extack);
		if (IS_ERR(pn))
			return pn;
		cb->args[0] = pn->dev->ifindex;
		return pn;
	}
	dev = dev_get_by_index_rcu(net, cb->args[0]);
	if (!dev || !netif_is_podnet(dev))
		return ERR_PTR(-ENODEV);
	return netdev_priv(dev);
}

static void *podnet_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
			     u8 cmd, atomic_t *generation)
{
	void *hdr;

	/* Zero means "first message" to the consistency check. */
	cb->seq = atomic_read(generation) ?: 1;
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &podnet_genl_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

struct podnet_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct podnet_dev *pn;
	u8 cmd;
};

static int podnet_dump_endpoint(void *obj, void *arg)
{
	struct podnet_dump *d = arg;
	void *hdr;

	hdr = podnet_dump_put(d->skb, d->cb, d->cmd, &d->pn->endpoints.generation);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(d->skb, PODNET_A_IFINDEX, d->pn->dev->ifindex) ||
	    podnet_fill_endpoint(d->skb, obj)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	return 0;
}

static int podnet_fill_fdb(struct sk_buff *skb, const u8 *addr, int ifindex,
			   u32 flags, const struct podnet_fdb_entry *e)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, PODNET_A_FDB);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, PODNET_FDB_A_MAC, ETH_ALEN, addr) ||
	    nla_put_u32(skb, PODNET_FDB_A_PORT, ifindex) ||
	    nla_put_u32(skb, PODNET_FDB_A_FLAGS, flags) ||
	    (e && nla_put_u32(skb, PODNET_FDB_A_AGE, podnet_fdb_age_ms(e)))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int podnet_dump_fdb_entry(void *obj, void *arg)
{
	const struct podnet_fdb_entry *e = obj;
	struct podnet_dump *d = arg;
	struct podnet_port *port;
	void *hdr;

	port = rcu_dereference(e->port);
	/* Its port is being removed, and the entry with it. */
	if (!port)
		return 0;
	hdr = podnet_dump_put(d->skb, d->cb, d->cmd, &d->pn->fdb.generation);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(d->skb, PODNET_A_IFINDEX, d->pn->dev->ifindex) ||
	    podnet_fill_fdb(d->skb, e->addr, port->dev->ifindex, 0, e)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	return 0;
}

/* The device's own address, first in every FDB dump. */
static int podnet_dump_fdb_local(struct podnet_dump *d)
{
	struct podnet_dev *pn = d->pn;
	void *hdr;

	hdr = podnet_dump_put(d->skb, d->cb, d->cmd, &pn->fdb.generation);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(d->skb, PODNET_A_IFINDEX, pn->dev->ifindex) ||
	    podnet_fill_fdb(d->skb, pn->dev->dev_addr, pn->dev->ifindex,
			    PODNET_FDB_F_LOCAL, NULL)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	return 0;
}

static int podnet_table_dumpit(struct sk_buff *skb, struct netlink_callback *cb,
			       u8 cmd)
{
	struct podnet_dump d = { .skb = skb, .cb = cb, .cmd = cmd };
	int err = 0;

	rcu_read_lock();
	d.pn = podnet_dump_dev(skb, cb);
	if (IS_ERR(d.pn)) {
		err = PTR_ERR(d.pn);
		goto out;
	}
	if (cmd == PODNET_CMD_ENDPOINT_GET) {
		cb->args[1] += podnet_table_walk(&d.pn->endpoints.table, cb->args[1],
						 podnet_dump_endpoint, &d);
	} else {
		if (!cb->args[1]) {
			if (podnet_dump_fdb_local(&d))
				goto out;
			cb->args[1] = 1;
		}
		cb->args[1] += podnet_table_walk(&d.pn->fdb.table, cb->args[1] - 1,
						 podnet_dump_fdb_entry, &d);
	}
out:
	rcu_read_unlock();
	return err ?: skb->len;
}

static int podnet_endpoint_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb)
{
	return podnet_table_dumpit(skb, cb, PODNET_CMD_ENDPOINT_GET);
}

static int podnet_fdb_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb)
{
	return podnet_table_dumpit(skb, cb, PODNET_CMD_FDB_GET);
}

static int podnet_fill_port(struct sk_buff *skb, struct podnet_dev *pn,
			    struct podnet_port *port)
{
	struct nlattr *nest;

	if (nla_put_u32(skb, PODNET_A_IFINDEX, pn->dev->ifindex))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, PODNET_A_PORT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, PODNET_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_u8(skb, PODNET_PORT_A_HAIRPIN, READ_ONCE(port->hairpin))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int podnet_port_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb)
{
	struct podnet_port *port;
	struct podnet_dev *pn;
	long idx = 0;
	int err = 0;
	void *hdr;

	rcu_read_lock();
	pn = podnet_dump_dev(skb, cb);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto out;
	}
	list_for_each_entry_rcu(port, &pn->ports, list) {
		if (idx++ < cb->args[1])
			continue;
		hdr = podnet_dump_put(skb, cb, PODNET_CMD_PORT_GET, &pn->generation);
		if (!hdr)
			break;
		if (podnet_fill_port(skb, pn, port)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[1] = idx;
	}
out:
	rcu_read_unlock();
	return err ?: skb->len;
}

/* Parses PODNET_A_ENDPOINT's address into @key. */
static int podnet_genl_ep_key(struct genl_info *info, struct nlattr **tb,
			      struct podnet_addr *key)
{
	memset(key, 0, sizeof(*key));
	if (!!tb[PODNET_EP_A_IPV4] == !!tb[PODNET_EP_A_IPV6]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[PODNET_A_ENDPOINT],
				    "podnet: an endpoint has exactly one address, IPv4 or IPv6");
		return -EINVAL;
	}
	if (tb[PODNET_EP_A_IPV4]) {
		key->family = AF_INET;
		key->v4 = nla_get_in_addr(tb[PODNET_EP_A_IPV4]);
		if (ipv4_is_zeronet(key->v4) || ipv4_is_multicast(key->v4) ||
		    ipv4_is_lbcast(key->v4)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[PODNET_EP_A_IPV4],
					    "podnet: not a unicast address");
			return -EINVAL;
		}
	} else {
		key->family = AF_INET6;
		key->v6 = nla_get_in6_addr(tb[PODNET_EP_A_IPV6]);
		if (ipv6_addr_any(&key->v6) || ipv6_addr_is_multicast(&key->v6)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[PODNET_EP_A_IPV6],
					    "podnet: not a unicast address");
			return -EINVAL;
		}
	}
	return 0;
}

static int podnet_endpoint_change(struct genl_info *info, bool add)
{
	struct nlattr *tb[PODNET_EP_A_MAX + 1];
	struct nlattr **attrs = info->attrs;
	struct podnet_addr key;
	struct podnet_endpoint *ep;
	struct podnet_port *port;
	struct podnet_dev *pn;
	int err;

	err = podnet_genl_nest(info, PODNET_A_ENDPOINT, PODNET_EP_A_MAX,
			       podnet_ep_policy, tb);
	if (err)
		return err;
	err = podnet_genl_ep_key(info, tb, &key);
	if (err)
		return err;
	if (add && NL_REQ_ATTR_CHECK(info->extack, attrs[PODNET_A_ENDPOINT], tb,
				     PODNET_EP_A_PORT)) {
		NL_SET_ERR_MSG(info->extack, "podnet: an endpoint needs a port");
		return -EINVAL;
	}

	rtnl_lock();
	pn = podnet_genl_dev(genl_info_net(info), attrs, info->extack);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto out;
	}
	if (!add) {
		ep = podnet_endpoint_lookup(pn, &key);
		if (!ep) {
			NL_SET_ERR_MSG(info->extack, "podnet: no endpoint with that address");
			err = -ENOENT;
			goto out;
		}
		podnet_genl_notify(pn, PODNET_CMD_ENDPOINT_DEL, ep);
		err = podnet_endpoint_del(pn, &key);
		goto out;
	}
	port = podnet_genl_port(pn, tb[PODNET_EP_A_PORT], info->extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}
	err = podnet_endpoint_add(pn, &key, port,
				  tb[PODNET_EP_A_MAC] ? nla_data(tb[PODNET_EP_A_MAC]) : NULL,
				  info->nlhdr->nlmsg_flags & NLM_F_REPLACE,
				  info->extack);
	if (!err)
		podnet_genl_notify(pn, PODNET_CMD_ENDPOINT_ADD,
				   podnet_endpoint_lookup(pn, &key));
out:
	rtnl_unlock();
	return err;
}

static int podnet_endpoint_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return podnet_endpoint_change(info, true);
}

static int podnet_endpoint_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return podnet_endpoint_change(info, false);
}

/* What a PODNET_A_ROUTE nest must hold, by command. */
enum podnet_route_req {
	PODNET_ROUTE_REQ_ADD,		/* DST, PLEN, VIA, [ENCAP], [MAC] */
	PODNET_ROUTE_REQ_DEL,		/* DST, PLEN */
	PODNET_ROUTE_REQ_GET,		/* DST, [PLEN] */
};

/* Are @p's bits past its length zero? */
static bool podnet_prefix_masked(const struct podnet_prefix *p)
{
	struct in6_addr masked;

	if (p->family == AF_INET)
		return !(p->v4 & ~inet_make_mask(p->plen));
	ipv6_addr_prefix(&masked, &p->v6, p->plen);
	return ipv6_addr_equal(&masked, &p->v6);
}

/*
 * Parses the route nest @nest into @cfg (zeroed first). For GET, *@has_plen
 * says whether a prefix length was given (exact match) or not (longest
 * match of the address).
 */
static int podnet_genl_route(const struct nlattr *nest, enum podnet_route_req req,
			     struct podnet_route_cfg *cfg, bool *has_plen,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[PODNET_ROUTE_A_MAX + 1] = {};
	struct podnet_prefix *p = &cfg->prefix;
	struct nlattr *dst, *a;
	int rem;

	/*
	 * The genl core has validated every PODNET_A_ROUTE of the request
	 * against podnet_route_policy, strictly: only sort the attributes
	 * (a batch has thousands of routes).
	 */
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) <= PODNET_ROUTE_A_MAX)
			tb[nla_type(a)] = a;
	memset(cfg, 0, sizeof(*cfg));
	if (!!tb[PODNET_ROUTE_A_DST4] == !!tb[PODNET_ROUTE_A_DST6]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "podnet: a route has one destination, DST4 or DST6");
		return -EINVAL;
	}
	if (tb[PODNET_ROUTE_A_DST4]) {
		dst = tb[PODNET_ROUTE_A_DST4];
		p->family = AF_INET;
		p->v4 = nla_get_in_addr(dst);
	} else {
		dst = tb[PODNET_ROUTE_A_DST6];
		p->family = AF_INET6;
		p->v6 = nla_get_in6_addr(dst);
	}

	if (has_plen)
		*has_plen = !!tb[PODNET_ROUTE_A_PLEN];
	if (tb[PODNET_ROUTE_A_PLEN]) {
		p->plen = nla_get_u8(tb[PODNET_ROUTE_A_PLEN]);
		if (p->family == AF_INET && p->plen > 32) {
			NL_SET_ERR_MSG_ATTR(extack, tb[PODNET_ROUTE_A_PLEN],
					    "podnet: IPv4 prefix length is at most 32");
			return -EINVAL;
		}
		if (!podnet_prefix_masked(p)) {
			NL_SET_ERR_MSG_ATTR(extack, dst,
					    "podnet: prefix has host bits set");
			return -EINVAL;
		}
	} else if (req != PODNET_ROUTE_REQ_GET) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "podnet: a route needs a prefix length (PLEN)");
		return -EINVAL;
	}
	if (req != PODNET_ROUTE_REQ_ADD)
		return 0;

	if (!!tb[PODNET_ROUTE_A_VIA4] == !!tb[PODNET_ROUTE_A_VIA6]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "podnet: a route has one next hop, VIA4 or VIA6");
		return -EINVAL;
	}
	if (tb[PODNET_ROUTE_A_VIA4]) {
		cfg->via.family = AF_INET;
		cfg->via.v4 = nla_get_in_addr(tb[PODNET_ROUTE_A_VIA4]);
	} else {
		cfg->via.family = AF_INET6;
		cfg->via.v6 = nla_get_in6_addr(tb[PODNET_ROUTE_A_VIA6]);
	}
	if (tb[PODNET_ROUTE_A_ENCAP])
		cfg->encap = nla_get_u32(tb[PODNET_ROUTE_A_ENCAP]);
	if (tb[PODNET_ROUTE_A_MAC])
		memcpy(cfg->mac, nla_data(tb[PODNET_ROUTE_A_MAC]), ETH_ALEN);
	return 0;
}

/*
 * A route of a batch failed: the extended ack points at its nest (or
 * something inside), keeping the message that says why.
 */
static void podnet_genl_route_failed(struct netlink_ext_ack *extack,
				     const struct nlattr *nest)
{
	if (!extack)
		return;
	if (!extack->_msg)
		NL_SET_ERR_MSG_ATTR(extack, nest, "podnet: route not applied");
	else if (!extack->bad_attr)
		NL_SET_BAD_ATTR(extack, nest);
}

/*
 * ROUTE_ADD and ROUTE_DEL take a batch: every PODNET_A_ROUTE of the
 * message, applied in order under one RTNL hold, up to the first error.
 */
static int podnet_route_change(struct genl_info *info,
			       enum podnet_route_req req)
{
	bool replace = info->nlhdr->nlmsg_flags & NLM_F_REPLACE;
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct podnet_route_cfg cfg;
	struct podnet_dev *pn;
	struct nlattr *attr;
	u32 generation = 0;
	int rem, err = 0;

	if (GENL_REQ_ATTR_CHECK(info, PODNET_A_ROUTE)) {
		NL_SET_ERR_MSG(info->extack, "podnet: no route in the request");
		return -EINVAL;
	}
	if (attrs[PODNET_A_GENERATION])
		generation = nla_get_u32(attrs[PODNET_A_GENERATION]);

	rtnl_lock();
	pn = podnet_genl_dev(genl_info_net(info), attrs, extack);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto out;
	}
	nla_for_each_attr(attr, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem) {
		if (nla_type(attr) != PODNET_A_ROUTE)
			continue;
		err = podnet_genl_route(attr, req, &cfg, NULL, extack);
		if (err)
			break;
		if (req == PODNET_ROUTE_REQ_ADD) {
			err = podnet_route_add(pn, &cfg, replace, generation,
					       extack);
		} else {
			err = podnet_route_del(pn, &cfg.prefix);
			if (err == -ENOENT)
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "podnet: no route for that prefix");
		}
		if (err)
			break;
	}
	if (err)
		podnet_genl_route_failed(extack, attr);
out:
	rtnl_unlock();
	return err;
}

static int podnet_route_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	return podnet_route_change(info, PODNET_ROUTE_REQ_ADD);
}

static int podnet_route_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	return podnet_route_change(info, PODNET_ROUTE_REQ_DEL);
}

/* Puts @rt as a PODNET_A_ROUTE nest; with its PATH unless @path < 0. */
static int podnet_fill_route(struct sk_buff *skb, const struct podnet_route *rt,
			     int path)
{
	const struct podnet_addr *via = &rt->nh->addr;
	struct nlattr *nest;

	nest = nla_nest_start(skb, PODNET_A_ROUTE);
	if (!nest)
		return -EMSGSIZE;
	if ((rt->key.family == AF_INET ?
	     nla_put_in_addr(skb, PODNET_ROUTE_A_DST4, rt->key.v4) :
	     nla_put_in6_addr(skb, PODNET_ROUTE_A_DST6, &rt->key.v6)) ||
	    nla_put_u8(skb, PODNET_ROUTE_A_PLEN, rt->key.plen) ||
	    (via->family == AF_INET ?
	     nla_put_in_addr(skb, PODNET_ROUTE_A_VIA4, via->v4) :
	     nla_put_in6_addr(skb, PODNET_ROUTE_A_VIA6, &via->v6)) ||
	    nla_put_u32(skb, PODNET_ROUTE_A_ENCAP, rt->encap) ||
	    (!is_zero_ether_addr(rt->mac) &&
	     nla_put(skb, PODNET_ROUTE_A_MAC, ETH_ALEN, rt->mac)) ||
	    nla_put_u32(skb, PODNET_ROUTE_A_GENERATION,
			READ_ONCE(rt->generation)) ||
	    (path >= 0 && nla_put_u32(skb, PODNET_ROUTE_A_PATH, path))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int podnet_route_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct podnet_route_cfg cfg;
	struct podnet_route *rt;
	struct podnet_addr addr;
	struct podnet_dev *pn;
	struct sk_buff *msg;
	bool exact;
	int err, path;
	void *hdr;

	if (GENL_REQ_ATTR_CHECK(info, PODNET_A_ROUTE)) {
		NL_SET_ERR_MSG(info->extack, "podnet: no route in the request");
		return -EINVAL;
	}
	err = podnet_genl_route(info->attrs[PODNET_A_ROUTE], PODNET_ROUTE_REQ_GET,
				&cfg, &exact, extack);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &podnet_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err;
	}
	rcu_read_lock();
	pn = podnet_genl_dev(genl_info_net(info), info->attrs, extack);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto unlock;
	}
	if (exact) {
		rt = podnet_route_find(pn, &cfg.prefix);
	} else {
		memset(&addr, 0, sizeof(addr));
		addr.family = cfg.prefix.family;
		addr.v6 = cfg.prefix.v6;
		rt = podnet_route_lookup(pn, &addr);
	}
	if (!rt) {
		if (exact)
			NL_SET_ERR_MSG_ATTR(extack, info->attrs[PODNET_A_ROUTE],
					    "podnet: no route for that prefix");
		else
			NL_SET_ERR_MSG_ATTR(extack, info->attrs[PODNET_A_ROUTE],
					    "podnet: no route to that address");
		err = -ENOENT;
		goto unlock;
	}
	/* As the data path would take it: its caches are per cpu, for BH. */
	local_bh_disable();
	path = podnet_route_path(pn, rt);
	local_bh_enable();
	err = nla_put_u32(msg, PODNET_A_IFINDEX, pn->dev->ifindex) ?:
	      podnet_fill_route(msg, rt, path);
unlock:
	rcu_read_unlock();
	if (err)
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return err;
}

static int podnet_dump_route(const struct podnet_route *rt, void *arg)
{
	return podnet_fill_route(arg, rt, -1);
}

/*
 * Route dumps put as many routes in a message as fit. cb->args: [0] the
 * device, [1..3] the walk's position (struct podnet_route_pos), [4] flags.
 */
#define PODNET_DUMP_F_MOVED	BIT(0)
#define PODNET_DUMP_F_DONE	BIT(1)

static int podnet_route_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	struct podnet_route_pos pos;
	struct podnet_dev *pn;
	unsigned int len;
	int err = 0, more;
	void *hdr;

	rcu_read_lock();
	pn = podnet_dump_dev(skb, cb);
	if (IS_ERR(pn)) {
		err = PTR_ERR(pn);
		goto out;
	}
	if (cb->args[4] & PODNET_DUMP_F_DONE)
		goto out;
	pos.tbl = cb->args[1];
	pos.bucket = cb->args[2];
	pos.skip = cb->args[3];
	pos.moved = cb->args[4] & PODNET_DUMP_F_MOVED;

	hdr = podnet_dump_put(skb, cb, PODNET_CMD_ROUTE_GET,
			      &pn->routes.generation);
	if (!hdr) {
		err = -EMSGSIZE;
		goto out;
	}
	if (nla_put_u32(skb, PODNET_A_IFINDEX, pn->dev->ifindex)) {
		genlmsg_cancel(skb, hdr);
		err = -EMSGSIZE;
		goto out;
	}
	len = skb->len;
	more = podnet_routes_walk(pn, &pos, podnet_dump_route, skb);
	cb->args[1] = pos.tbl;
	cb->args[2] = pos.bucket;
	cb->args[3] = pos.skip;
	if (!more)
		cb->args[4] |= PODNET_DUMP_F_DONE;
	if (pos.moved) {
		/* A resize may have hidden or repeated routes. */
		cb->args[4] |= PODNET_DUMP_F_MOVED;
		genlmsg_nlhdr(hdr)->nlmsg_flags |= NLM_F_DUMP_INTR;
	}
	if (skb->len == len) {
		/* Nothing (more) to send: the table is empty, or done. */
		genlmsg_cancel(skb, hdr);
		goto out;
	}
	genlmsg_end(skb, hdr);
out:
	rcu_read_unlock();
	return err ?: skb->len;
}

static int podnet_route_flush_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *gen = info->attrs[PODNET_A_GENERATION];
	struct podnet_dev *pn;
	int err = 0;

	rtnl_lock();
	pn = podnet_genl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(pn))
		err = PTR_ERR(pn);
	else
		podnet_routes_flush(pn, !gen, gen ? nla_get_u32(gen) : 0);
	rtnl_unlock();
	return err;
}

static const u16 podnet_stat_attr[PODNET_STAT_COUNT] = {
	[PODNET_STAT_RX_PACKETS] = PODNET_STATS_A_RX_PACKETS,
	[PODNET_STAT_RX_BYTES] = PODNET_STATS_A_RX_BYTES,
	[PODNET_STAT_TX_PACKETS] = PODNET_STATS_A_TX_PACKETS,
	[PODNET_STAT_TX_BYTES] = PODNET_STATS_A_TX_BYTES,
	[PODNET_STAT_FORWARDED] = PODNET_STATS_A_FORWARDED,
	[PODNET_STAT_FLOODED] = PODNET_STATS_A_FLOODED,
	[PODNET_STAT_TO_HOST] = PODNET_STATS_A_TO_HOST,
	[PODNET_STAT_FDB_LEARNED] = PODNET_STATS_A_FDB_LEARNED,
	[PODNET_STAT_ARP_REPLIES] = PODNET_STATS_A_ARP_REPLIES,
	[PODNET_STAT_ND_REPLIES] = PODNET_STATS_A_ND_REPLIES,
	[PODNET_STAT_DROP_NO_ENDPOINT] = PODNET_STATS_A_DROP_NO_ENDPOINT,
	[PODNET_STAT_DROP_HAIRPIN] = PODNET_STATS_A_DROP_HAIRPIN,
	[PODNET_STAT_DROP_SPOOF] = PODNET_STATS_A_DROP_SPOOF,
	[PODNET_STAT_DROP_OTHER] = PODNET_STATS_A_DROP_OTHER,
	[PODNET_STAT_TX_DIRECT] = PODNET_STATS_A_TX_DIRECT,
	[PODNET_STAT_TX_VXLAN] = PODNET_STATS_A_TX_VXLAN,
	[PODNET_STAT_TX_IPIP] = PODNET_STATS_A_TX_IPIP,
	[PODNET_STAT_RX_VXLAN] = PODNET_STATS_A_RX_VXLAN,
	[PODNET_STAT_RX_IPIP] = PODNET_STATS_A_RX_IPIP,
	[PODNET_STAT_DROP_NO_ROUTE] = PODNET_STATS_A_DROP_NO_ROUTE,
	[PODNET_STAT_DROP_UNDERLAY] = PODNET_STATS_A_DROP_UNDERLAY,
	[PODNET_STAT_DROP_DECAP_SOURCE] = PODNET_STATS_A_DROP_DECAP_SOURCE,
	[PODNET_STAT_DROP_VNI] = PODNET_STATS_A_DROP_VNI,
	[PODNET_STAT_DROP_MALFORMED] = PODNET_STATS_A_DROP_MALFORMED,
};

/* Every counter has its attribute. */
static_assert(PODNET_STATS_A_MAX - PODNET_STATS_A_RX_PACKETS + 1 ==
	      PODNET_STAT_COUNT);

static int podnet_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	u64 sum[PODNET_STAT_COUNT];
	struct podnet_dev *pn;
	struct sk_buff *msg;
	struct nlattr *nest;
	int err, i;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	err = -EMSGSIZE;
	hdr = genlmsg_put_reply(msg, info, &podnet_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr)
		goto err;
	rcu_read_lock();
	pn = podnet_genl_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(pn)) {
		rcu_read_unlock();
		err = PTR_ERR(pn);
		goto err;
	}
	podnet_stats_read(pn, sum);
	err = nla_put_u32(msg, PODNET_A_IFINDEX, pn->dev->ifindex);
	rcu_read_unlock();
	if (err)
		goto err;
	nest = nla_nest_start(msg, PODNET_A_STATS);
	if (!nest)
		goto err;
	for (i = 0; i < PODNET_STAT_COUNT; i++) {
		err = nla_put_u64_64bit(msg, podnet_stat_attr[i], sum[i],
					PODNET_STATS_A_PAD);
		if (err)
			goto err;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return err;
}

static const struct genl_small_ops podnet_genl_ops[] = {
	{
		.cmd = PODNET_CMD_DEV_GET,
		.doit = podnet_dev_get_doit,
		.dumpit = podnet_dev_get_dumpit,
	}, {
		.cmd = PODNET_CMD_DEV_SET,
		.doit = podnet_dev_set_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = PODNET_CMD_PORT_GET,
		.dumpit = podnet_port_get_dumpit,
	}, {
		.cmd = PODNET_CMD_PORT_SET,
		.doit = podnet_port_set_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = PODNET_CMD_ENDPOINT_ADD,
		.doit = podnet_endpoint_add_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = PODNET_CMD_ENDPOINT_DEL,
		.doit = podnet_endpoint_del_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = PODNET_CMD_ENDPOINT_GET,
		.dumpit = podnet_endpoint_get_dumpit,
	}, {
		.cmd = PODNET_CMD_FDB_GET,
		.dumpit = podnet_fdb_get_dumpit,
	}, {
		.cmd = PODNET_CMD_STATS_GET,
		.doit = podnet_stats_get_doit,
	}, {
		.cmd = PODNET_CMD_ROUTE_ADD,
		.doit = podnet_route_add_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = PODNET_CMD_ROUTE_DEL,
		.doit = podnet_route_del_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = PODNET_CMD_ROUTE_GET,
		.doit = podnet_route_get_doit,
		.dumpit = podnet_route_get_dumpit,
	}, {
		.cmd = PODNET_CMD_ROUTE_FLUSH,
		.doit = podnet_route_flush_doit,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family podnet_genl_family __ro_after_init = {
	.name = PODNET_GENL_NAME,
	.version = PODNET_GENL_VERSION,
	.maxattr = PODNET_A_MAX,
	.policy = podnet_genl_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = podnet_genl_ops,
	.n_small_ops = ARRAY_SIZE(podnet_genl_ops),
	/* Strict validation for every command. */
	.resv_start_op = PODNET_CMD_MAX + 1,
	.mcgrps = podnet_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(podnet_genl_mcgrps),
};

int __init podnet_genl_init(void)
{
	return genl_register_family(&podnet_genl_family);
}

void podnet_genl_exit(void)
{
	genl_unregister_family(&podnet_genl_family);
}
