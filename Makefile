# tlsprobe -- a TLS handshake prober that speaks TLS itself.
# Needs libcrypto (OpenSSL 3) and libbsd; never libssl.

PREFIX ?=	/usr/local
BINDIR ?=	$(PREFIX)/bin
MANDIR ?=	$(PREFIX)/share/man
PKG_CONFIG ?=	pkg-config
PKGS =		libcrypto libbsd-overlay

CC ?=		cc
CFLAGS ?=	-O2 -g
WARNFLAGS =	-std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow \
		-Wmissing-prototypes -Wstrict-prototypes
PKG_CFLAGS :=	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS :=	$(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS =	$(WARNFLAGS) -D_GNU_SOURCE $(PKG_CFLAGS) $(CFLAGS)
# Link only what we call directly: libssl must never appear.
ALL_LDFLAGS =	-Wl,--as-needed $(LDFLAGS)

SANFLAGS =	-fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=all

SRCS :=		$(wildcard src/*.c)
LIBSRCS :=	$(filter-out src/tlsprobe.c,$(SRCS))
HDRS :=		$(wildcard src/*.h)
UNITSRCS :=	$(wildcard tests/unit/test_*.c)

OBJS :=		$(LIBSRCS:src/%.c=build/obj/%.o)
AOBJS :=	$(LIBSRCS:src/%.c=build/asan/%.o)
UNITS :=	$(UNITSRCS:tests/unit/%.c=build/unit/%)
AUNITS :=	$(UNITSRCS:tests/unit/%.c=build/asan/unit/%)

.PHONY: all deps check asan demo install uninstall clean lint units bench fuzz

all: tlsprobe

tlsprobe: build/obj/tlsprobe.o $(OBJS)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ build/obj/tlsprobe.o $(OBJS) $(PKG_LIBS)

build/obj/%.o: src/%.c $(HDRS)
	@mkdir -p build/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h tests/fuzz/*.h) $(OBJS)
	@mkdir -p build/unit
	$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< $(OBJS) $(PKG_LIBS)

units: $(UNITS)

build/asan/tlsprobe: build/asan/tlsprobe.o $(AOBJS)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) $(ALL_LDFLAGS) -o $@ build/asan/tlsprobe.o $(AOBJS) $(PKG_LIBS)

build/asan/%.o: src/%.c $(HDRS)
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c -o $@ $<

build/asan/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h tests/fuzz/*.h) $(AOBJS)
	@mkdir -p build/asan/unit
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< $(AOBJS) $(PKG_LIBS)

# Each user-facing target first makes sure the build dependencies are there
# (tests/deps.sh installs them as root, or prints the apt-get line); the
# sub-make then sees pkg-config's answers.
deps:
	@sh tests/deps.sh

check: deps
	@$(MAKE) --no-print-directory all units build/asan/tlsprobe
	@TLSPROBE=./tlsprobe UNITDIR=build/unit \
	    TP_ASAN_TLSPROBE=build/asan/tlsprobe sh tests/run

asan: deps
	@$(MAKE) --no-print-directory build/asan/tlsprobe $(AUNITS)
	@TLSPROBE=build/asan/tlsprobe UNITDIR=build/asan/unit \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	    UBSAN_OPTIONS=print_stacktrace=1 sh tests/run

# the demo needs only the build dependencies and openssl (its server)
demo:
	@sh tests/deps.sh demo
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh

bench: all
	@sh tests/bench/handshake
	@sh tests/bench/resume

lint:
	mandoc -Tlint -Wall man/tlsprobe.1

install: tlsprobe
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -s -m 755 tlsprobe $(DESTDIR)$(BINDIR)/tlsprobe
	install -m 644 man/tlsprobe.1 $(DESTDIR)$(MANDIR)/man1/tlsprobe.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tlsprobe $(DESTDIR)$(MANDIR)/man1/tlsprobe.1

clean:
	rm -rf build tlsprobe

# --- fuzzing (tests/fuzz) ---
# libFuzzer targets (clang, ASan+UBSan) over the engine built apart in
# FUZZ_DIR (default build/fuzz); `make fuzz` runs each for FUZZ_SECONDS
# (tests/fuzz/run.sh). The library objects are built with
# -fsanitize=fuzzer-no-link so the fuzzer sees their coverage.
FUZZ_CC ?=	clang
FUZZ_DIR ?=	build/fuzz
FUZZ_SECONDS ?=	60
FUZZ_CFLAGS =	-std=c11 -Wall -Wextra -D_GNU_SOURCE $(PKG_CFLAGS) -g -O1 \
		-fno-omit-frame-pointer -DTP_FUZZ \
		-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRCS :=	$(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS :=	$(FUZZ_SRCS:tests/fuzz/%.c=$(FUZZ_DIR)/%)
FUZZ_OBJS :=	$(LIBSRCS:src/%.c=$(FUZZ_DIR)/obj/%.o)
# only pattern rules name them: keep make from deleting them as intermediates
.SECONDARY: $(FUZZ_OBJS)

$(FUZZ_DIR)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) \
    tests/fuzz/fuzz_certs.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
	    $(FUZZ_OBJS) $(PKG_LIBS)

# The corpus maker: the engine with a capturing transport (plain build).
$(FUZZ_DIR)/capture: tests/fuzz/capture.c tests/fuzz/fuzz.h $(OBJS)
	@mkdir -p $(FUZZ_DIR)
	$(CC) $(ALL_CFLAGS) -Isrc $(ALL_LDFLAGS) -o $@ $< $(OBJS) $(PKG_LIBS)

.PHONY: fuzz-build
fuzz-build: $(FUZZ_TARGETS) $(FUZZ_DIR)/capture

fuzz: deps
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)
