// SPDX-License-Identifier: GPL-2.0
/* podnetctl port list DEV, podnetctl port set DEV PORT hairpin on|off */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"

static int parse_hairpin(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *key = ctl_arg_next(a);
	const char *s;
	int err;

	if (!key)
		return ctl_usage_error(a, "port set needs hairpin on|off");
	if (strcmp(key, "hairpin"))
		return ctl_usage_error(a, "unknown port setting '%s': hairpin",
				       key);
	err = ctl_arg_value(a, key, &s);
	if (err)
		return err;
	if (strcmp(s, "on") && strcmp(s, "off"))
		return ctl_usage_error(a, "bad hairpin setting '%s': on or off",
				       s);
	cmd->hairpin = !strcmp(s, "on");
	return 0;
}

int ctl_parse_port(struct ctl_args *a, struct ctl_cmd *cmd)
{
	const char *verb = ctl_arg_next(a);
	int err;

	if (!verb)
		return ctl_usage_error(a, "port needs list or set");
	if (!strcmp(verb, "list")) {
		cmd->op = CTL_PORT_LIST;
		err = ctl_arg_dev(a, &cmd->dev);
	} else if (!strcmp(verb, "set")) {
		cmd->op = CTL_PORT_SET;
		err = ctl_arg_dev(a, &cmd->dev);
		if (!err)
			err = ctl_arg_port(a, &cmd->port);
		if (!err)
			err = parse_hairpin(a, cmd);
	} else {
		return ctl_usage_error(a, "unknown command 'port %s'", verb);
	}
	return err ? err : ctl_arg_end(a);
}

void ctl_port_text(FILE *f, const struct podnet_port *port, const char *name)
{
	char buf[IF_NAMESIZE];

	fprintf(f, "%s: ifindex %d hairpin %s\n",
		ctl_iflabel(port->ifindex, name, buf), port->ifindex,
		port->hairpin ? "on" : "off");
}

json_t *ctl_port_json(const struct podnet_port *port, const char *name)
{
	return json_pack("{s:s?, s:i, s:b}",
			 "ifname", name,
			 "ifindex", port->ifindex,
			 "hairpin", port->hairpin);
}

int ctl_run_port_list(const struct ctl_cmd *cmd, FILE *out,
		      char *errbuf, size_t errlen)
{
	struct podnet_port *ports;
	char buf[IF_NAMESIZE];
	json_t *doc;
	size_t count, i;
	int err;

	err = podnet_port_list(cmd->dev, &ports, &count, errbuf, errlen);
	if (err)
		return err;
	doc = cmd->json ? json_array() : NULL;
	for (i = 0; i < count; i++) {
		const char *name = ctl_ifname(ports[i].ifindex, buf);

		if (cmd->json)
			ctl_json_append(&doc, ctl_port_json(&ports[i], name));
		else
			ctl_port_text(out, &ports[i], name);
	}
	free(ports);
	return cmd->json ? ctl_emit_json(out, doc) : 0;
}

int ctl_run_port_set(const struct ctl_cmd *cmd,
		     FILE *out __attribute__((unused)),
		     char *errbuf, size_t errlen)
{
	struct podnet_port port = { .hairpin = cmd->hairpin };

	port.ifindex = if_nametoindex(cmd->port);
	if (!port.ifindex) {
		snprintf(errbuf, errlen, "no such port '%s'", cmd->port);
		return -ENODEV;
	}
	return podnet_port_set(cmd->dev, &port, errbuf, errlen);
}
