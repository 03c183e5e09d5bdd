"""Widget responses over HTTP: ETag and 304, framing and CORS only for the tenant's allowed
origins, no cookies, and the payload size."""

import gzip

import pytest

from tests.support.events import eventually, project_snapshot, texts

EMBED_ORIGIN = "https://www.wtown.example"


@pytest.fixture(scope="module")
async def embed_origin(api, world, town) -> str:
    """The town's own website may embed the widget (set by its IT officer)."""
    response = await api.put(
        "/v1/domains",
        headers=town.headers(town.person("it_admin")),
        json={"primary": town.primary, "aliases": [town.alias], "embed_origins": [EMBED_ORIGIN]},
    )
    assert response.status_code == 200, response.text
    return EMBED_ORIGIN


class TestCaching:
    async def test_etag_gives_304_until_the_content_changes(self, api, world, town, publish_as):
        path = "/v1/widget/fragment/projects?limit=20"
        first = await api.get(path, headers=town.headers())
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "public, max-age=10"
        again = await api.get(path, headers=town.headers() | {"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "public, max-age=10"

        await publish_as(
            "projects", "project", "published", town, project_snapshot(title=texts("Nieuw bankje"))
        )
        changed = await eventually(
            lambda: api.get(path, headers=town.headers() | {"If-None-Match": etag}),
            lambda r: r.status_code != 304,
        )
        assert changed.status_code == 200
        assert "Nieuw bankje" in changed.text
        assert changed.headers["etag"] != etag

    async def test_script_is_cacheable_with_its_own_etag(self, api):
        script = await api.get("/v1/widget/embed.js")
        assert script.status_code == 200
        assert script.headers["content-type"] == "text/javascript; charset=utf-8"
        assert script.headers["cache-control"] == "public, max-age=300"
        again = await api.get(
            "/v1/widget/embed.js", headers={"If-None-Match": script.headers["etag"]}
        )
        assert again.status_code == 304


class TestEmbeddingHeaders:
    async def test_frame_ancestors_name_exactly_the_tenants_domains_and_embed_origins(
        self, api, world, town, embed_origin
    ):
        response = await api.get("/v1/widget/frame/projects", headers=town.headers())
        policy = dict(
            part.strip().split(" ", 1)
            for part in response.headers["content-security-policy"].split(";")
        )
        assert policy["frame-ancestors"].split() == [
            "'self'",
            f"https://{town.primary}",
            f"https://{town.alias}",
            embed_origin,
        ]
        assert policy["default-src"] == "'none'"
        assert policy["style-src"].startswith("'sha256-")  # the one inline style, no unsafe-inline

    async def test_another_tenants_widget_may_not_be_framed_by_this_tenants_site(
        self, api, world, city, embed_origin
    ):
        response = await api.get("/v1/widget/frame/projects", headers=city.headers())
        assert embed_origin not in response.headers["content-security-policy"]
        assert f"https://{city.primary}" in response.headers["content-security-policy"]

    @pytest.mark.parametrize("origin_kind", ["embed", "primary", "alias"])
    async def test_cors_allows_the_tenants_origins(
        self, api, world, town, embed_origin, origin_kind
    ):
        origin = {
            "embed": embed_origin,
            "primary": f"https://{town.primary}",
            "alias": f"https://{town.alias}",
        }[origin_kind]
        response = await api.get(
            "/v1/widget/fragment/projects", headers=town.headers() | {"Origin": origin}
        )
        assert response.headers["access-control-allow-origin"] == origin
        assert "Origin" in response.headers["vary"]
        assert "access-control-allow-credentials" not in response.headers

    @pytest.mark.parametrize("origin", ["https://evil.example", "http://www.wtown.example", "null"])
    async def test_cors_refuses_other_origins(self, api, world, town, embed_origin, origin):
        response = await api.get(
            "/v1/widget/fragment/projects", headers=town.headers() | {"Origin": origin}
        )
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers

    async def test_a_304_keeps_the_cors_header(self, api, world, town, embed_origin):
        headers = town.headers() | {"Origin": embed_origin}
        first = await api.get("/v1/widget/fragment/button", headers=headers)
        again = await api.get(
            "/v1/widget/fragment/button", headers=headers | {"If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 304
        assert again.headers["access-control-allow-origin"] == embed_origin

    async def test_no_cookies_anywhere(self, api, world, town):
        for path in (
            "/v1/widget/embed.js",
            "/v1/widget/fragment/projects",
            "/v1/widget/frame/button",
        ):
            response = await api.get(path, headers=town.headers())
            assert "set-cookie" not in response.headers


class TestPayload:
    async def test_payload_is_small(self, api, city, publish_as, wait, record_property):
        """Five projects with long summaries: what a municipal page downloads for the widget."""
        long_summary = texts(
            "Wij willen uw mening over de herinrichting van het plein " * 4, ("nl",)
        )
        for n in range(5):
            await publish_as(
                "projects",
                "project",
                "published",
                city,
                project_snapshot(title={"nl": f"Project nummer {n}"}, summary=long_summary),
            )
        fragment = await wait(
            city,
            "/v1/widget/fragment/projects",
            lambda r: r.text.count("Project nummer") == 5,
            limit=5,
        )
        script = await api.get("/v1/widget/embed.js")
        sizes = {
            "embed.js": len(script.content),
            "embed.js gzip": len(gzip.compress(script.content)),
            "fragment (5 projects)": len(fragment.content),
            "fragment (5 projects) gzip": len(gzip.compress(fragment.content)),
        }
        for name, size in sizes.items():
            record_property(name, size)
        print("widget payload bytes:", sizes)
        assert sizes["embed.js"] < 2_000
        assert sizes["fragment (5 projects)"] < 6_000
        assert sizes["embed.js gzip"] + sizes["fragment (5 projects) gzip"] < 3_000
