// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nlattr.h"
#include "overlay.h"
#include "podnet.h"
#include "rtnl.h"

/* Headers and attributes of a link request, apart from name and payload. */
#define LINK_MSG_ROOM 512

static const struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_LINKINFO] = { .type = NLA_NESTED },
};

static const struct nla_policy linkinfo_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .type = NLA_STRING },
	[IFLA_INFO_DATA] = { .type = NLA_NESTED },
};

/* The overlay settings' sizes are checked by podnet_overlay_get(). */
static const struct nla_policy podnet_policy[IFLA_PODNET_MAX + 1] = {
	[IFLA_PODNET_MODE] = PODNET_POLICY_U32,
	[IFLA_PODNET_AGEING_TIME] = PODNET_POLICY_U32,
};

static struct nl_msg *link_msg_new(int type, int flags, int ifindex,
				   size_t extra)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nl_msg *msg;

	msg = nlmsg_alloc_size(LINK_MSG_ROOM + extra);
	if (!msg)
		return NULL;
	if (!nlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, type, 0,
		       NLM_F_REQUEST | flags) ||
	    nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* The caller fills *data, then closes it and *linkinfo with nla_nest_end. */
static struct nl_msg *newlink_msg_open(const char *name, size_t extra,
				       struct nlattr **linkinfo,
				       struct nlattr **data)
{
	struct nl_msg *msg;

	msg = link_msg_new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0,
			   strlen(name) + extra);
	if (!msg)
		return NULL;
	if (nla_put_string(msg, IFLA_IFNAME, name) < 0 ||
	    !(*linkinfo = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, PODNET_LINK_KIND) < 0 ||
	    !(*data = nla_nest_start(msg, IFLA_INFO_DATA))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* libnl's nla_nest_end drops an empty IFLA_INFO_DATA. */
static struct nl_msg *newlink_msg_close(struct nl_msg *msg, int err,
					struct nlattr *linkinfo,
					struct nlattr *data)
{
	if (err < 0 || nla_nest_end(msg, data) < 0 ||
	    nla_nest_end(msg, linkinfo) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *podnet_newlink_msg(const char *name,
				  const struct podnet_link_params *p)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;
	int err = 0;

	msg = newlink_msg_open(name, 0, &linkinfo, &data);
	if (!msg)
		return NULL;
	if (p->mode_set)
		err = nla_put_u32(msg, IFLA_PODNET_MODE, p->mode);
	if (!err && p->ageing_time_set)
		err = nla_put_u32(msg, IFLA_PODNET_AGEING_TIME, p->ageing_time);
	if (!err)
		err = podnet_overlay_put(msg, &podnet_link_overlay_attrs,
					 &p->overlay);
	return newlink_msg_close(msg, err, linkinfo, data);
}

struct nl_msg *podnet_newlink_raw_msg(const char *name, uint16_t type,
				      const void *payload, size_t len)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;

	if (len > PODNET_RAW_PAYLOAD_MAX)
		return NULL;
	msg = newlink_msg_open(name, len, &linkinfo, &data);
	if (!msg)
		return NULL;
	return newlink_msg_close(msg, nla_put(msg, type, len, payload),
				 linkinfo, data);
}

struct nl_msg *podnet_getlink_msg(const char *name)
{
	struct nl_msg *msg;

	msg = link_msg_new(RTM_GETLINK, 0, 0, strlen(name));
	if (msg && nla_put_string(msg, IFLA_IFNAME, name) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *podnet_dellink_msg(int ifindex)
{
	return link_msg_new(RTM_DELLINK, 0, ifindex, 0);
}

static int podnet_linkinfo_parse(struct nlattr *linkinfo,
				 struct podnet_link_info *info)
{
	struct nlattr *tb[IFLA_INFO_MAX + 1];
	struct nlattr *data[IFLA_PODNET_MAX + 1];

	if (podnet_parse_nested(tb, IFLA_INFO_MAX, linkinfo, linkinfo_policy))
		return -EBADMSG;
	if (!tb[IFLA_INFO_KIND] ||
	    strcmp(nla_get_string(tb[IFLA_INFO_KIND]), PODNET_LINK_KIND))
		return -EMEDIUMTYPE;
	/* The module reports every attribute; local and underlay once set. */
	if (!tb[IFLA_INFO_DATA] ||
	    podnet_parse_nested(data, IFLA_PODNET_MAX, tb[IFLA_INFO_DATA],
				podnet_policy) ||
	    !data[IFLA_PODNET_MODE] || !data[IFLA_PODNET_AGEING_TIME] ||
	    nla_get_u32(data[IFLA_PODNET_MODE]) > PODNET_MODE_MAX ||
	    podnet_overlay_get(data, &podnet_link_overlay_attrs,
			       &info->overlay))
		return -EBADMSG;
	info->mode = nla_get_u32(data[IFLA_PODNET_MODE]);
	info->ageing_time = nla_get_u32(data[IFLA_PODNET_AGEING_TIME]);
	return 0;
}

int podnet_link_parse(const struct nlmsghdr *nlh, struct podnet_link_info *info)
{
	const struct ifinfomsg *ifi = nlmsg_data(nlh);
	struct nlattr *tb[IFLA_MAX + 1];
	struct podnet_link_info parsed;
	int err;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    podnet_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy))
		return -EBADMSG;
	if (!tb[IFLA_LINKINFO])
		return -EMEDIUMTYPE;
	err = podnet_linkinfo_parse(tb[IFLA_LINKINFO], &parsed);
	if (err)
		return err;
	parsed.ifindex = ifi->ifi_index;
	*info = parsed;
	return 0;
}

static int link_reply(const struct nlmsghdr *nlh, void *info)
{
	return podnet_link_parse(nlh, info);
}

int podnet_link_get(const char *name, struct podnet_link_info *info,
		    char *errbuf, size_t errlen)
{
	int err;

	err = podnet_rtnl_call(podnet_getlink_msg(name), link_reply, info,
			       errbuf, errlen);
	if (err == -ENODEV)
		snprintf(errbuf, errlen, "no such podnet device '%s'", name);
	else if (err == -EMEDIUMTYPE)
		snprintf(errbuf, errlen, "'%s' is not a podnet device", name);
	else if (err == -EBADMSG)
		snprintf(errbuf, errlen, "malformed reply about '%s'", name);
	return err;
}

int podnet_link_add(const char *name, const struct podnet_link_params *p,
		    char *errbuf, size_t errlen)
{
	return podnet_rtnl_call(podnet_newlink_msg(name, p), NULL, NULL,
				errbuf, errlen);
}

int podnet_link_del(const char *name, char *errbuf, size_t errlen)
{
	struct podnet_link_info info;
	int err;

	/* Delete by index after checking the kind: never a device not ours. */
	err = podnet_link_get(name, &info, errbuf, errlen);
	if (err)
		return err;
	return podnet_rtnl_call(podnet_dellink_msg(info.ifindex), NULL, NULL,
				errbuf, errlen);
}

int podnet_link_add_raw(const char *name, uint16_t type, const void *payload,
			size_t len, char *errbuf, size_t errlen)
{
	if (len > PODNET_RAW_PAYLOAD_MAX) {
		snprintf(errbuf, errlen, "payload over %d bytes",
			 PODNET_RAW_PAYLOAD_MAX);
		return -EMSGSIZE;
	}
	return podnet_rtnl_call(podnet_newlink_raw_msg(name, type, payload, len),
				NULL, NULL, errbuf, errlen);
}
