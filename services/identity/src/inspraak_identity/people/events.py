"""Events about people: `user.registered`, `user.contact_changed`, `user.erased`."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.people.models import Person
from inspraak_shared.events import enqueue, new_event

SERVICE = "identity"


def user_registered(session: AsyncSession, person: Person, email: str | None) -> None:
    """E-mail included: the notifications service mails people (docs/events.md)."""
    enqueue(
        session,
        new_event(
            tenant=person.tenant,
            service=SERVICE,
            entity="user",
            verb="registered",
            subject=person.user_id,
            data={
                "user_id": person.user_id,
                "username": person.username,
                "kind": person.kind,
                "email": email,
                "language": person.language,
            },
        ),
    )


def user_contact_changed(session: AsyncSession, person: Person, email: str | None) -> None:
    enqueue(
        session,
        new_event(
            tenant=person.tenant,
            service=SERVICE,
            entity="user",
            verb="contact_changed",
            subject=person.user_id,
            data={
                "user_id": person.user_id,
                "username": person.username,
                "email": email,
                "language": person.language,
            },
        ),
    )


def user_erased(session: AsyncSession, person: Person) -> None:
    """Other services anonymise what the person wrote when they see this."""
    enqueue(
        session,
        new_event(
            tenant=person.tenant,
            service=SERVICE,
            entity="user",
            verb="erased",
            subject=person.user_id,
            data={"user_id": person.user_id},
        ),
    )
