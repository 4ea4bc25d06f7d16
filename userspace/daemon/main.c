// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd: reads its configuration, finds the underlay, sets up podnet0
 * and the cluster routes, runs the BGP sessions and the control socket,
 * and follows the host until SIGTERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <event2/event.h>
#include <systemd/sd-daemon.h>

#include "config_flags.h"
#include "control.h"
#include "log.h"
#include "podnetd.h"


uint64_t podnetd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_converge_timer(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	kernel_converged(arg, "restart time over");
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct podnetd *d = arg;

	(void)what;
	if (sig == SIGHUP) {
		podnetd_reconcile(d, "SIGHUP");
		return;
	}
	log_info("%s: stopping%s", strsignal(sig), d->cfg.graceful_restart ?
		 ", forwarding state kept (graceful restart)" : "");
	d->stopping = true;
	sd_notify(0, "STOPPING=1");
	event_base_loopbreak(d->base);
}

static struct event *signal_add(struct podnetd *d, int sig)
{
	struct event *ev = evsignal_new(d->base, sig, on_signal, d);

	if (ev)
		event_add(ev, NULL);
	return ev;
}

static int load_config(struct podnetd *d, const struct podnetd_flags *f)
{
	char errbuf[512];
	int err;

	podnetd_config_defaults(&d->cfg);
	if (f->config_given || !access(f->config, F_OK)) {
		err = podnetd_config_load(&d->cfg, f->config, errbuf,
					  sizeof(errbuf));
		if (err) {
			log_err("%s", errbuf);
			return err;
		}
	}
	err = podnetd_flags_apply(f, &d->cfg, errbuf, sizeof(errbuf));
	if (!err)
		err = podnetd_config_validate(&d->cfg, errbuf, sizeof(errbuf));
	if (err)
		log_err("%s", errbuf);
	return err;
}

static int setup_identity(struct podnetd *d)
{
	char errbuf[256];
	int err;

	err = underlay_detect(&d->cfg.underlay, &d->underlay, errbuf,
			      sizeof(errbuf));
	if (err) {
		log_err("underlay: %s", errbuf);
		return err;
	}
	podnetd_log_underlay(&d->underlay);
	d->router_id = d->cfg.router_id;
	if (!d->router_id && d->underlay.has_v4)
		d->router_id = ntohl(d->underlay.v4.s_addr);
	if (!d->router_id) {
		log_err("no router ID: an IPv6-only underlay needs "
			"node.router-id");
		return -EINVAL;
	}
	if (!*d->cfg.node_name)
		gethostname(d->cfg.node_name, sizeof(d->cfg.node_name) - 1);
	return 0;
}

static int setup_control(struct podnetd *d)
{
	char errbuf[256], dir[sizeof(d->cfg.control_socket)];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", d->cfg.control_socket);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0750) && errno != EEXIST)
			log_warn("%s: %s", dir, strerror(errno));
	}
	d->control = control_server_new(d->base, d->cfg.control_socket,
					d->cfg.control_group,
					podnetd_control_handle, d, errbuf,
					sizeof(errbuf));
	if (!d->control) {
		log_err("control socket %s: %s", d->cfg.control_socket, errbuf);
		return -EIO;
	}
	return 0;
}

static int setup_events(struct podnetd *d)
{
	struct timeval tv;

	d->sig_term = signal_add(d, SIGTERM);
	d->sig_int = signal_add(d, SIGINT);
	d->sig_hup = signal_add(d, SIGHUP);
	d->reconcile_ev = evtimer_new(d->base, podnetd_on_reconcile, d);
	d->resync_timer = evtimer_new(d->base, podnetd_on_reconcile, d);
	d->converge_timer = evtimer_new(d->base, on_converge_timer, d);
	if (!d->sig_term || !d->sig_int || !d->sig_hup || !d->reconcile_ev ||
	    !d->resync_timer || !d->converge_timer)
		return -ENOMEM;
	tv = (struct timeval){ .tv_sec = RECONCILE_PERIOD_S };
	event_add(d->resync_timer, &tv);
	/* RFC 4724 4.1: wait for the peers no longer than our restart time */
	tv = (struct timeval){ .tv_sec = d->cfg.restart_time };
	event_add(d->converge_timer, &tv);
	d->netwatch = netwatch_new(d);
	if (!d->netwatch)
		log_warn("cannot follow rtnetlink: changes seen every %d s only",
			 RECONCILE_PERIOD_S);
	return 0;
}

