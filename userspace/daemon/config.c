// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's configuration file: the defaults, reading the file, and YAML
 * syntax errors. The keys are in config_keys.c, the checks across keys in
 * config_validate.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_priv.h"

/* Far more than any real configuration; a mistaken path fails early. */
#define CONFIG_FILE_MAX		(1 << 20)

void podnetd_config_defaults(struct podnetd_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	/* cut to fit, ended by the memset */
	gethostname(cfg->node_name, sizeof(cfg->node_name) - 1);
	cfg->as = 64512;
	snprintf(cfg->device, sizeof(cfg->device), "podnet0");
	cfg->encap = PODNET_ENCAP_VXLAN;
	cfg->vni = PODNET_VNI_DEFAULT;
	cfg->vxlan_port = PODNET_VXLAN_PORT_DEFAULT;
	cfg->underlay.method = PODNETD_UNDERLAY_AUTO;
	cfg->bgp_enabled = true;
	cfg->listen_port = 179;
	cfg->hold_time = 90;
	cfg->connect_retry = 5;
	cfg->graceful_restart = true;
	cfg->restart_time = 120;
	cfg->stale_time = 300;
	snprintf(cfg->control_socket, sizeof(cfg->control_socket),
		 "/run/podnetd/podnetd.sock");
}

/*
 * Where libyaml's problem is. Reader errors (bad UTF-8, control
 * characters) have only an offset: count lines and characters up to it.
 */
static yaml_mark_t problem_mark(const yaml_parser_t *parser,
				const char *text, size_t len)
{
	yaml_mark_t mark = parser->problem_mark;
	size_t i;

	if (parser->error != YAML_READER_ERROR)
		return mark;
	mark.line = 0;
	mark.column = 0;
	for (i = 0; i < parser->problem_offset && i < len; i++) {
		if (text[i] == '\n') {
			mark.line++;
			mark.column = 0;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			mark.column++;
		}
	}
	return mark;
}

static int syntax_error(const yaml_parser_t *parser, const char *name,
			const char *text, size_t len, char *errbuf,
			size_t errlen)
{
	yaml_mark_t mark = problem_mark(parser, text, len);
	char value[16] = "", context[128] = "";

	if (parser->error == YAML_MEMORY_ERROR) {
		snprintf(errbuf, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	if (parser->error == YAML_READER_ERROR && parser->problem_value >= 0)
		snprintf(value, sizeof(value), " (0x%02x)",
			 parser->problem_value);
	if (parser->context)
		snprintf(context, sizeof(context), " (%s at %zu:%zu)",
			 parser->context, parser->context_mark.line + 1,
			 parser->context_mark.column + 1);
	snprintf(errbuf, errlen, "%s:%zu:%zu: %s%s%s", name, mark.line + 1,
		 mark.column + 1, parser->problem, value, context);
	return -EINVAL;
}

/* The one document of the stream: a second is a mistake. */
static int load_document(yaml_parser_t *parser, yaml_document_t *doc,
			 const char *name, const char *text, size_t len,
			 char *errbuf, size_t errlen)
{
	yaml_document_t next;
	int ret = 0;

	if (!yaml_parser_load(parser, doc))
		return syntax_error(parser, name, text, len, errbuf, errlen);
	if (!yaml_document_get_root_node(doc))
		return 0;
	if (!yaml_parser_load(parser, &next)) {
		ret = syntax_error(parser, name, text, len, errbuf, errlen);
	} else {
		if (yaml_document_get_root_node(&next)) {
			snprintf(errbuf, errlen, "%s:%zu:%zu: a second document",
				 name, next.start_mark.line + 1,
				 next.start_mark.column + 1);
			ret = -EINVAL;
		}
		yaml_document_delete(&next);
	}
	if (ret)
		yaml_document_delete(doc);
	return ret;
}

/* Into a copy, so that a file with an error changes nothing. */
static int walk_document(struct podnetd_config *cfg, const char *name,
			 yaml_document_t *doc, char *errbuf, size_t errlen)
{
	struct config_ctx ctx = {
		.name = name,
		.doc = doc,
		.errbuf = errbuf,
		.errlen = errlen,
	};
	yaml_node_t *root = yaml_document_get_root_node(doc);
	int ret;

	if (!root)
		return 0;
	ctx.cfg = malloc(sizeof(*cfg));
	if (!ctx.cfg) {
		snprintf(errbuf, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	*ctx.cfg = *cfg;
	ret = config_walk_root(&ctx, root);
	if (!ret)
		*cfg = *ctx.cfg;
	free(ctx.cfg);
	return ret;
}

int podnetd_config_parse(struct podnetd_config *cfg, const char *name,
			 const char *text, size_t len,
			 char *errbuf, size_t errlen)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	int ret;

	if (errlen)
		errbuf[0] = '\0';
	if (!yaml_parser_initialize(&parser)) {
		snprintf(errbuf, errlen, "%s: out of memory", name);
		return -ENOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	ret = load_document(&parser, &doc, name, text, len, errbuf, errlen);
	if (!ret) {
		ret = walk_document(cfg, name, &doc, errbuf, errlen);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return ret;
}

static int read_all(int fd, char *buf, size_t max, size_t *len)
{
	size_t n = 0;
	ssize_t r;

	while (n <= max) {
		r = read(fd, buf + n, max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (!r)
			break;
		n += r;
	}
	*len = n;
	return n > max ? -EFBIG : 0;
}

/* The whole file, up to CONFIG_FILE_MAX octets. */
static int read_file(const char *path, char **text, size_t *len,
		     char *errbuf, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = NULL;
	int ret;

	if (fd < 0) {
		ret = -errno;
	} else {
		buf = malloc(CONFIG_FILE_MAX + 1);
		ret = buf ? read_all(fd, buf, CONFIG_FILE_MAX, len) : -ENOMEM;
		close(fd);
	}
	if (ret) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(-ret));
		free(buf);
		return ret;
	}
	*text = buf;
	return 0;
}

int podnetd_config_load(struct podnetd_config *cfg, const char *path,
			char *errbuf, size_t errlen)
{
	char *text;
	size_t len = 0;
	int ret;

	if (errlen)
		errbuf[0] = '\0';
	if (strlen(path) >= sizeof(cfg->path)) {
		snprintf(errbuf, errlen, "%s: path longer than %zu characters",
			 path, sizeof(cfg->path) - 1);
		return -ENAMETOOLONG;
	}
	ret = read_file(path, &text, &len, errbuf, errlen);
	if (ret)
		return ret;
	ret = podnetd_config_parse(cfg, path, text, len, errbuf, errlen);
	free(text);
	if (!ret)
		snprintf(cfg->path, sizeof(cfg->path), "%s", path);
	return ret;
}
