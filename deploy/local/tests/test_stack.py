"""The local stack against real servers (started on demand by the inspraak_stack plugin)."""

from __future__ import annotations

import smtplib
import socket
import time
import uuid
from email.message import EmailMessage

import httpx
import psycopg
import pytest

from inspraak_stack import cli, config, mailcatcher, stack
from inspraak_stack.mailbox import Mailbox
from inspraak_stack.procs import StackError


def _unique_address() -> str:
    return f"stacktest-{uuid.uuid4().hex[:8]}@example.org"


def _send(mailbox: Mailbox, to: str, subject: str) -> None:
    msg = EmailMessage()
    msg["From"] = "noreply@inspraak.test"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content("Hallo\n")
    msg.add_alternative("<p><b>Hallo</b></p>\n", subtype="html")
    with smtplib.SMTP(mailbox.smtp_host, mailbox.smtp_port, timeout=10) as smtp:
        smtp.login("app", "any-password")  # the catcher accepts any login
        smtp.send_message(msg)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_mail_round_trip_smtp_to_http_api(mailbox):
    to = _unique_address()
    _send(mailbox, to, "Uitnodiging ✓")

    message = mailbox.wait_for(lambda m: m["subject"] == "Uitnodiging ✓", to=to)

    assert message["rcpt_tos"] == [to]
    assert message["mail_from"] == "noreply@inspraak.test"
    assert message["headers"]["To"] == [to]
    assert message["text"] == "Hallo\n"
    assert message["html"] == "<p><b>Hallo</b></p>\n"
    assert mailbox.get(message["id"])["raw"] == message["raw"]


def test_mail_api_filters_by_recipient_and_deletes_one(mailbox):
    first, second = _unique_address(), _unique_address()
    _send(mailbox, first, "een")
    _send(mailbox, second, "twee")

    message = mailbox.wait_for(lambda m: True, to=first)
    assert [m["subject"] for m in mailbox.messages(to=first)] == ["een"]

    response = httpx.delete(f"{mailbox.api_url}/messages/{message['id']}", trust_env=False)
    assert response.status_code == 200
    assert mailbox.messages(to=first) == []
    assert (
        httpx.get(f"{mailbox.api_url}/messages/{message['id']}", trust_env=False).status_code == 404
    )


def test_mailbox_wait_for_times_out_with_a_clear_message(mailbox):
    with pytest.raises(AssertionError, match="no matching mail"):
        mailbox.wait_for(lambda m: False, timeout=0.3, to=_unique_address())


def test_parse_message_without_html_part():
    raw = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Kort\r\n\r\nRegel 1\r\nRegel 2\r\n"

    message = mailcatcher.parse_message("a@example.org", ["b@example.org"], raw)

    assert message["subject"] == "Kort"
    assert message["text"] == "Regel 1\nRegel 2\n"
    assert message["html"] is None


async def test_nats_jetstream_publish_and_read_back(nats_url):
    nats = pytest.importorskip("nats")
    suffix = uuid.uuid4().hex[:8]
    stream, subject = f"STACKTEST_{suffix}", f"stacktest.{suffix}"
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await js.add_stream(name=stream, subjects=[subject])
        ack = await js.publish(subject, b"hallo")
        stored = await js.get_msg(stream, ack.seq)
        assert stored.data == b"hallo"
        await js.delete_stream(stream)
    finally:
        await nc.close()


def test_fresh_database_is_usable(fresh_database):
    url = fresh_database("Stack-Test")

    assert "/stack_test_" in url
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE t (x int)")
        conn.execute("INSERT INTO t VALUES (42)")
        assert conn.execute("SELECT x FROM t").fetchone() == (42,)


def test_create_database_recreates_and_drop_forces_out_connections(postgres_admin_url):
    name = f"stacktest_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(stack.create_database(postgres_admin_url, name)) as conn:
        conn.execute("CREATE TABLE leftover (x int)")

    holder = psycopg.connect(stack.create_database(postgres_admin_url, name))
    try:
        tables = holder.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'leftover'")
        assert tables.fetchone() == (0,)
        stack.drop_database(postgres_admin_url, name)  # must not block on `holder`
    finally:
        holder.close()

    with psycopg.connect(postgres_admin_url) as admin:
        exists = admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
        assert exists.fetchone() == (0,)


@pytest.mark.keycloak
def test_keycloak_admin_can_log_in(keycloak_endpoint):
    response = httpx.post(
        f"{keycloak_endpoint.url}/realms/master/protocol/openid-connect/token",
        data={
            "grant_type": "password",
            "client_id": "admin-cli",
            "username": keycloak_endpoint.admin_user,
            "password": keycloak_endpoint.admin_password,
        },
        trust_env=False,
        timeout=30,
    )
    assert response.status_code == 200, response.text
    assert response.json()["access_token"]


def test_up_reuses_running_servers_quickly(nats_url, mail_api_url):
    started = time.monotonic()
    endpoints = stack.up(["nats", "mail"])

    assert time.monotonic() - started < 3
    assert (endpoints.nats_url, endpoints.mail_api_url) == (nats_url, mail_api_url)
    status = stack.status()
    assert status["nats"]
    assert status["mail"]


def test_private_stack_lifecycle(tmp_path, monkeypatch):
    # A second stack in its own state dir and ports: up, reuse, down without
    # touching the shared servers other tests use.
    monkeypatch.setenv("INSPRAAK_STACK_DIR", str(tmp_path))
    for var in ("NATS_PORT", "NATS_MONITOR_PORT", "SMTP_PORT", "MAIL_API_PORT"):
        monkeypatch.setenv(f"INSPRAAK_STACK_{var}", str(_free_port()))

    stack.up(["nats", "mail"])
    pids = {name: config.pid_path(name).read_text() for name in ("nats", "mail")}
    stack.up(["nats", "mail"])
    assert {name: config.pid_path(name).read_text() for name in pids} == pids

    stack.down(["nats", "mail"])
    status = stack.status()
    assert not status["nats"]
    assert not status["mail"]
    assert not config.pid_path("nats").exists()


def test_failed_start_reports_the_log(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPRAAK_STACK_DIR", str(tmp_path))
    monkeypatch.setenv("INSPRAAK_STACK_NATS_MONITOR_PORT", str(_free_port()))
    with socket.socket() as blocker:  # occupy the client port so nats-server exits
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        monkeypatch.setenv("INSPRAAK_STACK_NATS_PORT", str(blocker.getsockname()[1]))

        with pytest.raises(StackError, match="exited") as error:
            stack.up(["nats"])

    assert "last 30 lines" in str(error.value)
    assert "address already in use" in str(error.value)


def test_external_servers_come_from_the_environment(monkeypatch):
    external = stack.Endpoints(
        postgres_admin_url="postgresql://u:p@db.example:5433/postgres",
        nats_url="nats://nats.example:4222",
        keycloak_url="http://kc.example:8080",
        keycloak_admin_user="root",
        keycloak_admin_password="geheim",
        smtp_host="mail.example",
        smtp_port=2525,
        mail_api_url="http://mail.example:8025",
    )
    for key, value in external.as_env().items():
        monkeypatch.setenv(key, value)

    assert stack.endpoints() == external


def test_cli_env_prints_sourceable_exports(capsys):
    assert cli.main(["env"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert f"export INSPRAAK_STACK_NATS_URL={stack.endpoints().nats_url}" in lines
    assert all(line.startswith("export INSPRAAK_STACK_") for line in lines)


def test_unknown_component_is_rejected():
    with pytest.raises(ValueError, match="unknown components"):
        stack.up(["redis"])
