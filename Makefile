# SPDX-License-Identifier: GPL-2.0
#
#   make                 podnet.ko for KDIR, and the userspace programs
#   make check           every test, on the whole kernel matrix (see README)
#   make demo            a VM that loads podnet and shows a device
#   make install         podnet.ko (extra/), userspace programs, podnetd's
#                        systemd unit, docs
#   make dkms-install    register, build and install with DKMS
#   make lint            checkpatch --strict and sparse
#
# KDIR defaults to the running kernel's build directory.

KDIR ?= /lib/modules/$(shell uname -r)/build
VERSION := $(file < VERSION)
PREFIX ?= /usr/local
DESTDIR ?=

all: module userspace

module:
	@test -d "$(KDIR)" || { \
		echo "make: no kernel build directory at $(KDIR):" \
		     "install linux-headers-$$(uname -r) or pass KDIR=" >&2; exit 1; }
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" modules

userspace:
	$(MAKE) -C userspace

check:
	scripts/check

demo:
	scripts/demo

lint:
	scripts/lint

install: install-module install-userspace

install-module: module
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" INSTALL_MOD_DIR=extra modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(KDIR))) || true

install-userspace: userspace
	$(MAKE) -C userspace install PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)"
	install -D -m 0644 include/uapi/linux/podnet.h \
		"$(DESTDIR)$(PREFIX)/include/linux/podnet.h"
	install -D -m 0644 packaging/podnetd.service \
		"$(DESTDIR)/lib/systemd/system/podnetd.service"
	install -D -m 0644 packaging/rt_protos.conf \
		"$(DESTDIR)/etc/iproute2/rt_protos.d/podnet.conf"
	install -D -m 0644 Documentation/examples/podnetd.yaml \
		"$(DESTDIR)$(PREFIX)/share/doc/podnet/examples/podnetd.yaml"

# DKMS builds from /usr/src/podnet-VERSION with this tree's Kbuild.
DKMS_SRC := $(DESTDIR)/usr/src/podnet-$(VERSION)
dkms-install:
	install -d "$(DKMS_SRC)"
	cp -r Kbuild VERSION dkms.conf include module "$(DKMS_SRC)/"
	install -D -m 0755 scripts/compat-probe "$(DKMS_SRC)/scripts/compat-probe"
	dkms install podnet/$(VERSION)

dkms-remove:
	dkms remove podnet/$(VERSION) --all
	rm -rf "$(DKMS_SRC)"

clean:
	$(if $(wildcard $(KDIR)),$(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean)
	$(MAKE) -C userspace clean

.PHONY: all module userspace check demo lint install install-module \
	install-userspace dkms-install dkms-remove clean
