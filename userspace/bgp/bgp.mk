# SPDX-License-Identifier: GPL-2.0
# The BGP codec and state machine (userspace/bgp) and their tests. Included
# at the end of userspace/Makefile: it uses that file's variables and adds
# to its targets.
#
#   $(B)/libpodnetbgp.a      the library, built by all
#   $(B)/unit/test_bgp_*     cmocka tests linked with it, run by check
#   $(FB)/fuzz_bgp_msg       the message parser's libFuzzer harness, in
#                            fuzz and fuzz-run
#   make bgp-corpus          rewrites its seed corpus from the unit test

BGP_LIB := $(B)/libpodnetbgp.a
BGP_SRCS := $(wildcard $(here)/bgp/*.c)
BGP_OBJS := $(patsubst $(here)/bgp/%.c,$(B)/bgp/%.o,$(BGP_SRCS))
BGP_FUZZ_LIB := $(FB)/libpodnetbgp.a
BGP_FUZZERS := $(FB)/fuzz_bgp_msg
BGP_CORPUS := $(top)/tests/fuzz/corpus/fuzz_bgp_msg

FUZZERS += $(BGP_FUZZERS)

all: $(BGP_LIB)

$(BGP_LIB): $(BGP_OBJS)
	$(AR) rcs $@ $^

$(B)/bgp/%.o: $(here)/bgp/%.c
	@mkdir -p $(@D)
	$(COMPILE) -c -o $@ $<

# A shorter stem than $(B)/unit/%'s, so make picks this rule for them.
$(B)/unit/test_bgp_%: $(top)/tests/unit/test_bgp_%.c $(BGP_LIB)
	@mkdir -p $(@D)
	$(COMPILE) -I$(here)/bgp $(CMOCKA_CFLAGS) \
		-DBGP_CORPUS='"$(BGP_CORPUS)"' $(LDFLAGS) -o $@ $< \
		$(BGP_LIB) $(CMOCKA_LIBS)

$(BGP_FUZZ_LIB): $(patsubst $(here)/bgp/%.c,$(FB)/bgp/%.o,$(BGP_SRCS))
	$(AR) rcs $@ $^

$(FB)/bgp/%.o: $(here)/bgp/%.c
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer-no-link -c -o $@ $<

# Not $^: the dependency files add the headers to the prerequisites.
$(FB)/fuzz_bgp_%: $(top)/tests/fuzz/fuzz_bgp_%.c $(BGP_FUZZ_LIB)
	$(FUZZ_COMPILE) -I$(here)/bgp -fsanitize=fuzzer $(LDFLAGS) -o $@ $< \
		$(BGP_FUZZ_LIB)

# userspace/Makefile's fuzz and fuzz-run took FUZZERS before the += above.
fuzz: $(BGP_FUZZERS)
fuzz-run: $(filter $(BGP_FUZZERS),$(FUZZERS))

bgp-corpus: $(B)/unit/test_bgp_corpus
	$< --write $(BGP_CORPUS)

.PHONY: bgp-corpus

-include $(BGP_OBJS:.o=.d)
