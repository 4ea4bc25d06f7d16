/* SPDX-License-Identifier: GPL-2.0 */
/* The control socket's file, for control.c. */
#ifndef PODNETD_CONTROL_SOCKET_H
#define PODNETD_CONTROL_SOCKET_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/* group's gid, 0 for "": 0 or -errno with errbuf saying why. */
int control_group_gid(const char *group, gid_t *gid,
		      char *errbuf, size_t errlen);

/*
 * A nonblocking socket listening on path, the file mode 0660 and group's,
 * described in *st: the fd, or -errno with errbuf saying why.
 */
int control_socket_open(const char *path, gid_t group, struct stat *st,
			char *errbuf, size_t errlen);

/* Removes path if it is still the file described by st. */
void control_socket_remove(const char *path, const struct stat *st);

#endif
