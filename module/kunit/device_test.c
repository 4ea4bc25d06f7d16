// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the podnet device's link attributes and setup, and a device's
 * life through register/unregister.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <net/netlink.h>

#include "../podnet.h"

/*
 * Builds an RTM_NEWLINK attribute set the way "ip link add" would: optional
 * IFLA_ADDRESS, and IFLA_LINKINFO { kind "podnet", IFLA_INFO_DATA { one
 * attribute of the given type and payload } }. Parses it into tb[] and
 * data[] the way rtnetlink hands them to ->validate().
 */
struct link_msg {
	struct sk_buff *skb;
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlattr *data[IFLA_PODNET_MAX + 1];
	bool has_data;
};

static void link_msg_build(struct kunit *test, struct link_msg *m,
			   const u8 *addr, int addr_len,
			   int type, const void *payload, int len)
{
	struct nlattr *info[IFLA_INFO_MAX + 1];
	struct nlattr *linkinfo, *data;
	int err;

	memset(m, 0, sizeof(*m));
	m->skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->skb);

	if (addr)
		KUNIT_ASSERT_EQ(test, nla_put(m->skb, IFLA_ADDRESS, addr_len, addr), 0);
	linkinfo = nla_nest_start(m->skb, IFLA_LINKINFO);
	KUNIT_ASSERT_NOT_NULL(test, linkinfo);
	KUNIT_ASSERT_EQ(test, nla_put_string(m->skb, IFLA_INFO_KIND, PODNET_LINK_KIND), 0);
	if (type >= 0) {
		data = nla_nest_start(m->skb, IFLA_INFO_DATA);
		KUNIT_ASSERT_NOT_NULL(test, data);
		KUNIT_ASSERT_EQ(test, nla_put(m->skb, type, len, payload), 0);
		nla_nest_end(m->skb, data);
	}
	nla_nest_end(m->skb, linkinfo);

	err = nla_parse_deprecated(m->tb, IFLA_MAX, (struct nlattr *)m->skb->data,
				   m->skb->len, NULL, NULL);
	KUNIT_ASSERT_EQ(test, err, 0);
	err = nla_parse_nested_deprecated(info, IFLA_INFO_MAX, m->tb[IFLA_LINKINFO],
					  NULL, NULL);
	KUNIT_ASSERT_EQ(test, err, 0);
	if (info[IFLA_INFO_DATA]) {
		/* Lenient, like rtnetlink: podnet_validate() must be strict. */
		err = nla_parse_nested_deprecated(m->data, IFLA_PODNET_MAX,
						  info[IFLA_INFO_DATA], NULL, NULL);
		KUNIT_ASSERT_EQ(test, err, 0);
		m->has_data = true;
	}
}

static int link_msg_validate(struct link_msg *m, struct netlink_ext_ack *extack)
{
	int err = podnet_validate(m->tb, m->has_data ? m->data : NULL, extack);

	kfree_skb(m->skb);
	return err;
}

static void validate_accepts_each_mode(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct link_msg m;
	u32 mode;

	for (mode = 0; mode <= PODNET_MODE_MAX; mode++) {
		link_msg_build(test, &m, NULL, 0, IFLA_PODNET_MODE, &mode, sizeof(mode));
		KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), 0);
		KUNIT_EXPECT_NULL(test, extack._msg);
	}
}

static void validate_accepts_no_data(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	struct link_msg m;

	link_msg_build(test, &m, NULL, 0, -1, NULL, 0);
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), 0);
}

static void validate_rejects_unknown_mode(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	u32 mode = PODNET_MODE_MAX + 1;
	struct link_msg m;

	link_msg_build(test, &m, NULL, 0, IFLA_PODNET_MODE, &mode, sizeof(mode));
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_STREQ(test, extack._msg,
			   "podnet: mode must be bridge (0) or routed (1)");
}

static void validate_rejects_unknown_attribute(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	u32 value = 1;
	struct link_msg m;

	link_msg_build(test, &m, NULL, 0, IFLA_PODNET_MAX + 1, &value, sizeof(value));
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_NOT_NULL(test, extack.bad_attr);
}

static void validate_rejects_wrong_size(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	u8 short_mode = 1;
	u64 long_mode = 1;
	struct link_msg m;

	link_msg_build(test, &m, NULL, 0, IFLA_PODNET_MODE, &short_mode,
		       sizeof(short_mode));
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);

	extack = (struct netlink_ext_ack){};
	link_msg_build(test, &m, NULL, 0, IFLA_PODNET_MODE, &long_mode,
		       sizeof(long_mode));
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
}

