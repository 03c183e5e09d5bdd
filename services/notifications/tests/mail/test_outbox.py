"""The mail outbox view: the superadmin sees what went to whom and how, never the content."""

from inspraak_notifications.kinds import NotificationType as T

from tests.support.service import eventually


class TestOutbox:
    async def test_the_superadmin_sees_recipients_kinds_and_statuses_of_this_municipality(
        self, town
    ):
        headers = town.realm.headers(town.cast.name("sup", "nl"))

        async def invitation_sent() -> dict | None:
            page = (
                await town.client.get("/v1/mail-outbox", params={"limit": 200}, headers=headers)
            ).json()
            rows = [
                r
                for r in page["items"]
                if r["recipient_address"] == town.cast.email("invitee", "nl")
            ]
            return page if rows and rows[0]["status"] == "sent" else None

        page = await eventually(invitation_sent)
        row = next(
            r for r in page["items"] if r["recipient_address"] == town.cast.email("invitee", "nl")
        )
        assert row["kind"] == T.INVITATION
        assert row["sent_at"] is not None
        assert set(row) == {"id", "kind", "recipient_address", "recipient_user_id", "status", "attempts", "created_at", "next_attempt_at", "sent_at", "last_error"}  # fmt: skip
        assert page["total"] >= len(page["items"])
        addresses = {r["recipient_address"] for r in page["items"]}
        assert town.cast.email("invitee", "xx") not in addresses, "another municipality's mail"

    async def test_the_outbox_filters_by_status(self, town):
        headers = town.realm.headers(town.cast.name("sup", "nl"))
        page = (
            await town.client.get("/v1/mail-outbox", params={"status": "sent"}, headers=headers)
        ).json()
        assert page["items"]
        assert {r["status"] for r in page["items"]} == {"sent"}
        bad = await town.client.get(
            "/v1/mail-outbox", params={"status": "lost", "limit": 0}, headers=headers
        )
        assert bad.status_code == 422

    async def test_only_the_superadmin_may_look(self, town):
        resident = town.realm.headers(town.cast.name("author", "nl"))
        assert (await town.client.get("/v1/mail-outbox", headers=resident)).status_code == 403
        assert (
            await town.client.get("/v1/mail-outbox/suppressed-addresses", headers=resident)
        ).status_code == 403

    async def test_releasing_an_address_that_is_not_suppressed_is_not_found(self, town):
        headers = town.realm.headers(town.cast.name("sup", "nl"))
        assert (
            await town.client.get("/v1/mail-outbox/suppressed-addresses", headers=headers)
        ).json() == []
        response = await town.client.delete(
            "/v1/mail-outbox/suppressed-addresses/nobody@example.org", headers=headers
        )
        assert response.status_code == 404
