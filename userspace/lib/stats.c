// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/msg.h>

#include "collect.h"
#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

static const char *const stats_names[] = {
	[PODNET_STATS_A_RX_PACKETS] = "rx_packets",
	[PODNET_STATS_A_RX_BYTES] = "rx_bytes",
	[PODNET_STATS_A_TX_PACKETS] = "tx_packets",
	[PODNET_STATS_A_TX_BYTES] = "tx_bytes",
	[PODNET_STATS_A_FORWARDED] = "forwarded",
	[PODNET_STATS_A_FLOODED] = "flooded",
	[PODNET_STATS_A_TO_HOST] = "to_host",
	[PODNET_STATS_A_FDB_LEARNED] = "fdb_learned",
	[PODNET_STATS_A_ARP_REPLIES] = "arp_replies",
	[PODNET_STATS_A_ND_REPLIES] = "nd_replies",
	[PODNET_STATS_A_DROP_NO_ENDPOINT] = "drop_no_endpoint",
	[PODNET_STATS_A_DROP_HAIRPIN] = "drop_hairpin",
	[PODNET_STATS_A_DROP_SPOOF] = "drop_spoof",
	[PODNET_STATS_A_DROP_OTHER] = "drop_other",
	[PODNET_STATS_A_TX_DIRECT] = "tx_direct",
	[PODNET_STATS_A_TX_VXLAN] = "tx_vxlan",
	[PODNET_STATS_A_TX_IPIP] = "tx_ipip",
	[PODNET_STATS_A_RX_VXLAN] = "rx_vxlan",
	[PODNET_STATS_A_RX_IPIP] = "rx_ipip",
	[PODNET_STATS_A_DROP_NO_ROUTE] = "drop_no_route",
	[PODNET_STATS_A_DROP_UNDERLAY] = "drop_underlay",
	[PODNET_STATS_A_DROP_DECAP_SOURCE] = "drop_decap_source",
	[PODNET_STATS_A_DROP_VNI] = "drop_vni",
	[PODNET_STATS_A_DROP_MALFORMED] = "drop_malformed",
};

/* A counter added last is caught here; one added between, by test_names. */
_Static_assert(sizeof(stats_names) / sizeof(stats_names[0]) ==
	       __PODNET_STATS_A_MAX, "every counter needs a name");

const char *podnet_stats_name(unsigned int attr)
{
	if (attr > PODNET_STATS_A_MAX)
		return NULL;
	return stats_names[attr];
}

static int stats_parse(const struct nlmsghdr *nlh, void *stats)
{
	return podnet_genl_stats_parse(nlh, stats);
}

int podnet_stats_get(const char *dev, struct podnet_stats *stats,
		     char *errbuf, size_t errlen)
{
	struct podnet_collector c = {
		.parse = stats_parse,
		.item_size = sizeof(*stats),
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk, podnet_genl_stats_get_msg(g.family,
								     g.ifindex),
				     podnet_collect, &c, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return podnet_collected_one(&c, err, stats, errbuf, errlen);
}
