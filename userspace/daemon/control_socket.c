// SPDX-License-Identifier: GPL-2.0
/*
 * The control socket's file: bound with mode 0660 and the control group, a
 * stale one left by a podnetd that died replaced, a live one left alone.
 */
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control_socket.h"

#define BACKLOG 16
/* getgrnam_r()'s buffer grows to this for a group of many members. */
#define GROUP_BUF_MAX (1 << 20)

static int fail(int err, char *errbuf, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(int err, char *errbuf, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return err;
}

int control_group_gid(const char *group, gid_t *gid,
		      char *errbuf, size_t errlen)
{
	struct group grp, *found = NULL;
	size_t size = 1024;
	char *buf = NULL, *bigger;
	int err;

	*gid = 0;
	if (!group[0])
		return 0;
	do {
		size *= 2;
		bigger = realloc(buf, size);
		if (!bigger) {
			err = ENOMEM;
			break;
		}
		buf = bigger;
		err = getgrnam_r(group, &grp, buf, size, &found);
	} while (err == ERANGE && size < GROUP_BUF_MAX);
	if (found)
		*gid = grp.gr_gid;
	free(buf);
	if (err)
		return fail(-err, errbuf, errlen, "control group '%s': %s",
			    group, strerror(err));
	if (!found)
		return fail(-ENOENT, errbuf, errlen,
			    "control group '%s' does not exist", group);
	return 0;
}

/* Mode 0660 from the start: no moment when others could connect. */
static int bind_0660(int fd, const struct sockaddr_un *sun)
{
	mode_t old = umask(0117);
	int err = bind(fd, (const struct sockaddr *)sun, sizeof(*sun));

	err = err ? -errno : 0;
	umask(old);
	return err;
}

/* 0 once path is free: it was not there, or nobody listened on it. */
static int remove_stale(const struct sockaddr_un *sun,
			char *errbuf, size_t errlen)
{
	const char *path = sun->sun_path;
	struct stat st;
	int probe, err;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : fail(-errno, errbuf, errlen,
						  "%s: %s", path,
						  strerror(errno));
	if (!S_ISSOCK(st.st_mode))
		return fail(-EEXIST, errbuf, errlen,
			    "%s exists and is not a socket", path);
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (probe < 0)
		return fail(-errno, errbuf, errlen, "socket: %s",
			    strerror(errno));
	err = connect(probe, (const struct sockaddr *)sun, sizeof(*sun));
	err = err ? -errno : 0;
	close(probe);
	if (err == -ECONNREFUSED && unlink(path) && errno != ENOENT)
		return fail(-errno, errbuf, errlen,
			    "%s: cannot remove the stale socket: %s", path,
			    strerror(errno));
	if (err == -ECONNREFUSED || err == -ENOENT)
		return 0;
	/* A full backlog is a live listener too. */
	if (!err || err == -EAGAIN)
		return fail(-EADDRINUSE, errbuf, errlen,
			    "%s: another podnetd is listening there", path);
	return fail(err, errbuf, errlen, "%s: %s", path, strerror(-err));
}

static int bind_replacing_stale(int fd, const struct sockaddr_un *sun,
				char *errbuf, size_t errlen)
{
	int err = bind_0660(fd, sun);

	if (err == -EADDRINUSE) {
		err = remove_stale(sun, errbuf, errlen);
		if (err)
			return err;
		err = bind_0660(fd, sun);
	}
	if (err)
		return fail(err, errbuf, errlen, "bind %s: %s", sun->sun_path,
			    strerror(-err));
	return 0;
}

/* lchown(): the file is the socket just bound, never what a link names. */
static int set_group(const char *path, gid_t group, struct stat *st,
		     char *errbuf, size_t errlen)
{
	if (lstat(path, st))
		return fail(-errno, errbuf, errlen, "%s: %s", path,
			    strerror(errno));
	if (st->st_gid == group)
		return 0;
	if (lchown(path, -1, group))
		return fail(-errno, errbuf, errlen, "chown %s to gid %u: %s",
			    path, (unsigned int)group, strerror(errno));
	st->st_gid = group;
	return 0;
}

int control_socket_open(const char *path, gid_t group, struct stat *st,
			char *errbuf, size_t errlen)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path))
		return fail(-ENAMETOOLONG, errbuf, errlen,
			    "%s: too long for a Unix socket (%zu octets at most)",
			    path, sizeof(sun.sun_path) - 1);
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(-errno, errbuf, errlen, "socket: %s",
			    strerror(errno));
	err = bind_replacing_stale(fd, &sun, errbuf, errlen);
	if (err) {
		close(fd);
		return err;
	}
	err = set_group(path, group, st, errbuf, errlen);
	if (!err && listen(fd, BACKLOG))
		err = fail(-errno, errbuf, errlen, "listen %s: %s", path,
			   strerror(errno));
	if (err) {
		unlink(path);
		close(fd);
		return err;
	}
	return fd;
}

void control_socket_remove(const char *path, const struct stat *st)
{
	struct stat now;

	if (!lstat(path, &now) && now.st_dev == st->st_dev &&
	    now.st_ino == st->st_ino)
		unlink(path);
}