static void validate_checks_address(struct kunit *test)
{
	static const u8 good[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
	static const u8 multicast[ETH_ALEN] = { 0x01, 0, 0x5e, 0, 0, 1 };
	struct netlink_ext_ack extack = {};
	struct link_msg m;

	link_msg_build(test, &m, good, ETH_ALEN, -1, NULL, 0);
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), 0);

	link_msg_build(test, &m, good, ETH_ALEN - 1, -1, NULL, 0);
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);

	extack = (struct netlink_ext_ack){};
	link_msg_build(test, &m, multicast, ETH_ALEN, -1, NULL, 0);
	KUNIT_EXPECT_EQ(test, link_msg_validate(&m, &extack), -EADDRNOTAVAIL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
}

static struct net_device *alloc_podnet(struct kunit *test)
{
	struct net_device *dev;

	dev = alloc_netdev(sizeof(struct podnet_dev), "pntest%d",
			   NET_NAME_ENUM, podnet_setup);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	return dev;
}

static void setup_defaults(struct kunit *test)
{
	struct net_device *dev = alloc_podnet(test);

	KUNIT_EXPECT_EQ(test, dev->type, ARPHRD_ETHER);
	KUNIT_EXPECT_EQ(test, dev->mtu, ETH_DATA_LEN);
	KUNIT_EXPECT_EQ(test, dev->max_mtu, ETH_MAX_MTU);
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_RANDOM);
	KUNIT_EXPECT_TRUE(test, podnet_has_lltx(dev));
	KUNIT_EXPECT_TRUE(test, dev->priv_flags & IFF_NO_QUEUE);
	KUNIT_EXPECT_EQ(test, (int)dev->pcpu_stat_type, NETDEV_PCPU_STAT_TSTATS);
	KUNIT_EXPECT_PTR_EQ(test, dev->rtnl_link_ops, &podnet_link_ops);
	free_netdev(dev);
}

static void fill_info_round_trip(struct kunit *test)
{
	struct nlattr *tb[IFLA_PODNET_MAX + 1];
	struct net_device *dev = alloc_podnet(test);
	struct podnet_dev *pn = netdev_priv(dev);
	struct sk_buff *skb;

	pn->mode = PODNET_MODE_ROUTED;
	skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);

	KUNIT_ASSERT_EQ(test, podnet_fill_info(skb, dev), 0);
	/* get_size() must cover everything fill_info() writes. */
	KUNIT_EXPECT_LE(test, skb->len, podnet_get_size(dev));
	KUNIT_ASSERT_EQ(test, nla_parse_deprecated(tb, IFLA_PODNET_MAX,
						   (struct nlattr *)skb->data,
						   skb->len, NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[IFLA_PODNET_MODE]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[IFLA_PODNET_MODE]), PODNET_MODE_ROUTED);

	kfree_skb(skb);
	free_netdev(dev);
}

static void register_and_unregister(struct kunit *test)
{
	struct net_device *dev = alloc_podnet(test);
	struct rtnl_link_stats64 stats;
	char name[IFNAMSIZ];
	int err;

	rtnl_lock();
	err = register_netdevice(dev);
	rtnl_unlock();
	if (err)
		free_netdev(dev);
	KUNIT_ASSERT_EQ(test, err, 0);
	strscpy(name, dev->name, sizeof(name));
	KUNIT_EXPECT_PTR_EQ(test, __dev_get_by_name(&init_net, name), dev);

	/* The core allocated the per-cpu counters for us. */
	KUNIT_EXPECT_NOT_NULL(test, dev->tstats);
	dev_get_stats(dev, &stats);
	KUNIT_EXPECT_EQ(test, stats.tx_packets, 0);

	/* Frees dev: needs_free_netdev. */
	unregister_netdev(dev);
	rtnl_lock();
	KUNIT_EXPECT_NULL(test, __dev_get_by_name(&init_net, name));
	rtnl_unlock();
}

static struct kunit_case podnet_device_cases[] = {
	KUNIT_CASE(validate_accepts_each_mode),
	KUNIT_CASE(validate_accepts_no_data),
	KUNIT_CASE(validate_rejects_unknown_mode),
	KUNIT_CASE(validate_rejects_unknown_attribute),
	KUNIT_CASE(validate_rejects_wrong_size),
	KUNIT_CASE(validate_checks_address),
	KUNIT_CASE(setup_defaults),
	KUNIT_CASE(fill_info_round_trip),
	KUNIT_CASE(register_and_unregister),
	{}
};

static struct kunit_suite podnet_device_suite = {
	.name = "podnet_device",
	.test_cases = podnet_device_cases,
};

kunit_test_suites(&podnet_device_suite);
