# SPDX-License-Identifier: GPL-2.0
# podnetd (userspace/daemon) and its tests. Included at the end of
# userspace/Makefile, after bgp/bgp.mk: it uses their variables and adds to
# their targets.
#
#   $(B)/podnetd                 the daemon, built by all, installed
#   $(B)/libpodnetd.a            all of it but main(), for the tests
#   $(B)/unit/test_podnetd_*     cmocka tests, run by check
#   $(FB)/fuzz_podnetd_*         libFuzzer harnesses of its parsers

PODNETD_PKGS := libevent_core yaml-0.1 libsystemd libnl-route-3.0
PODNETD_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PODNETD_PKGS)) \
	-I$(here)/bgp -I$(here)/daemon
PODNETD_LIBS := $(shell $(PKG_CONFIG) --libs $(PODNETD_PKGS)) \
	$(NL_LIBS) $(JSON_LIBS)

PODNETD := $(B)/podnetd
PODNETD_LIB := $(B)/libpodnetd.a
PODNETD_SRCS := $(filter-out $(here)/daemon/main.c,\
	$(wildcard $(here)/daemon/*.c))
PODNETD_OBJS := $(patsubst $(here)/daemon/%.c,$(B)/daemon/%.o,$(PODNETD_SRCS))
PODNETD_FUZZERS := $(patsubst $(top)/tests/fuzz/%.c,$(FB)/%,\
	$(wildcard $(top)/tests/fuzz/fuzz_podnetd_*.c))

USER_TOOLS += $(PODNETD)
FUZZERS += $(PODNETD_FUZZERS)

all: $(PODNETD)
install: $(PODNETD)

$(PODNETD_LIB): $(PODNETD_OBJS)
	$(AR) rcs $@ $^

$(B)/daemon/%.o: $(here)/daemon/%.c
	@mkdir -p $(@D)
	$(COMPILE) $(PODNETD_CFLAGS) -c -o $@ $<

$(B)/daemon/cli.o: $(top)/VERSION

$(PODNETD): $(B)/daemon/main.o $(PODNETD_LIB) $(BGP_LIB) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PODNETD_LIBS)

# A test or harness of a part links only that part's objects: the files
# named like its stem's first word (test_podnetd_rib_best: daemon/rib*.c).
podnetd_part = $(wildcard $(here)/daemon/$(firstword $(subst _, ,$(1)))*.c)
podnetd_objs = $(patsubst $(here)/daemon/%.c,$(2)/daemon/%.o,\
	$(call podnetd_part,$(1)))

.SECONDEXPANSION:

# A shorter stem than $(B)/unit/%'s, so make picks this rule for them.
$(B)/unit/test_podnetd_%: $(top)/tests/unit/test_podnetd_%.c \
		$$(call podnetd_objs,$$*,$(B)) $(BGP_LIB) $(LIB)
	@mkdir -p $(@D)
	$(COMPILE) $(PODNETD_CFLAGS) $(CMOCKA_CFLAGS) $(LDFLAGS) \
		$(foreach f,$(UNIT_WRAP_test_podnetd_$*),-Wl,--wrap=$(f)) \
		-o $@ $< $(call podnetd_objs,$*,$(B)) $(BGP_LIB) $(LIB) \
		$(CMOCKA_LIBS) $(PODNETD_LIBS)

# Static: objects found by the harnesses' second expansion only must be
# known to make, or it falls back to userspace/Makefile's fuzz_% rule.
PODNETD_FUZZ_OBJS := $(patsubst $(here)/daemon/%.c,$(FB)/daemon/%.o,\
	$(PODNETD_SRCS))
$(PODNETD_FUZZ_OBJS): $(FB)/daemon/%.o: $(here)/daemon/%.c
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) $(PODNETD_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FB)/fuzz_podnetd_%: $(top)/tests/fuzz/fuzz_podnetd_%.c \
		$$(call podnetd_objs,$$*,$(FB)) $(BGP_FUZZ_LIB) $(FUZZ_LIB)
	$(FUZZ_COMPILE) $(PODNETD_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
		$(call podnetd_objs,$*,$(FB)) $(BGP_FUZZ_LIB) $(FUZZ_LIB) \
		$(PODNETD_LIBS)

fuzz: $(PODNETD_FUZZERS)
fuzz-run: $(filter $(PODNETD_FUZZERS),$(FUZZERS))

-include $(PODNETD_OBJS:.o=.d) $(B)/daemon/main.d
