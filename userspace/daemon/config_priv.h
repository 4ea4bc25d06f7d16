/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What config*.c share: walking a libyaml document against tables of keys
 * (config_yaml.c), the tables themselves (config_keys.c) and the address
 * helpers (config_cidr.c).
 */
#ifndef PODNETD_CONFIG_PRIV_H
#define PODNETD_CONFIG_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "config.h"

/* Long enough for "bgp.peers[255].route-reflector-client" and an escaped
 * unknown key.
 */
#define CONFIG_PATH_MAX		192
/* "ffff:...:ffff/128" */
#define CONFIG_CIDR_STRLEN	(INET6_ADDRSTRLEN + 4)

/* One walk of one document. */
struct config_ctx {
	const char *name;		/* the file, for errors */
	yaml_document_t *doc;
	struct podnetd_config *cfg;	/* what the keys write to */
	char *errbuf;
	size_t errlen;
	char path[CONFIG_PATH_MAX];	/* the key being read: "bgp.peers[1].as" */

	/* Rules across the keys of one file. */
	bool underlay_given;		/* at most one method */
	bool encap_cross_subnet;	/* device.encap: cross-subnet ... */
	bool cross_subnet_false;	/* ... contradicts device.cross-subnet */
};

struct config_key;
typedef int (*config_set_fn)(struct config_ctx *ctx,
			     const struct config_key *key,
			     yaml_node_t *value, void *base);

/*
 * A key of a mapping and what to do with its value: set() writes it to the
 * field at base + off. The rest is what set() needs of it.
 */
struct config_key {
	const char *name;
	config_set_fn set;
	size_t off;
	size_t size;			/* of the field */
	uint32_t min, max;		/* integers */
	const char *what;		/* the value expected, for errors */
	bool (*valid)(const char *s);	/* strings */
	int arg;			/* the handler's own */
	const struct config_key *keys;	/* a section's, ended by an empty one */
};

/* "FILE:LINE:COL: PATH: message" at node; always -EINVAL. */
int config_error(struct config_ctx *ctx, const yaml_node_t *node,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "not WHAT: <the value>", the value quoted, or "a list", "no value"... */
int config_bad(struct config_ctx *ctx, const yaml_node_t *node,
	       const char *what);

/* A scalar's text, or NULL after an error (not a scalar, null, a NUL). */
const char *config_string(struct config_ctx *ctx, const yaml_node_t *node,
			  const char *what);
/* Numbers and booleans: plain scalars only, decimal, true or false. */
int config_uint(struct config_ctx *ctx, const yaml_node_t *node,
		const char *what, uint32_t min, uint32_t max, uint32_t *out);
int config_bool(struct config_ctx *ctx, const yaml_node_t *node, bool *out);

/* Each key of a mapping (null: an empty one) to its entry in keys. */
int config_walk_map(struct config_ctx *ctx, yaml_node_t *node,
		    const struct config_key *keys, void *base);
/* Each item of a list (null: an empty one), with "[i]" on the path. */
typedef int (*config_item_fn)(struct config_ctx *ctx, yaml_node_t *item,
			      size_t i, void *arg);
int config_walk_list(struct config_ctx *ctx, yaml_node_t *node,
		     config_item_fn fn, void *arg);

/* The document's root: a mapping of sections. */
int config_walk_root(struct config_ctx *ctx, yaml_node_t *root);

/* Address helpers: 0 or -EINVAL. */
int config_addr_parse(const char *s, struct podnet_addr *out);
/* "addr/plen" with the bits past plen as given. */
int config_cidr_parse_any(const char *s, struct podnetd_cidr *out);
void config_cidr_mask(struct podnetd_cidr *c);
const char *config_cidr_str(const struct podnetd_cidr *c,
			    char buf[CONFIG_CIDR_STRLEN]);
/* Of an address of either family, which a must be. */
const char *config_addr_str(const struct podnet_addr *a,
			    char buf[INET6_ADDRSTRLEN]);

#endif
