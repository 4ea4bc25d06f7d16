// SPDX-License-Identifier: GPL-2.0
/*
 * Walking a libyaml document: the node an error is about, the key path to
 * it, strict scalar types and tables of keys.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config_priv.h"

/* How much of a bad value or key an error quotes. */
#define QUOTE_MAX	40
/* Keys longer than this get no "did you mean". */
#define SUGGEST_MAX	32

int config_error(struct config_ctx *ctx, const yaml_node_t *node,
		 const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(ctx->errbuf, ctx->errlen, "%s:%zu:%zu: %s%s", ctx->name,
		     node->start_mark.line + 1, node->start_mark.column + 1,
		     ctx->path, ctx->path[0] ? ": " : "");
	if (n >= 0 && (size_t)n < ctx->errlen) {
		va_start(ap, fmt);
		vsnprintf(ctx->errbuf + n, ctx->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/*
 * Text from a file, made safe to print: control characters and anything
 * not ASCII escaped, cut after QUOTE_MAX octets.
 */
static void escape(const unsigned char *s, size_t len, char *out,
		   size_t outlen)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < len && i < QUOTE_MAX && n < outlen; i++) {
		if (s[i] == '"' || s[i] == '\\')
			n += snprintf(out + n, outlen - n, "\\%c", s[i]);
		else if (s[i] >= 0x20 && s[i] < 0x7f)
			n += snprintf(out + n, outlen - n, "%c", s[i]);
		else
			n += snprintf(out + n, outlen - n, "\\x%02x", s[i]);
	}
	if (i < len && n < outlen)
		snprintf(out + n, outlen - n, "...");
}

/* YAML 1.2's core schema: what a plain scalar means by itself. */
static bool plain_is(const yaml_node_t *node, const char *const *words)
{
	const char *s = (const char *)node->data.scalar.value;

	if (node->type != YAML_SCALAR_NODE ||
	    node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	for (; *words; words++)
		if (!strcmp(s, *words))
			return true;
	return false;
}

static bool is_null(const yaml_node_t *node)
{
	static const char *const null[] = { "", "~", "null", "Null", "NULL",
					    NULL };

	return plain_is(node, null);
}

/* What a bad value is; numbers and booleans are never quoted. */
static const char *describe(const yaml_node_t *node, bool typed, char *buf,
			    size_t len)
{
	char text[QUOTE_MAX * 4 + 4];

	switch (node->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	default:
		break;
	}
	if (is_null(node))
		return "no value";
	escape(node->data.scalar.value, node->data.scalar.length, text,
	       sizeof(text));
	snprintf(buf, len, "\"%s\"%s", text,
		 typed && node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ?
		 " (a quoted string)" : "");
	return buf;
}

static int bad_value(struct config_ctx *ctx, const yaml_node_t *node,
		     const char *what, bool typed)
{
	char buf[QUOTE_MAX * 4 + 32];

	return config_error(ctx, node, "not %s: %s", what,
			    describe(node, typed, buf, sizeof(buf)));
}

int config_bad(struct config_ctx *ctx, const yaml_node_t *node,
	       const char *what)
{
	return bad_value(ctx, node, what, false);
}

static size_t path_append(struct config_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static size_t path_append(struct config_ctx *ctx, const char *fmt, ...)
{
	size_t len = strlen(ctx->path);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->path + len, sizeof(ctx->path) - len, fmt, ap);
	va_end(ap);
	return len;
}

static size_t path_key(struct config_ctx *ctx, const char *key, size_t len)
{
	char text[QUOTE_MAX * 4 + 4];

	escape((const unsigned char *)key, len, text, sizeof(text));
	return path_append(ctx, "%s%s", ctx->path[0] ? "." : "", text);
}

static size_t path_index(struct config_ctx *ctx, size_t i)
{
	return path_append(ctx, "[%zu]", i);
}

static void path_restore(struct config_ctx *ctx, size_t len)
{
	ctx->path[len] = '\0';
}

const char *config_string(struct config_ctx *ctx, const yaml_node_t *node,
			  const char *what)
{
	const char *s = (const char *)node->data.scalar.value;

	if (node->type != YAML_SCALAR_NODE || is_null(node) ||
	    strlen(s) != node->data.scalar.length) {
		config_bad(ctx, node, what);
		return NULL;
	}
	return s;
}

/* Decimal digits without sign or leading zeros: "010" is 8 in YAML 1.1. */
static bool plain_uint(const yaml_node_t *node, uint32_t *out)
{
	const char *s = (const char *)node->data.scalar.value;
	size_t i, len = node->data.scalar.length;
	uint64_t v = 0;

	if (node->type != YAML_SCALAR_NODE ||
	    node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    !len || len > 10 || (s[0] == '0' && len > 1))
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (v > UINT32_MAX)
		return false;
	*out = v;
	return true;
}

int config_uint(struct config_ctx *ctx, const yaml_node_t *node,
		const char *what, uint32_t min, uint32_t max, uint32_t *out)
{
	uint32_t v;

	if (!plain_uint(node, &v) || v < min || v > max)
		return bad_value(ctx, node, what, true);
	*out = v;
	return 0;
}

int config_bool(struct config_ctx *ctx, const yaml_node_t *node, bool *out)
{
	static const char *const yes[] = { "true", NULL };
	static const char *const no[] = { "false", NULL };

	if (plain_is(node, yes))
		*out = true;
	else if (plain_is(node, no))
		*out = false;
	else
		return bad_value(ctx, node, "a boolean (true or false)", true);
	return 0;
}

static bool same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/*
 * Optimal string alignment distance, ignoring case: a swap of two letters
 * counts one.
 */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
	size_t i, j, cost, best;

	if (la > SUGGEST_MAX || lb > SUGGEST_MAX)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = !same(a[i - 1], b[j - 1]);
			best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) &&
			    same(a[i - 2], b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* The key meant by a typo: at most 2 edits, and fewer than half of it. */
static const char *suggest(const struct config_key *keys, const char *s,
			   size_t len)
{
	const char *best = NULL;
	size_t d, best_d = 3, klen;

	for (; keys->name; keys++) {
		klen = strlen(keys->name);
		d = distance(s, len, keys->name, klen);
		if (d < best_d && 2 * d <= klen) {
			best = keys->name;
			best_d = d;
		}
	}
	return best;
}

static int unknown_key(struct config_ctx *ctx, const yaml_node_t *key,
		       const struct config_key *keys)
{
	const char *s = (const char *)key->data.scalar.value;
	const char *hint = suggest(keys, s, key->data.scalar.length);
	char list[256] = "";
	size_t n = 0;

	if (hint)
		return config_error(ctx, key, "unknown key, did you mean %s?",
				    hint);
	for (; keys->name && n < sizeof(list); keys++)
		n += snprintf(list + n, sizeof(list) - n, "%s%s",
			      n ? ", " : "", keys->name);
	return config_error(ctx, key, "unknown key (%s)", list);
}

static const struct config_key *find_key(const struct config_key *keys,
					 const yaml_node_t *key)
{
	const char *s = (const char *)key->data.scalar.value;

	for (; keys->name; keys++)
		if (strlen(keys->name) == key->data.scalar.length &&
		    !memcmp(keys->name, s, key->data.scalar.length))
			return keys;
	return NULL;
}

static bool same_key(const yaml_node_t *a, const yaml_node_t *b)
{
	return a->type == YAML_SCALAR_NODE &&
	       a->data.scalar.length == b->data.scalar.length &&
	       !memcmp(a->data.scalar.value, b->data.scalar.value,
		       b->data.scalar.length);
}

/* The first of the keys equal to pair's: pair's own, if no other. */
static const yaml_node_t *first_key(yaml_document_t *doc,
				    const yaml_node_t *map,
				    const yaml_node_pair_t *pair)
{
	const yaml_node_t *key = yaml_document_get_node(doc, pair->key);
	const yaml_node_pair_t *p = map->data.mapping.pairs.start;

	while (!same_key(yaml_document_get_node(doc, p->key), key))
		p++;
	return yaml_document_get_node(doc, p->key);
}

static int duplicate_key(struct config_ctx *ctx, const yaml_node_t *map,
			 const yaml_node_pair_t *pair)
{
	const yaml_node_t *first = first_key(ctx->doc, map, pair);

	return config_error(ctx, yaml_document_get_node(ctx->doc, pair->key),
			    "duplicate key (first at %zu:%zu)",
			    first->start_mark.line + 1,
			    first->start_mark.column + 1);
}

static int walk_pair(struct config_ctx *ctx, const yaml_node_t *map,
		     const yaml_node_pair_t *pair,
		     const struct config_key *keys, void *base,
		     uint64_t *seen)
{
	yaml_node_t *key = yaml_document_get_node(ctx->doc, pair->key);
	yaml_node_t *value = yaml_document_get_node(ctx->doc, pair->value);
	const struct config_key *k;
	size_t saved;
	int ret;

	if (key->type != YAML_SCALAR_NODE)
		return config_bad(ctx, key, "a key");
	saved = path_key(ctx, (const char *)key->data.scalar.value,
				key->data.scalar.length);
	k = find_key(keys, key);
	if (!k) {
		ret = unknown_key(ctx, key, keys);
	} else if (*seen & (1ULL << (k - keys))) {
		ret = duplicate_key(ctx, map, pair);
	} else {
		*seen |= 1ULL << (k - keys);
		ret = k->set(ctx, k, value, base);
	}
	path_restore(ctx, saved);
	return ret;
}

int config_walk_map(struct config_ctx *ctx, yaml_node_t *node,
		    const struct config_key *keys, void *base)
{
	const yaml_node_pair_t *pair;
	uint64_t seen = 0;		/* by index in keys: at most 64 */
	int ret;

	if (is_null(node))
		return 0;
	if (node->type != YAML_MAPPING_NODE)
		return config_bad(ctx, node, "a mapping");
	for (pair = node->data.mapping.pairs.start;
	     pair < node->data.mapping.pairs.top; pair++) {
		ret = walk_pair(ctx, node, pair, keys, base, &seen);
		if (ret)
			return ret;
	}
	return 0;
}

int config_walk_list(struct config_ctx *ctx, yaml_node_t *node,
		     config_item_fn fn, void *arg)
{
	const yaml_node_item_t *item;
	size_t i, saved;
	int ret;

	if (is_null(node))
		return 0;
	if (node->type != YAML_SEQUENCE_NODE)
		return config_bad(ctx, node, "a list");
	for (item = node->data.sequence.items.start;
	     item < node->data.sequence.items.top; item++) {
		i = item - node->data.sequence.items.start;
		saved = path_index(ctx, i);
		ret = fn(ctx, yaml_document_get_node(ctx->doc, *item), i, arg);
		path_restore(ctx, saved);
		if (ret)
			return ret;
	}
	return 0;
}
