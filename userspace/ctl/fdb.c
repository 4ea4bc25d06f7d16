// SPDX-License-Identifier: GPL-2.0
/* podnetctl fdb DEV */
#include <stdlib.h>

#include "ctl.h"

int ctl_parse_fdb(struct ctl_args *a, struct ctl_cmd *cmd)
{
	int err;

	cmd->op = CTL_FDB;
	err = ctl_arg_dev(a, &cmd->dev);
	return err ? err : ctl_arg_end(a);
}

void ctl_fdb_text(FILE *f, const struct podnet_fdb_entry *e, const char *port)
{
	char mac[CTL_MAC_STRLEN], buf[IF_NAMESIZE];

	ctl_format_mac(e->mac, mac);
	fprintf(f, "%s port %s", mac, ctl_iflabel(e->port_ifindex, port, buf));
	if (e->flags & PODNET_FDB_F_LOCAL)
		fprintf(f, " local\n");
	else
		fprintf(f, " age %u.%03us\n", e->age_ms / 1000, e->age_ms % 1000);
}

json_t *ctl_fdb_json(const struct podnet_fdb_entry *e, const char *port)
{
	char mac[CTL_MAC_STRLEN];

	ctl_format_mac(e->mac, mac);
	return json_pack("{s:s, s:s?, s:i, s:I, s:b}",
			 "mac", mac,
			 "port", port,
			 "port_ifindex", e->port_ifindex,
			 "age_ms", (json_int_t)e->age_ms,
			 "local", !!(e->flags & PODNET_FDB_F_LOCAL));
}

int ctl_run_fdb(const struct ctl_cmd *cmd, FILE *out,
		char *errbuf, size_t errlen)
{
	struct podnet_fdb_entry *entries;
	char buf[IF_NAMESIZE];
	size_t count, i;
	json_t *doc;
	int err;

	err = podnet_fdb_list(cmd->dev, &entries, &count, errbuf, errlen);
	if (err)
		return err;
	doc = cmd->json ? json_array() : NULL;
	for (i = 0; i < count; i++) {
		const char *port = ctl_ifname(entries[i].port_ifindex, buf);

		if (cmd->json)
			ctl_json_append(&doc, ctl_fdb_json(&entries[i], port));
		else
			ctl_fdb_text(out, &entries[i], port);
	}
	free(entries);
	return cmd->json ? ctl_emit_json(out, doc) : 0;
}
