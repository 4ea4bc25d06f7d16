/* SPDX-License-Identifier: GPL-2.0 */
/*
 * podnetctl internals. Parsing and formatting are pure functions, tested
 * without a kernel; the ctl_run_* functions call libpodnet.
 */
#ifndef PODNET_CTL_H
#define PODNET_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "podnet.h"

#define CTL_EXIT_OK	0
#define CTL_EXIT_FAIL	1	/* the operation failed */
#define CTL_EXIT_USAGE	2	/* the command line is wrong */

/* "aa:bb:cc:dd:ee:ff" and its NUL. */
#define CTL_MAC_STRLEN 18

enum ctl_op {
	CTL_HELP,
	CTL_VERSION,
	CTL_SHOW,
	CTL_SET,
	CTL_PORT_LIST,
	CTL_PORT_SET,
	CTL_ENDPOINT_ADD,
	CTL_ENDPOINT_DEL,
	CTL_ENDPOINT_LIST,
	CTL_FDB,
	CTL_STATS,
};

/* One command line, parsed; strings point into argv. */
struct ctl_cmd {
	enum ctl_op op;
	bool json;
	const char *dev;		/* NULL for show: every device */
	const char *port;		/* port set, endpoint add */
	struct podnet_dev_params dev_params;	/* set */
	bool hairpin;			/* port set */
	struct podnet_endpoint endpoint;	/* endpoint add, del: no port yet */
	bool replace;			/* endpoint add */
};

/* A cursor over the words of a command, and where usage errors go. */
struct ctl_args {
	char *const *argv;
	int argc;
	int next;
	char *errbuf;
	size_t errlen;
};

/* cli.c: the whole program but main(); returns the exit status. */
int ctl_main(int argc, char *const argv[], FILE *out, FILE *err);
int ctl_parse(int argc, char *const argv[], struct ctl_cmd *cmd,
	      char *errbuf, size_t errlen);
/* The message for a failed operation: err and what libpodnet said. */
const char *ctl_error_text(int err, const char *detail);

/* args.c: words of a command line. Usage errors return -EINVAL. */
const char *ctl_arg_next(struct ctl_args *a);
int ctl_usage_error(struct ctl_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int ctl_arg_end(struct ctl_args *a);
int ctl_arg_dev(struct ctl_args *a, const char **dev);
int ctl_arg_port(struct ctl_args *a, const char **port);
/* The word after key, as in "mode routed". */
int ctl_arg_value(struct ctl_args *a, const char *key, const char **value);

/* addr.c: addresses and MACs, both ways. */
int ctl_parse_host_addr(const char *s, struct podnet_addr *addr,
			char *errbuf, size_t errlen);
int ctl_parse_mac(const char *s, uint8_t mac[PODNET_MAC_LEN],
		  char *errbuf, size_t errlen);
void ctl_format_addr(const struct podnet_addr *addr,
		     char buf[INET6_ADDRSTRLEN]);
void ctl_format_mac(const uint8_t mac[PODNET_MAC_LEN],
		    char buf[CTL_MAC_STRLEN]);

/* out.c: shared by the command groups. */
/* The interface's name, or NULL when it has none (any more). */
const char *ctl_ifname(int ifindex, char buf[IF_NAMESIZE]);
/* name, or "if7" for an interface without one. */
const char *ctl_iflabel(int ifindex, const char *name, char buf[IF_NAMESIZE]);
/* Appends item, taking it; out of memory, frees both and NULLs *array. */
void ctl_json_append(json_t **array, json_t *item);
/* Prints doc as the one JSON document of this run, and releases it. */
int ctl_emit_json(FILE *f, json_t *doc);

/* dev.c: show, set */
int ctl_parse_show(struct ctl_args *a, struct ctl_cmd *cmd);
int ctl_parse_set(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_dev_text(FILE *f, const struct podnet_dev *dev);
json_t *ctl_dev_json(const struct podnet_dev *dev);
int ctl_run_show(const struct ctl_cmd *cmd, FILE *out,
		 char *errbuf, size_t errlen);
int ctl_run_set(const struct ctl_cmd *cmd, FILE *out,
		char *errbuf, size_t errlen);

/* port.c: port list, port set */
int ctl_parse_port(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_port_text(FILE *f, const struct podnet_port *port, const char *name);
json_t *ctl_port_json(const struct podnet_port *port, const char *name);
int ctl_run_port_list(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen);
int ctl_run_port_set(const struct ctl_cmd *cmd, FILE *out,
		     char *errbuf, size_t errlen);

/* endpoint.c: endpoint add, del, list */
int ctl_parse_endpoint(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_endpoint_text(FILE *f, const struct podnet_endpoint *ep,
		       const char *port);
json_t *ctl_endpoint_json(const struct podnet_endpoint *ep, const char *port);
int ctl_run_endpoint_add(const struct ctl_cmd *cmd, FILE *out,
			 char *errbuf, size_t errlen);
int ctl_run_endpoint_del(const struct ctl_cmd *cmd, FILE *out,
			 char *errbuf, size_t errlen);
int ctl_run_endpoint_list(const struct ctl_cmd *cmd, FILE *out,
			  char *errbuf, size_t errlen);

/* fdb.c */
int ctl_parse_fdb(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_fdb_text(FILE *f, const struct podnet_fdb_entry *e,
		  const char *port);
json_t *ctl_fdb_json(const struct podnet_fdb_entry *e, const char *port);
int ctl_run_fdb(const struct ctl_cmd *cmd, FILE *out,
		char *errbuf, size_t errlen);

/* stats.c */
int ctl_parse_stats(struct ctl_args *a, struct ctl_cmd *cmd);
void ctl_stats_text(FILE *f, const struct podnet_stats *stats);
json_t *ctl_stats_json(const struct podnet_stats *stats);
int ctl_run_stats(const struct ctl_cmd *cmd, FILE *out,
		  char *errbuf, size_t errlen);

#endif /* PODNET_CTL_H */
