"""Terms of use: a default text at tenant creation, new versions by the superadmin.

An external project moderator's role becomes active only once they accepted the
current version.
"""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.schemas import utcnow
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.terms.models import Terms, TermsAcceptance
from inspraak_identity.terms.repository import TermsRepository
from inspraak_identity.terms.schemas import TermsText
from inspraak_shared.problems import Conflict, NotFound, UnprocessableContent

DEFAULT_TEXT = {
    "nl": (
        "Als externe projectmoderator beheer je een projectpagina namens {name}. Je volgt de "
        "afspraken die je met de superadmin maakt, gaat zorgvuldig om met de bijdragen en "
        "gegevens van deelnemers en gebruikt die alleen voor het project."
    ),
    "fr": (
        "En tant que modérateur ou modératrice externe, vous gérez une page de projet au nom "
        "de {name}. Vous respectez les accords conclus avec le superadmin, traitez avec soin "
        "les contributions et données des participants et ne les utilisez que pour le projet."
    ),
    "en": (
        "As an external project moderator you run a project page on behalf of {name}. You "
        "follow the agreements made with the superadmin, handle participants' contributions "
        "and data with care and use them only for the project."
    ),
}


async def ensure_default_terms(session: AsyncSession, tenant: Tenant) -> bool:
    """Give a new tenant default terms; True when they were created."""
    repository = TermsRepository(session)
    if await repository.current(tenant.slug) is not None:
        return False
    text = {lang: DEFAULT_TEXT[lang].format(name=tenant.display_name) for lang in DEFAULT_TEXT}
    await repository.save(Terms(tenant=tenant.slug, version=1, text=text))
    return True


async def current_terms(session: AsyncSession, tenant: str) -> Terms:
    terms = await TermsRepository(session).current(tenant)
    if terms is None:
        raise NotFound("This municipality has no terms of use yet.", slug="terms-missing")
    return terms


async def publish_terms(
    session: AsyncSession, tenant: Tenant, text: TermsText, *, by: str
) -> Terms:
    """A new version; people who must agree are asked again for new grants."""
    document = text.model_dump(exclude_none=True)
    missing = [lang for lang in tenant.languages if lang not in document]
    if missing:
        raise UnprocessableContent(
            f"The terms need a text in every language of the municipality: {', '.join(missing)}.",
            slug="terms-language-missing",
        )
    repository = TermsRepository(session)
    terms = await repository.current(tenant.slug, for_update=True)
    if terms is None:
        terms = Terms(tenant=tenant.slug, version=1, text=document, updated_by=by)
    else:
        terms.version += 1
        terms.text = document
        terms.updated_by = by
        terms.updated_at = utcnow()
    return await repository.save(terms)


async def has_accepted_current(session: AsyncSession, tenant: str, user_id: str) -> bool:
    repository = TermsRepository(session)
    terms = await repository.current(tenant)
    if terms is None:
        return False
    return await repository.accepted(tenant, user_id, terms.version) is not None


async def accept(session: AsyncSession, tenant: str, user_id: str, version: int) -> TermsAcceptance:
    repository = TermsRepository(session)
    terms = await current_terms(session, tenant)
    if version != terms.version:
        raise Conflict(
            f"The terms changed: read and accept version {terms.version}.",
            slug="terms-outdated",
            extensions={"currentVersion": terms.version},
        )
    existing = await repository.accepted(tenant, user_id, version)
    if existing is not None:
        return existing
    return await repository.add_acceptance(
        TermsAcceptance(tenant=tenant, user_id=user_id, version=version)
    )
