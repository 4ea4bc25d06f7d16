/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BGP-4 message codec: bgp_msg_parse() turns one message into the
 * structures below, the bgp_msg_build_*() functions write messages into a
 * caller's buffer. No I/O and no allocation; a parsed message may point into
 * the buffer it was parsed from (each such field says so), so it lives as
 * long as that buffer.
 */
#ifndef PODNET_BGP_MSG_H
#define PODNET_BGP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "bgp_proto.h"

/* Bounds of what one message of at most BGP_MAX_MSG_LEN octets can hold */
#define BGP_MAX_FAMILIES	32	/* distinct multiprotocol ones */
#define BGP_GR_MAX_FAMILIES	63	/* fills a 255-octet capability */
#define BGP_MAX_UNKNOWN_CAPS	64
#define BGP_AS_PATH_MAX_ASNS	2048
#define BGP_AS_PATH_MAX_SEGS	1024
#define BGP_MAX_COMMUNITIES	1024
#define BGP_MAX_CLUSTERS	1024
#define BGP_MAX_UNKNOWN_ATTRS	256

/* The address families the codec parses NLRI of */
enum bgp_family {
	BGP_FAMILY_IPV4_UNICAST,
	BGP_FAMILY_IPV6_UNICAST,
	BGP_FAMILY_COUNT,
};

/* What the codec must know of the session a message travels on. */
struct bgp_codec_ctx {
	bool as4;		/* both sides sent the 4-octet AS capability */
	bool ebgp;		/* the peer is in another AS */
	uint32_t first_as;	/* if not 0, AS_PATH must start with it */
};

/*
 * A NOTIFICATION: one to send when parsing fails, or one received. data
 * points into the parsed buffer or into static storage.
 */
struct bgp_error {
	uint8_t code;
	uint8_t subcode;
	uint16_t len;
	const uint8_t *data;
};

struct bgp_afi_safi {
	uint16_t afi;
	uint8_t safi;
};

struct bgp_gr_family {
	uint16_t afi;
	uint8_t safi;
	uint8_t flags;		/* BGP_GR_AF_FORWARDING */
};

/* RFC 4724 graceful restart capability */
struct bgp_gr {
	uint8_t flags;		/* BGP_GR_RESTART_STATE and reserved bits */
	uint16_t time;		/* restart time, seconds, 12 bits */
	uint8_t count;
	struct bgp_gr_family families[BGP_GR_MAX_FAMILIES];
};

/* A capability the codec does not know; value points into the buffer. */
struct bgp_raw_cap {
	uint8_t code;
	uint8_t len;
	const uint8_t *value;
};

struct bgp_caps {
	bool as4;
	uint32_t asn;		/* the 4-octet AS capability's AS */
	bool route_refresh;
	bool enhanced_route_refresh;
	bool graceful_restart;
	struct bgp_gr gr;	/* the last instance received, RFC 4724 3 */
	uint8_t n_families;
	struct bgp_afi_safi families[BGP_MAX_FAMILIES];
	uint16_t n_unknown;	/* kept in unknown[] */
	uint16_t n_unknown_skipped; /* seen beyond BGP_MAX_UNKNOWN_CAPS */
	struct bgp_raw_cap unknown[BGP_MAX_UNKNOWN_CAPS];
};

struct bgp_open {
	uint8_t version;
	uint16_t my_as;
	uint16_t hold_time;	/* seconds */
	uint32_t bgp_id;	/* host byte order */
	bool extended;		/* RFC 9072 encoding, received or forced */
	struct bgp_caps caps;
};

struct bgp_as_segment {
	uint8_t type;		/* BGP_AS_SET, BGP_AS_SEQUENCE, ... */
	uint8_t len;		/* ASes in the segment, at least 1 */
};

/* Segments in order; their ASes one after another in asns[]. */
struct bgp_as_path {
	uint16_t n_segs;
	uint16_t n_asns;
	struct bgp_as_segment segs[BGP_AS_PATH_MAX_SEGS];
	uint32_t asns[BGP_AS_PATH_MAX_ASNS];
};

struct bgp_aggregator {
	uint32_t asn;
	struct in_addr addr;
};

/* An optional transitive attribute kept as received, value in the buffer */
struct bgp_raw_attr {
	uint8_t flags;
	uint8_t type;
	uint16_t len;
	const uint8_t *value;
};

#define BGP_ATTR_BIT(type)	(1U << (type))

/*
 * Path attributes but the multiprotocol ones, which live in struct
 * bgp_update. present has BGP_ATTR_BIT(type) for each recognized attribute
 * that was received (or is to be sent); AS4_PATH and AS4_AGGREGATOR never
 * show: parsing merges them into as_path and aggregator (RFC 6793 4.2.3),
 * building derives them.
 */
struct bgp_attrs {
	uint32_t present;
	uint32_t partial;	/* Partial flag of recognized attributes */
	uint8_t origin;
	struct in_addr next_hop;
	uint32_t med;
	uint32_t local_pref;
	struct bgp_aggregator aggregator;
	struct in_addr originator_id;
	uint16_t n_communities;
	uint16_t n_clusters;
	uint16_t n_unknown;
	uint32_t communities[BGP_MAX_COMMUNITIES];
	uint32_t clusters[BGP_MAX_CLUSTERS];	/* host byte order */
	struct bgp_raw_attr unknown[BGP_MAX_UNKNOWN_ATTRS];
	struct bgp_as_path as_path;
};

/* One prefix: addr in network byte order, the bits past len zero. */
struct bgp_prefix {
	uint16_t afi;
	uint8_t len;
	uint8_t addr[16];
};