static int run(struct podnetd *d)
{
	struct rib_local local;
	int err;

	signal(SIGPIPE, SIG_IGN);
	d->started_ms = podnetd_now_ms();
	d->msg = calloc(1, sizeof(*d->msg));
	d->acts = calloc(1, sizeof(*d->acts));
	d->base = event_base_new();
	if (!d->msg || !d->acts || !d->base)
		return -ENOMEM;
	err = setup_identity(d);
	if (err)
		return err;
	podnetd_rib_local(d, &local);
	d->rib = rib_new(&local);
	if (!d->rib)
		return -ENOMEM;
	err = kernel_setup(d);
	if (err)
		return err;
	err = setup_events(d);
	if (!err)
		err = peers_init(d);
	if (!err && d->cfg.bgp_enabled)
		err = peers_listen(d);
	if (!err)
		err = setup_control(d);
	if (!err)
		err = speaker_originate(d);
	if (err)
		return err;
	if (!d->n_peers)
		kernel_converged(d, "no peers");
	if (d->cfg.bgp_enabled)
		peers_start(d);
	d->ready = true;
	sd_notify(0, "READY=1\nSTATUS=running");
	log_info("ready: node %s, AS %u, %zu peers", d->cfg.node_name,
		 d->cfg.as, d->n_peers);
	event_base_dispatch(d->base);
	return 0;
}

static void teardown(struct podnetd *d)
{
	bool keep = d->cfg.graceful_restart;

	if (d->base) {
		peers_stop(d, keep);
		if (d->ifindex)
			kernel_shutdown(d, keep);
	}
	peers_free(d);
	if (d->control)
		control_server_free(d->control);
	netwatch_free(d->netwatch);
	if (d->drain_ev)
		event_free(d->drain_ev);
	if (d->sig_term)
		event_free(d->sig_term);
	if (d->sig_int)
		event_free(d->sig_int);
	if (d->sig_hup)
		event_free(d->sig_hup);
	if (d->reconcile_ev)
		event_free(d->reconcile_ev);
	if (d->resync_timer)
		event_free(d->resync_timer);
	if (d->converge_timer)
		event_free(d->converge_timer);
	if (d->rib)
		rib_free(d->rib);
	if (d->base)
		event_base_free(d->base);
	free(d->msg);
	free(d->acts);
}

int main(int argc, char *argv[])
{
	static struct podnetd d;
	struct podnetd_flags *f;
	char errbuf[512];
	int err;

	f = calloc(1, sizeof(*f));
	if (!f)
		return 1;
	if (podnetd_flags_parse(argc, argv, f, errbuf, sizeof(errbuf))) {
		fprintf(stderr, "podnetd: %s\n%s", errbuf, podnetd_usage);
		return 2;
	}
	if (f->help || f->version) {
		fputs(f->help ? podnetd_usage : "podnetd " PODNET_VERSION "\n",
		      stdout);
		return 0;
	}
	log_init(f->verbose ? LOG_DEBUG : LOG_INFO);
	d.listen_fd = -1;
	err = load_config(&d, f);
	if (!err && f->check) {
		printf("%s: configuration is valid\n",
		       *d.cfg.path ? d.cfg.path : "(no file)");
		free(f);
		return 0;
	}
	free(f);
	if (!err)
		err = run(&d);
	teardown(&d);
	return err ? 1 : 0;
}
