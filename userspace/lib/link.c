// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "podnet.h"
#include "rtnl.h"

/* Headers and attributes of a link request, apart from name and payload. */
#define LINK_MSG_ROOM 256

static const struct nla_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_LINKINFO] = { .type = NLA_NESTED },
};

static const struct nla_policy linkinfo_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .type = NLA_STRING },
	[IFLA_INFO_DATA] = { .type = NLA_NESTED },
};

static const struct nla_policy podnet_policy[IFLA_PODNET_MAX + 1] = {
	[IFLA_PODNET_MODE] = { .type = NLA_U32, .maxlen = sizeof(uint32_t) },
};

static const struct nla_policy nlmsgerr_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
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

/* libnl skips a truncated attribute at the end; that is a corrupt message. */
static int parse_attrs(struct nlattr **tb, int max, struct nlattr *head,
		       int len, const struct nla_policy *policy)
{
	const struct nlattr *nla = head;
	int rem = len;

	while (nla_ok(nla, rem))
		nla = nla_next(nla, &rem);
	if (rem > 0 || nla_parse(tb, max, head, len, policy) < 0)
		return -EBADMSG;
	return 0;
}

static int parse_nested(struct nlattr **tb, int max, struct nlattr *nest,
			const struct nla_policy *policy)
{
	return parse_attrs(tb, max, nla_data(nest), nla_len(nest), policy);
}

static int parse_msg(const struct nlmsghdr *nlh, int hdrlen, struct nlattr **tb,
		     int max, const struct nla_policy *policy)
{
	if (!nlmsg_valid_hdr(nlh, hdrlen))
		return -EBADMSG;
	return parse_attrs(tb, max, nlmsg_attrdata(nlh, hdrlen),
			   nlmsg_attrlen(nlh, hdrlen), policy);
}

static int podnet_linkinfo_parse(struct nlattr *linkinfo, enum podnet_mode *mode)
{
	struct nlattr *info[IFLA_INFO_MAX + 1];
	struct nlattr *data[IFLA_PODNET_MAX + 1];

	if (parse_nested(info, IFLA_INFO_MAX, linkinfo, linkinfo_policy))
		return -EBADMSG;
	if (!info[IFLA_INFO_KIND] ||
	    strcmp(nla_get_string(info[IFLA_INFO_KIND]), PODNET_LINK_KIND))
		return -EMEDIUMTYPE;
	/* The module always reports its mode. */
	if (!info[IFLA_INFO_DATA] ||
	    parse_nested(data, IFLA_PODNET_MAX, info[IFLA_INFO_DATA],
			 podnet_policy) ||
	    !data[IFLA_PODNET_MODE] ||
	    nla_get_u32(data[IFLA_PODNET_MODE]) > PODNET_MODE_MAX)
		return -EBADMSG;
	*mode = nla_get_u32(data[IFLA_PODNET_MODE]);
	return 0;
}

int podnet_link_parse(const struct nlmsghdr *nlh, struct podnet_link_info *info)
{
	const struct ifinfomsg *ifi = nlmsg_data(nlh);
	struct nlattr *tb[IFLA_MAX + 1];
	int err;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy))
		return -EBADMSG;
	if (!tb[IFLA_LINKINFO])
		return -EMEDIUMTYPE;
	err = podnet_linkinfo_parse(tb[IFLA_LINKINFO], &info->mode);
	if (err)
		return err;
	info->ifindex = ifi->ifi_index;
	return 0;
}

int podnet_nlmsgerr_parse(const struct nlmsghdr *nlh, char *msgbuf,
			  size_t msglen)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t hdrlen = sizeof(*e);

	if (msglen)
		msgbuf[0] = '\0';
	if (nlh->nlmsg_type != NLMSG_ERROR || !nlmsg_valid_hdr(nlh, hdrlen))
		return -EBADMSG;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return e->error;
	/* Uncapped, the request is echoed between nlmsgerr and the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
		    e->msg.nlmsg_len > nlh->nlmsg_len)
			return e->error;
		hdrlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	/* A garbled message does not change the error it comes with. */
	if (!parse_msg(nlh, hdrlen, tb, NLMSGERR_ATTR_MAX, nlmsgerr_policy) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(msgbuf, msglen, "%s", nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return e->error;
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
	if (err == -EMEDIUMTYPE)
		snprintf(errbuf, errlen, "%s is not a podnet device", name);
	else if (err == -EBADMSG)
		snprintf(errbuf, errlen, "malformed reply about %s", name);
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
