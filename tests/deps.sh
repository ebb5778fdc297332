#!/bin/sh
# deps.sh [build|demo|all] -- make sure the Debian packages needed to build
# (build), to run `make demo` (demo: build and openssl), or to build and
# test tlsprobe (all, the default) are installed.  Silent when they are.
# As root, installs what is missing; otherwise prints the command to run
# and exits 1.  Never reads standard input.  README lists the same.

build_pkgs="build-essential pkg-config libssl-dev libbsd-dev"
case ${1:-all} in
build)	pkgs=$build_pkgs ;;
demo)	pkgs="$build_pkgs openssl" ;;
all)	pkgs="$build_pkgs openssl gnutls-bin mandoc python3 python3-cryptography valgrind time jq parallel" ;;
*)	echo "usage: deps.sh [build|demo|all]" >&2; exit 2 ;;
esac
# The STARTTLS and proxy tests run the real servers (tests/integration/
# starttls_*.sh start their own instances on free ports; the system's are
# never started).
if [ "${1:-all}" = all ]; then
	pkgs="$pkgs postfix dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-managesieved vsftpd slapd prosody inspircd postgresql mariadb-server tinyproxy"
fi

# Wanted by tests/integration/scan.sh and tests/bench/scan, which skip what
# is missing: installed as root when the archive has them, never an error.
# nginx: the tests run their own instance (throwaway config, free port);
# one that the package's install starts is stopped below.
optional="sslscan testssl.sh tcpdump nginx"
if [ "${1:-all}" = all ] && [ "$(id -u)" -eq 0 ]; then
	for p in $optional; do
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null </dev/null)
		case $st in
		*" installed")	;;
		*)	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			    --no-install-recommends "$p" </dev/null \
			    >/dev/null 2>&1 || :
			# a daemon the install just started (nginx): stop it
			# by its pid file
			if [ "$p" = nginx ] && [ -s /run/nginx.pid ]; then
				kill "$(cat /run/nginx.pid)" 2>/dev/null || :
			fi ;;
		esac
	done
fi

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null </dev/null)
	case $st in
	*" installed")	;;
	*)		missing="$missing $p" ;;
	esac
done
missing=${missing# }

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "tlsprobe needs these packages: $missing" >&2
	echo "run: sudo apt-get install -y $missing" >&2
	exit 1
fi

echo "deps.sh: installing $missing" >&2
DEBIAN_FRONTEND=noninteractive
export DEBIAN_FRONTEND

# apt-get update only when the package lists are missing or do not know a
# wanted package (a fresh container has empty lists).
need_update=
for p in $missing; do
	if ! apt-cache show "$p" >/dev/null 2>&1 </dev/null; then
		need_update=1
		break
	fi
done
update() {
	apt-get update -qq </dev/null >/dev/null || {
		echo "deps.sh: apt-get update failed" >&2
		exit 1
	}
}

install() {
	# Postfix asks how to deliver mail: not at all, the tests configure
	# their own instance.
	echo "postfix postfix/main_mailer_type select No configuration" |
	    debconf-set-selections
	# The daemons must not start on install (the tests start their own,
	# on free ports): a policy-rc.d that says no, only while installing.
	own_policy=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d &&
		    chmod 755 /usr/sbin/policy-rc.d && own_policy=1
	fi
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing \
	    </dev/null >/dev/null
	_rc=$?
	[ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
	return $_rc
}

if [ -n "$need_update" ]; then
	update
fi
if ! install; then
	# Stale package lists name files the mirror no longer has: refresh
	# them once and try again.
	if [ -z "$need_update" ]; then
		update
		install && exit 0
	fi
	echo "deps.sh: apt-get install -y $missing failed" >&2
	exit 1
fi
exit 0
