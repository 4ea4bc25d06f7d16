// SPDX-License-Identifier: GPL-2.0
/*
 * podnet-rawlink: libpodnet's link calls for test scripts.
 *
 * The raw form sends an RTM_NEWLINK of kind podnet whose IFLA_INFO_DATA
 * holds exactly the attribute given, to prove that the module refuses
 * malformed ones. HEXPAYLOAD is the attribute's bytes in order, "" for
 * none: mode routed on a little-endian host is ATTRTYPE 1, 01000000.
 *
 * Exit status: 0 done, 1 refused ("error: <strerror>: <extack message>"
 * on stderr), 2 usage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podnet.h"

static int usage(void)
{
	fputs("usage: podnet-rawlink NAME ATTRTYPE HEXPAYLOAD\n"
	      "       podnet-rawlink --mode NAME bridge|routed\n"
	      "       podnet-rawlink --get NAME\n"
	      "       podnet-rawlink --del NAME\n", stderr);
	return 2;
}

static int report(int err, const char *errbuf)
{
	if (!err)
		return 0;
	if (errbuf[0])
		fprintf(stderr, "error: %s: %s\n", strerror(-err), errbuf);
	else
		fprintf(stderr, "error: %s\n", strerror(-err));
	return 1;
}

static int parse_attr_type(const char *s, uint16_t *type)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (!isdigit((unsigned char)s[0]) || *end || errno || v > UINT16_MAX)
		return -1;
	*type = v;
	return 0;
}

static int hex_digit(char c)
{
	if (!isxdigit((unsigned char)c))
		return -1;
	return isdigit((unsigned char)c) ? c - '0' : tolower(c) - 'a' + 10;
}

static int parse_hex(const char *s, uint8_t *buf, size_t *len)
{
	size_t n = strlen(s) / 2;
	size_t i;

	if (strlen(s) % 2 || n > PODNET_RAW_PAYLOAD_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = hex_digit(s[2 * i]);
		int lo = hex_digit(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		buf[i] = hi << 4 | lo;
	}
	*len = n;
	return 0;
}

static int cmd_raw(const char *name, const char *type_arg, const char *hex)
{
	uint8_t payload[PODNET_RAW_PAYLOAD_MAX];
	char errbuf[512];
	uint16_t type;
	size_t len;

	if (parse_attr_type(type_arg, &type) || parse_hex(hex, payload, &len))
		return usage();
	return report(podnet_link_add_raw(name, type, payload, len,
					  errbuf, sizeof(errbuf)), errbuf);
}

static int cmd_mode(const char *name, const char *mode)
{
	struct podnet_link_params p = { .mode_set = true };
	char errbuf[512];

	if (podnet_mode_from_string(mode, &p.mode))
		return usage();
	return report(podnet_link_add(name, &p, errbuf, sizeof(errbuf)), errbuf);
}

static int cmd_get(const char *name)
{
	struct podnet_link_info info;
	char errbuf[512];
	int err;

	err = podnet_link_get(name, &info, errbuf, sizeof(errbuf));
	if (err)
		return report(err, errbuf);
	printf("kind=%s mode=%s\n", PODNET_LINK_KIND,
	       podnet_mode_to_string(info.mode));
	return 0;
}

static int cmd_del(const char *name)
{
	char errbuf[512];

	return report(podnet_link_del(name, errbuf, sizeof(errbuf)), errbuf);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--get"))
		return cmd_get(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "--del"))
		return cmd_del(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--mode"))
		return cmd_mode(argv[2], argv[3]);
	if (argc == 4 && argv[1][0] != '-')
		return cmd_raw(argv[1], argv[2], argv[3]);
	return usage();
}
