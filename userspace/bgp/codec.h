/* SPDX-License-Identifier: GPL-2.0 */
/* What the codec's files share and the rest of podnet does not see. */
#ifndef PODNET_BGP_CODEC_H
#define PODNET_BGP_CODEC_H

#include "bgp_msg.h"
#include "wire.h"

/* header.c: the fixed header of a message being built */
void bgp_msg_begin(struct wbuf *w, uint8_t *buf, size_t size, uint8_t type);
int bgp_msg_end(struct wbuf *w);

/*
 * Each parser gets the message past its header, ROUTE-REFRESH's the whole
 * message, which its error carries.
 */
int bgp_open_parse(const uint8_t *body, size_t len, struct bgp_open *open,
		   struct bgp_error *err);
int bgp_update_parse(const uint8_t *body, size_t len,
		     const struct bgp_codec_ctx *ctx, struct bgp_update *u,
		     struct bgp_error *err);
void bgp_notification_parse(const uint8_t *body, size_t len,
			    struct bgp_error *notification);
int bgp_route_refresh_parse(const uint8_t *msg, size_t len,
			    struct bgp_route_refresh *rr,
			    struct bgp_error *err);

/* capability.c */
int bgp_caps_parse(const uint8_t *p, size_t len, struct bgp_caps *caps);
void bgp_caps_put(struct wbuf *w, const struct bgp_caps *caps);

/* nlri.c: prefixes in the RFC 4271 4.3 length-and-prefix encoding */
int bgp_nlri_check(const uint8_t *p, size_t len, struct bgp_nlri *nlri);
int bgp_prefix_wire_len(const struct bgp_prefix *prefix);
void bgp_prefix_put(struct wbuf *w, const struct bgp_prefix *prefix);

/* The state of one UPDATE's parse, shared by the attribute parsers. */
struct update_parse {
	const struct bgp_codec_ctx *ctx;
	struct bgp_update *u;
	uint32_t seen[8];		/* attribute types met, as bits */
	bool has_v4_nlri;
	bool reachable_mp;		/* MP_REACH_NLRI not known empty */
	bool mp_unreach_empty;
	bool as_path_ok;
	bool have_as4_path;
	bool have_as4_aggregator;
	struct bgp_aggregator as4_aggregator;
	struct bgp_as_path as4_path;	/* last: too big to clear each time */
};

/*
 * update.c: records one problem, true if it is now the strongest one
 * (RFC 7606 3.h)
 */
bool bgp_update_fail(struct update_parse *st, enum bgp_update_action action,
		     uint8_t attr, uint8_t subcode, const uint8_t *data,
		     size_t len, const char *reason);

/* attr.c: one attribute, whole at a (hdr octets of header, len of value) */
void bgp_attr_parse(struct update_parse *st, const uint8_t *a, size_t hdr,
		    size_t len);
bool bgp_ipv4_is_host(const uint8_t *addr);

/* mp.c */
void bgp_mp_reach_parse(struct update_parse *st, const uint8_t *a,
			size_t hdr, size_t len);
void bgp_mp_unreach_parse(struct update_parse *st, const uint8_t *a,
			  size_t hdr, size_t len);

/* as_path.c */
const char *bgp_as_path_decode(const uint8_t *p, size_t len, bool as4,
			       struct bgp_as_path *path);
void bgp_as_path_drop_confed(struct bgp_as_path *path);
void bgp_as_path_merge_as4(struct bgp_as_path *path,
			   const struct bgp_as_path *as4_path);
void bgp_as_path_put(struct wbuf *w, const struct bgp_as_path *path,
		     bool as4);
void bgp_as4_path_put(struct wbuf *w, const struct bgp_as_path *path);
bool bgp_as_path_needs_as4(const struct bgp_as_path *path);

/* attr_build.c: the path attributes but the multiprotocol ones */
void bgp_attrs_put(struct wbuf *w, const struct bgp_codec_ctx *ctx,
		   const struct bgp_attrs *attrs, const struct in_addr *nh);
/* An attribute header whose length is filled in by bgp_attr_end(). */
size_t bgp_attr_begin(struct wbuf *w, uint8_t flags, uint8_t type);
void bgp_attr_end(struct wbuf *w, size_t start);

#endif
