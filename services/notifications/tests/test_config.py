"""Settings: a production process refuses development secrets."""

import pytest
from inspraak_notifications.config import NotificationsSettings
from pydantic import ValidationError

PRODUCTION_DB = "postgresql://notifications:s3cret-db@db:5432/notifications"


def test_production_refuses_the_default_unsubscribe_secret():
    with pytest.raises(ValidationError, match="unsubscribe_secret"):
        NotificationsSettings(environment="production", database_url=PRODUCTION_DB)


def test_production_refuses_a_development_smtp_password():
    with pytest.raises(ValidationError, match="SMTP password"):
        NotificationsSettings(
            environment="production",
            database_url=PRODUCTION_DB,
            unsubscribe_secret="a-long-random-secret",
            smtp_username="mailer",
            smtp_password="change-me",
        )


def test_production_starts_with_its_own_secrets():
    settings = NotificationsSettings(
        environment="production",
        database_url=PRODUCTION_DB,
        unsubscribe_secret="a-long-random-secret",
        smtp_starttls=True,
        smtp_username="mailer",
        smtp_password="a-real-password",
    )
    assert settings.smtp_starttls is True
