# starttls_db.sh -- -starttls postgres and -starttls mysql against the real
# PostgreSQL and MariaDB servers, each in a throwaway data directory on a
# free 127.0.0.1 port: a verified handshake with SSL on, the refusal with
# SSL off (the same data directory, restarted).

. "$(dirname "$0")/../lib.sh"
tp_daemons_setup
# the daemons run as their own users and must reach their files in $T
chmod 711 "$T"

PGBIN=
for _d in /usr/lib/postgresql/*/bin; do
	[ -x "$_d/postgres" ] && PGBIN=$_d
done

# --- PostgreSQL ---------------------------------------------------------------
# pg_start on|off: the server on $PG with ssl on or off.
pg_start() {
	PG=$(free_port) || return 1
	tp_daemon_start "postgres-$1" "$PG" runuser -u postgres -- \
	    "$PGBIN/postgres" -D "$T/pg/data" -k "$T/pg" -h 127.0.0.1 \
	    -p "$PG" -c "ssl=$1" -c "ssl_cert_file=$T/pg/server.crt" \
	    -c "ssl_key_file=$T/pg/server.key" -c fsync=off
}

if [ -z "$PGBIN" ]; then
	skip "starttls postgres" "PostgreSQL is not installed (tests/deps.sh installs it)"
else
	mkdir -p "$T/pg"
	cp "$CERTS/rsa.crt" "$T/pg/server.crt"
	cp "$CERTS/rsa.key" "$T/pg/server.key"
	chmod 600 "$T/pg/server.key"
	chown -R postgres "$T/pg"
	if ! runuser -u postgres -- "$PGBIN/initdb" -D "$T/pg/data" -A trust \
	    -U postgres --no-sync >"$T/initdb.log" 2>&1; then
		fail "starttls postgres: initdb" "$(tail -n 1 "$T/initdb.log")"
	elif pg_start on; then
		run_tp -connect "localhost:$PG" -starttls postgres -msg $CA \
		    </dev/null
		check_begin "starttls postgres: PostgreSQL, verified handshake, -msg plaintext lines"
		check_rc 0
		check_plain '>>>' 'PostgreSQL SSLRequest \[length 0008\]$'
		check_out '^    00 00 00 08 04 d2 16 2f$'
		check_plain '<<<' "PostgreSQL SSLRequest answer 'S' \\(go ahead\\) \\[length 0001\\]$"
		check_out '^Verification: OK$'
		check_out '^    Protocol  : TLSv1\.3$'
		check_end
		tp_stop_pid "$DAEMON_PID"

		if pg_start off; then
			run_tp -connect "localhost:$PG" -starttls postgres -msg \
			    </dev/null
			check_begin "starttls postgres: ssl=off: the 'N' answer is class starttls"
			check_rc 1
			check_fail_line "^tlsprobe: FAIL starttls: the server refused the SSLRequest: it answered 'N' "
			check_plain '<<<' "PostgreSQL SSLRequest answer 'N'"
			check_end
			tp_stop_pid "$DAEMON_PID"
		else
			fail "starttls postgres: ssl=off" "PostgreSQL did not start"
		fi
	else
		fail "starttls postgres" "PostgreSQL did not start"
	fi
fi

# --- MariaDB ----------------------------------------------------------------
# my_start SSL-OPTIONS...: mariadbd on $MY.
my_start() {
	MY=$(free_port) || return 1
	tp_daemon_start mariadb "$MY" mariadbd --no-defaults \
	    --datadir="$T/my/data" --user=mysql --port="$MY" \
	    --bind-address=127.0.0.1 --socket="$T/my/sock" \
	    --pid-file="$T/my/pid" --skip-log-bin --innodb-buffer-pool-size=8M \
	    "$@"
}

if ! tp_have mariadbd || ! tp_have mariadb-install-db; then
	skip "starttls mysql" "MariaDB is not installed (tests/deps.sh installs it)"
else
	mkdir -p "$T/my"
	cp "$CERTS/rsa.crt" "$T/my/server.crt"
	cp "$CERTS/rsa.key" "$T/my/server.key"
	chown -R mysql "$T/my"
	if ! mariadb-install-db --no-defaults --datadir="$T/my/data" \
	    --user=mysql --auth-root-authentication-method=normal \
	    --skip-test-db >"$T/my-install.log" 2>&1; then
		fail "starttls mysql: mariadb-install-db" "$(tail -n 1 "$T/my-install.log")"
	elif my_start --ssl-cert="$T/my/server.crt" --ssl-key="$T/my/server.key"
	then
		run_tp -connect "localhost:$MY" -starttls mysql -msg $CA \
		    </dev/null
		check_begin "starttls mysql: MariaDB, verified handshake, -msg plaintext lines"
		check_rc 0
		check_plain '<<<' 'MySQL initial handshake, protocol 10, server [^ ]*MariaDB[^ ]*, capabilities 0x[0-9a-f]{4} \(SSL\) \[length [0-9a-f]{4}\]$'
		check_plain '>>>' 'MySQL SSLRequest \[length 0024\]$'
		check_out '^    20 00 00 01 85 ae 7f 00 00 00 00 01 21 00 00 00$'
		check_out '^Verification: OK$'
		check_end

		run_tp -connect "127.0.0.1:$MY" -starttls smtp -diagnose </dev/null
		check_begin "starttls: -starttls smtp on a MySQL port: recognised"
		check_rc 1
		check_fail_line "port $MY answered like a MySQL server, not an SMTP server: \"[^\"]*\\\\x0a5\\.5\\.5-.*\\(try -starttls mysql\\)\$"
		check_end
		tp_stop_pid "$DAEMON_PID"

		if my_start --skip-ssl; then
			run_tp -connect "localhost:$MY" -starttls mysql </dev/null
			check_begin "starttls mysql: --skip-ssl: no CLIENT_SSL is class starttls"
			check_rc 1
			check_fail_line '^tlsprobe: FAIL starttls: the server does not offer SSL; its initial handshake says: server .*MariaDB.*, capability flags 0x[0-9a-f]{4} without CLIENT_SSL \(0x0800\)$'
			check_end
		else
			fail "starttls mysql: --skip-ssl" "MariaDB did not start"
		fi
	else
		fail "starttls mysql" "MariaDB did not start"
	fi
fi

stop_servers
tp_done
