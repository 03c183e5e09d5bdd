"""The conversation under an input, without JavaScript: a reply to a comment lands in its
thread, a resident withdraws their own reaction, and reports a comment to the moderators."""

import re

import pytest

from tests.support.web import phase

# Residents here are rita and rob: the account tests erase erin's account.
# The first test waits for the platform and the municipality (minutes on a busy machine).
pytestmark = [pytest.mark.keycloak, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
async def talk(municipality) -> dict:
    """A published ideation project with an idea of rita's and a comment of rob's on it."""
    project = await municipality.project("praatplein", [phase("ideation")])
    phase_id = (await municipality.ok("GET", "projects", f"/projects/{project['id']}", "sam"))[
        "phases"
    ][0]["id"]
    idea = await municipality.ok(
        "POST", "contributions", f"/projects/{project['id']}/phases/{phase_id}/inputs", "rita",
        json={"title": "Een bank", "body": "Om even te rusten"},
    )  # fmt: skip
    comment = await municipality.ok(
        "POST", "contributions", f"/projects/{project['id']}/inputs/{idea['input_id']}/comments",
        "rob", json={"body": "Liefst in de schaduw"},
    )  # fmt: skip
    return {
        **project,
        "detail": f"/projects/praatplein/inputs/{idea['input_id']}",
        "comment_id": comment["comment_id"],
    }


class TestConversation:
    async def test_a_reply_is_posted_under_its_comment(self, page_browser, talk):
        await page_browser.sign_in("rita")
        page = await page_browser.get(talk["detail"])
        assert f'name="parent_comment_id" value="{talk["comment_id"]}"' in page.text
        empty = await page_browser.submit(
            f"{talk['detail']}/comments", {"body": "", "parent_comment_id": talk["comment_id"]}
        )
        assert empty.status_code == 422
        assert f'id="reply-{talk["comment_id"]}-error"' in empty.text
        replied = await page_browser.submit(
            f"{talk['detail']}/comments",
            {"body": "Onder de linde dan", "parent_comment_id": talk["comment_id"]},
        )
        assert replied.status_code == 303
        page = await page_browser.get(talk["detail"])
        # The reply sits inside the comment's own list item (its thread).
        thread = re.search(
            rf'<li class="inspraak-comment" id="comment-{talk["comment_id"]}">.*?</li>\s*</ul>',
            page.text,
            re.S,
        ).group(0)
        assert "Onder de linde dan" in thread

    async def test_a_resident_withdraws_their_own_reaction(self, page_browser, talk):
        await page_browser.sign_in("rita")
        page = await page_browser.get(talk["detail"])
        assert "Mijn reactie intrekken" not in page.text
        await page_browser.submit(
            f"{talk['detail']}/reaction", {"value": "up", "comment_id": talk["comment_id"]}
        )
        page = await page_browser.get(talk["detail"])
        assert "Mijn reactie intrekken" in page.text
        assert 'aria-pressed="true"' in page.text
        withdrawn = await page_browser.submit(
            f"{talk['detail']}/reaction", {"value": "none", "comment_id": talk["comment_id"]}
        )
        assert withdrawn.status_code == 303
        page = await page_browser.get(talk["detail"])
        assert "Mijn reactie intrekken" not in page.text
        assert 'aria-pressed="true"' not in page.text

    async def test_a_comment_is_reported_and_lands_in_the_moderation_queue(
        self, page_browser, talk, municipality
    ):
        await page_browser.sign_in("rita")
        page = await page_browser.get(talk["detail"])
        assert f'name="item_id" value="{talk["comment_id"]}"' in page.text
        reported = await page_browser.submit(
            f"{talk['detail']}/report",
            {"item_type": "comment", "item_id": talk["comment_id"], "reason": "abusive"},
        )
        assert reported.status_code == 303
        assert "Bedankt" in (await page_browser.get(reported.headers["location"])).text
        queue = await municipality.ok(
            "GET", "contributions", f"/projects/{talk['id']}/moderation/queue", "sam"
        )
        item = next(i for i in queue if i["item_id"] == talk["comment_id"])
        assert item["open_reports"] == 1
