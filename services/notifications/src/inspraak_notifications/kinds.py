"""The kinds of notification this service sends, and which of them people may turn off."""

from enum import StrEnum


class NotificationType(StrEnum):
    INVITATION = "invitation"
    INVITATION_ACCEPTED = "invitation_accepted"
    NEW_INPUT = "new_input"
    ITEM_REPORTED = "item_reported"
    INPUT_STATUS_CHANGED = "input_status_changed"
    OFFICIAL_RESPONSE = "official_response"
    COMMENT_REPLY = "comment_reply"
    PROJECT_PUBLISHED = "project_published"
    PHASE_STARTED = "phase_started"
    UPDATE_POSTED = "update_posted"
    APPROVAL_REQUESTED = "approval_requested"
    APPROVAL_DECIDED = "approval_decided"
    MODERATOR_DIGEST = "moderator_digest"
    DEPARTMENT_DIGEST = "department_digest"
    POLICY_UPDATE = "policy_update"
    DELIVERY_FAILED = "delivery_failed"


# Service mail about an account or access: no unsubscribe link, no preference to turn off.
MANDATORY = frozenset({NotificationType.INVITATION, NotificationType.DELIVERY_FAILED})

# A digest is a way of receiving another type: its preference is that type's.
PREFERENCE_OF = {NotificationType.MODERATOR_DIGEST: NotificationType.NEW_INPUT}

# Types whose e-mail may be bundled into a daily digest instead of sent at once.
DIGESTIBLE = frozenset({NotificationType.NEW_INPUT})

CONFIGURABLE = tuple(t for t in NotificationType if t not in MANDATORY and t not in PREFERENCE_OF)


def preference_type(kind: NotificationType) -> NotificationType:
    return PREFERENCE_OF.get(kind, kind)
