// SPDX-License-Identifier: GPL-2.0
/*
 * AS_PATH and AS4_PATH: segments of 2- or 4-octet AS numbers (RFC 4271
 * 4.3, RFC 6793), and the 4-octet path rebuilt from both (RFC 6793 4.2.3).
 */
#include <errno.h>
#include <string.h>

#include "codec.h"

#define SEGMENT_MAX_ASNS	255

/* Returns why the path is malformed (RFC 7606 7.2, RFC 7607), or NULL. */
const char *bgp_as_path_decode(const uint8_t *p, size_t len, bool as4,
			       struct bgp_as_path *path)
{
	size_t asn_size = as4 ? 4 : 2, off = 0;

	path->n_segs = 0;
	path->n_asns = 0;
	while (off < len) {
		struct bgp_as_segment *seg;
		uint8_t type, n;
		int i;

		if (len - off < 2)
			return "AS_PATH ends inside a segment header";
		type = p[off];
		n = p[off + 1];
		off += 2;
		if (type < BGP_AS_SET || type > BGP_AS_CONFED_SET)
			return "AS_PATH segment of unknown type";
		if (!n)
			return "AS_PATH segment of no AS";
		if ((len - off) / asn_size < n)
			return "AS_PATH segment overruns the attribute";
		if (path->n_segs == BGP_AS_PATH_MAX_SEGS ||
		    path->n_asns + n > BGP_AS_PATH_MAX_ASNS)
			return "AS_PATH too long";
		seg = &path->segs[path->n_segs++];
		seg->type = type;
		seg->len = n;
		for (i = 0; i < n; i++, off += asn_size) {
			uint32_t asn = as4 ? get_be32(p + off)
					   : get_be16(p + off);

			if (!asn)
				return "AS_PATH holds AS 0";
			path->asns[path->n_asns++] = asn;
		}
	}
	return NULL;
}

static bool is_confed(uint8_t type)
{
	return type == BGP_AS_CONFED_SEQUENCE || type == BGP_AS_CONFED_SET;
}

/* RFC 6793 6: such segments in AS4_PATH are dropped, the rest kept. */
void bgp_as_path_drop_confed(struct bgp_as_path *path)
{
	uint16_t from, to = 0, asn_from = 0, asn_to = 0;

	for (from = 0; from < path->n_segs; from++) {
		struct bgp_as_segment seg = path->segs[from];

		if (!is_confed(seg.type)) {
			memmove(&path->asns[asn_to], &path->asns[asn_from],
				seg.len * sizeof(path->asns[0]));
			asn_to += seg.len;
			path->segs[to++] = seg;
		}
		asn_from += seg.len;
	}
	path->n_segs = to;
	path->n_asns = asn_to;
}

unsigned int bgp_as_path_length(const struct bgp_as_path *path)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < path->n_segs; i++) {
		if (path->segs[i].type == BGP_AS_SEQUENCE)
			n += path->segs[i].len;
		else if (path->segs[i].type == BGP_AS_SET)
			n++;
	}
	return n;
}

bool bgp_as_path_contains(const struct bgp_as_path *path, uint32_t asn)
{
	int i;

	for (i = 0; i < path->n_asns; i++)
		if (path->asns[i] == asn)
			return true;
	return false;
}

int bgp_as_path_prepend(struct bgp_as_path *path, uint32_t asn)
{
	bool new_seg = !path->n_segs ||
		       path->segs[0].type != BGP_AS_SEQUENCE ||
		       path->segs[0].len == SEGMENT_MAX_ASNS;

	if (path->n_asns == BGP_AS_PATH_MAX_ASNS ||
	    (new_seg && path->n_segs == BGP_AS_PATH_MAX_SEGS))
		return -ENOSPC;
	memmove(&path->asns[1], &path->asns[0],
		path->n_asns * sizeof(path->asns[0]));
	path->asns[0] = asn;
	path->n_asns++;
	if (!new_seg) {
		path->segs[0].len++;
		return 0;
	}
	memmove(&path->segs[1], &path->segs[0],
		path->n_segs * sizeof(path->segs[0]));
	path->segs[0].type = BGP_AS_SEQUENCE;
	path->segs[0].len = 1;
	path->n_segs++;
	return 0;
}

/*
 * RFC 6793 4.2.3: the leading ASes of AS_PATH that AS4_PATH lacks, then
 * AS4_PATH; left alone if AS4_PATH counts more ASes. path holds no
 * confederation segments (they were refused), as4_path none either.
 */
void bgp_as_path_merge_as4(struct bgp_as_path *path,
			   const struct bgp_as_path *as4_path)
{
	unsigned int n = bgp_as_path_length(path);
	unsigned int n4 = bgp_as_path_length(as4_path);
	unsigned int need, seg, asn = 0;

	/* both whole fit, as they do from one message; so does the merge */
	if (n < n4 ||
	    path->n_asns + as4_path->n_asns > BGP_AS_PATH_MAX_ASNS ||
	    path->n_segs + as4_path->n_segs > BGP_AS_PATH_MAX_SEGS)
		return;
	need = n - n4;
	for (seg = 0; seg < path->n_segs && need; seg++) {
		struct bgp_as_segment *s = &path->segs[seg];

		if (s->type == BGP_AS_SET) {
			need--;
		} else if (s->len > need) {
			s->len = need;
			need = 0;
		} else {
			need -= s->len;
		}
		asn += s->len;
	}
	memcpy(&path->segs[seg], as4_path->segs,
	       as4_path->n_segs * sizeof(as4_path->segs[0]));
	memcpy(&path->asns[asn], as4_path->asns,
	       as4_path->n_asns * sizeof(as4_path->asns[0]));
	path->n_segs = seg + as4_path->n_segs;
	path->n_asns = asn + as4_path->n_asns;
}

bool bgp_as_path_needs_as4(const struct bgp_as_path *path)
{
	int i;

	for (i = 0; i < path->n_asns; i++)
		if (path->asns[i] > UINT16_MAX)
			return true;
	return false;
}

static void path_put(struct wbuf *w, const struct bgp_as_path *path,
		     bool as4, bool confed)
{
	unsigned int seg, i, asn = 0;

	for (seg = 0; seg < path->n_segs; seg++) {
		const struct bgp_as_segment *s = &path->segs[seg];

		if (!confed && is_confed(s->type)) {
			asn += s->len;
			continue;
		}
		put_u8(w, s->type);
		put_u8(w, s->len);
		for (i = 0; i < s->len; i++, asn++) {
			uint32_t v = path->asns[asn];

			if (as4)
				put_be32(w, v);
			else
				put_be16(w, v > UINT16_MAX ? BGP_AS_TRANS : v);
		}
	}
}

void bgp_as_path_put(struct wbuf *w, const struct bgp_as_path *path,
		     bool as4)
{
	path_put(w, path, as4, true);
}

/* RFC 6793 4.2.2: AS4_PATH carries no confederation segment. */
void bgp_as4_path_put(struct wbuf *w, const struct bgp_as_path *path)
{
	path_put(w, path, true, false);
}