/*
 * A validated NLRI or Withdrawn Routes field, walked with bgp_nlri_next().
 * data points into the buffer; size is 0 for a family the codec does not
 * know, whose prefixes are left unparsed.
 */
struct bgp_nlri {
	uint16_t afi;
	uint8_t safi;
	uint16_t count;
	uint16_t size;
	const uint8_t *data;
};

struct bgp_nexthop {
	uint8_t len;		/* 4 (IPv4), 16 (global), 32 (+ link-local) */
	struct in_addr v4;
	struct in6_addr global;
	struct in6_addr link_local;
};

/* RFC 7606 2: the ways to handle a malformed UPDATE, weakest first */
enum bgp_update_action {
	BGP_UPDATE_OK,
	BGP_UPDATE_ATTR_DISCARD,	/* attributes dropped, use the rest */
	BGP_UPDATE_TREAT_AS_WITHDRAW,	/* all its NLRI are withdrawn */
	BGP_UPDATE_AFI_SAFI_DISABLE,	/* drop the family for the session */
	BGP_UPDATE_SESSION_RESET,	/* send notify, close */
};

/* The strongest problem found in an UPDATE and what it asks for. */
struct bgp_update_error {
	enum bgp_update_action action;
	uint8_t attr;		/* attribute type it concerns, 0 if none */
	const char *reason;	/* static text, for the log */
	struct bgp_afi_safi family;	/* for BGP_UPDATE_AFI_SAFI_DISABLE */
	struct bgp_error notify;	/* sent if it ends the session */
};

struct bgp_update {
	struct bgp_nlri withdrawn;	/* IPv4 unicast */
	struct bgp_nlri nlri;		/* IPv4 unicast */
	struct bgp_nexthop mp_nexthop;	/* with mp_reach */
	struct bgp_nlri mp_reach;	/* if MP_REACH_NLRI present */
	struct bgp_nlri mp_unreach;	/* if MP_UNREACH_NLRI present */
	bool end_of_rib;		/* RFC 4724 2, for family eor */
	struct bgp_afi_safi eor;
	struct bgp_update_error error;
	struct bgp_attrs attrs;		/* last: parsing clears all before it */
};

struct bgp_route_refresh {
	uint16_t afi;
	uint8_t subtype;	/* BGP_RR_REQUEST, BGP_RR_BORR, BGP_RR_EORR */
	uint8_t safi;
};

struct bgp_msg {
	uint8_t type;
	uint16_t len;
	union {
		struct bgp_open open;
		struct bgp_update update;
		struct bgp_error notification;
		struct bgp_route_refresh route_refresh;
	};
};

/* The enum bgp_family of a pair, or -EAFNOSUPPORT */
int bgp_family_of(uint16_t afi, uint8_t safi);

/*
 * Checks the header at buf (avail octets read so far) and returns the
 * message's length, which may exceed avail; 0 if fewer than a header's
 * octets are there; -EBADMSG with *err to send if the header is bad.
 */
int bgp_msg_frame(const uint8_t *buf, size_t avail, struct bgp_error *err);

/*
 * Parses the one message of len octets at buf. Returns 0, or -EBADMSG with
 * *err the NOTIFICATION to send before closing the session. An UPDATE that
 * RFC 7606 lets the session survive parses with msg->update.error telling
 * what to do with it.
 */
int bgp_msg_parse(const uint8_t *buf, size_t len,
		  const struct bgp_codec_ctx *ctx, struct bgp_msg *msg,
		  struct bgp_error *err);

/* Walks a parsed NLRI field; *off starts at 0. False at the end. */
bool bgp_nlri_next(const struct bgp_nlri *nlri, uint16_t *off,
		   struct bgp_prefix *prefix);

/*
 * Builders return the message's length, or -EMSGSIZE if it does not fit
 * size (or BGP_MAX_MSG_LEN), -EINVAL for what no message can carry.
 */
int bgp_msg_build_keepalive(uint8_t *buf, size_t size);
int bgp_msg_build_notification(const struct bgp_error *notify, uint8_t *buf,
			       size_t size);
int bgp_msg_build_open(const struct bgp_open *open, uint8_t *buf, size_t size);
int bgp_msg_build_route_refresh(const struct bgp_route_refresh *rr,
				uint8_t *buf, size_t size);
int bgp_msg_build_eor(uint16_t afi, uint8_t safi, uint8_t *buf, size_t size);

/*
 * One UPDATE announcing as many of the n prefixes as fit, all of the first
 * one's family (IPv4 in the NLRI field, IPv6 in MP_REACH_NLRI), reached
 * through nexthop; *packed says how many went in. The NEXT_HOP attribute
 * comes from nexthop, not attrs. To an eBGP peer LOCAL_PREF, ORIGINATOR_ID
 * and CLUSTER_LIST are left out.
 */
int bgp_msg_build_announce(const struct bgp_codec_ctx *ctx,
			   const struct bgp_attrs *attrs,
			   const struct bgp_nexthop *nexthop,
			   const struct bgp_prefix *prefixes, size_t n,
			   size_t *packed, uint8_t *buf, size_t size);
/* The same for withdrawals: Withdrawn Routes or MP_UNREACH_NLRI. */
int bgp_msg_build_withdraw(const struct bgp_prefix *prefixes, size_t n,
			   size_t *packed, uint8_t *buf, size_t size);

bool bgp_attrs_equal(const struct bgp_attrs *a, const struct bgp_attrs *b);

/* The path length route selection counts: a set is one, confed none */
unsigned int bgp_as_path_length(const struct bgp_as_path *path);
bool bgp_as_path_contains(const struct bgp_as_path *path, uint32_t asn);
int bgp_as_path_prepend(struct bgp_as_path *path, uint32_t asn);

const char *bgp_update_action_name(enum bgp_update_action action);

#endif
