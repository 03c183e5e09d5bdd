"""The SMTP transport logs in when credentials are configured (against the real mail catcher)."""

from email.message import EmailMessage

from inspraak_notifications.mail.smtp import Outcome, Outgoing, SmtpTransport

from tests.support.mail import wait_for_mail


async def test_a_configured_login_is_used_and_the_mail_arrives(
    settings_factory, database_url, mailbox, run_id
):
    settings = settings_factory(
        database_url, smtp_username="mailer", smtp_password="a-real-password"
    )
    address = f"login-{run_id}@example.org"
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = (
        settings.mail_from_address,
        address,
        "Login",
    )
    message.set_content("Hallo")
    results = await SmtpTransport(settings).send([Outgoing("m1", address, message)])
    assert results["m1"].outcome is Outcome.SENT
    assert (await wait_for_mail(mailbox, address))["subject"] == "Login"


async def test_an_unreachable_server_is_a_transient_failure(settings_factory, database_url):
    settings = settings_factory(
        database_url, smtp_host="127.0.0.1", smtp_port=9, smtp_timeout_seconds=2
    )
    message = EmailMessage()
    message.set_content("x")
    results = await SmtpTransport(settings).send([Outgoing("m1", "x@example.org", message)])
    assert results["m1"].outcome is Outcome.TRANSIENT
