"""What the editor's forms send, turned into the projects service's payloads. Errors are
checked here first so they come in the person's language, at the field."""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.datastructures import FormData

from inspraak_gateway.web.i18n import N_

# NL and BE share a time zone: staff enter local dates and times.
LOCAL_ZONE = ZoneInfo("Europe/Brussels")
PAGE_TEXTS = ("title", "summary", "goal", "input_use")
PHASE_KINDS = (
    "information", "ideation", "survey", "spatial_plan", "scenario_planning", "voting", "poll",
)  # fmt: skip
QUESTION_TYPES = {
    "single": "single_choice",
    "multiple": "multiple_choice",
    "text": "text",
    "scale": "scale",
    "ranking": "ranking",
    "matrix": "matrix",
}
VOTING_METHODS = ("support", "multiple", "budget")
INPUT_STATUS_VALUES = ("proposed", "under_consideration", "accepted", "rejected", "implemented")


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _text(form: FormData, name: str) -> str:
    return str(form.get(name, "")).strip()


@dataclass
class PageForm:
    """The project page: its texts per language and the map area (GeoJSON)."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData, languages: list[str]) -> "PageForm":
        names = [f"{text}-{lang}" for text in PAGE_TEXTS for lang in languages]
        page = cls({name: _text(form, name) for name in [*names, "area"]})
        if not any(page.values[f"title-{lang}"] for lang in languages):
            page.errors[f"title-{languages[0]}"] = N_("Give the project a title.")
        if page.values["area"]:
            try:
                area = json.loads(page.values["area"])
            except ValueError:
                page.errors["area"] = N_("The area is not valid GeoJSON.")
            else:
                if not isinstance(area, dict) or area.get("type") not in (
                    "Polygon",
                    "MultiPolygon",
                ):
                    page.errors["area"] = N_("The area must be a GeoJSON Polygon or MultiPolygon.")
        return page

    def payload(self, languages: list[str]) -> dict[str, Any]:
        body: dict[str, Any] = {
            text: {lang: self.values[f"{text}-{lang}"] for lang in languages} for text in PAGE_TEXTS
        }
        body["area_geometry"] = json.loads(self.values["area"]) if self.values["area"] else None
        return body

    @classmethod
    def of(cls, project: dict[str, Any], languages: list[str]) -> "PageForm":
        values = {
            f"{text}-{lang}": str((project.get(text) or {}).get(lang, ""))
            for text in PAGE_TEXTS
            for lang in languages
        }
        area = project.get("area_geometry")
        values["area"] = json.dumps(area, indent=1) if area else ""
        return cls(values)


def _local(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_ZONE)


def local_input(value: str | None) -> str:
    """A service's timestamp as a `datetime-local` field shows it (local time)."""
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(LOCAL_ZONE).strftime("%Y-%m-%dT%H:%M")


@dataclass
class PhaseForm:
    """A phase: kind, title per language, dates, and how people take part in it.

    Lists (questions, scenarios, budget items) are one item per line, in each language in
    the same order; an item keeps its id by its place, so answers stay attached."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData, languages: list[str]) -> "PhaseForm":
        names = ["kind", "starts_at", "ends_at", "method", "max_votes", "budget", "costs"]
        for lang in languages:
            names += [f"name-{lang}", f"items-{lang}"]
        phase = cls({name: str(form.get(name, "")).strip("\r\n ") for name in names})
        if phase.values["kind"] not in PHASE_KINDS:
            phase.errors["kind"] = N_("Choose what people do in this phase.")
        if not any(phase.values[f"name-{lang}"] for lang in languages):
            phase.errors[f"name-{languages[0]}"] = N_("Give the phase a title.")
        starts, ends = _local(phase.values["starts_at"]), _local(phase.values["ends_at"])
        if starts is None:
            phase.errors["starts_at"] = N_("Enter when the phase starts.")
        if ends is None:
            phase.errors["ends_at"] = N_("Enter when the phase ends.")
        elif starts is not None and ends <= starts:
            phase.errors["ends_at"] = N_("The phase must end after it starts.")
        return phase

    def create_payload(self, languages: list[str]) -> dict[str, Any]:
        """A new phase; method settings problems are added to `errors`."""
        body = self._basics(languages)
        body.update(self.settings(languages, {}))
        return body

    def update_payload(self, languages: list[str], existing: dict[str, Any]) -> dict[str, Any]:
        """Only what the person changed: an unchanged start of a started phase, or the
        settings of a phase with input, must not be sent again (the service refuses)."""
        before = PhaseForm.of(existing, languages).values
        body = self._basics(languages)
        for name in ("starts_at", "ends_at"):
            if self.values[name] == before[name]:
                del body[name]
        method_fields = ["kind", "method", "max_votes", "budget", "costs"]
        method_fields += [f"items-{lang}" for lang in languages]
        if any(_lines(self.values[n]) != _lines(before[n]) for n in method_fields):
            body["method"] = self.settings(languages, existing)
        return body

    def _basics(self, languages: list[str]) -> dict[str, Any]:
        v = self.values
        return {
            "title": {lang: v[f"name-{lang}"] for lang in languages},
            "starts_at": _local(v["starts_at"]).isoformat(),  # type: ignore[union-attr]
            "ends_at": _local(v["ends_at"]).isoformat(),  # type: ignore[union-attr]
        }

    def settings(self, languages: list[str], existing: dict[str, Any]) -> dict[str, Any]:
        kind = self.values["kind"]
        lines = {lang: _lines(self.values[f"items-{lang}"]) for lang in languages}
        first = languages[0]
        if kind in ("survey", "poll"):
            old = ((existing.get("survey") or {}).get("questions")) or []
            questions = self._questions(lines, first, old)
            return {"kind": kind, "survey": {"questions": questions}}
        if kind == "scenario_planning":
            old = existing.get("scenarios") or []
            titles = self._aligned(lines, first)
            return {
                "kind": kind,
                "scenarios": [_with_id({"title": t}, old, i) for i, t in enumerate(titles)],
            }
        if kind == "voting":
            return {"kind": kind, "voting": self._voting(lines, first, existing)}
        return {"kind": kind}

    def _aligned(self, lines: dict[str, list[str]], first: str) -> list[dict[str, str]]:
        """Item i in every language; a language with fewer lines is an error at its field."""
        count = len(lines[first])
        if count == 0:
            self.errors[f"items-{first}"] = N_("Add at least one item, one per line.")
        for lang, items in lines.items():
            if items and len(items) != count:
                self.errors[f"items-{lang}"] = N_(
                    "Give the same number of lines in every language."
                )
        return [
            {lang: items[i] for lang, items in lines.items() if i < len(items)}
            for i in range(count)
        ]

    def _questions(
        self, lines: dict[str, list[str]], first: str, old: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """`type: question | option; option` per line (the type in the first language); a
        matrix question adds its rows: `matrix: question | column; column | row; row`."""
        parsed = {lang: [_question_line(line) for line in items] for lang, items in lines.items()}
        texts = self._aligned({k: [p[1] for p in v] for k, v in parsed.items()}, first)
        questions = []
        for i, text in enumerate(texts):
            kind = parsed[first][i][0]
            if kind is None:
                self.errors[f"items-{first}"] = N_(
                    "Start each question with its type: single, multiple, text, scale, "
                    "ranking or matrix, then a colon."
                )
                break
            previous = old[i] if i < len(old) else {}
            question = {"type": kind, "text": text}
            question["options"] = self._choices(
                {lang: p[i][2] for lang, p in parsed.items() if i < len(p)},
                first,
                previous.get("options") or [],
                N_("Give the same number of options in every language."),
            )
            if kind != "matrix" and parsed[first][i][3]:
                self.errors[f"items-{first}"] = N_(
                    "Only a matrix question has rows after a second |."
                )
            if kind == "matrix":
                question["rows"] = self._choices(
                    {lang: p[i][3] for lang, p in parsed.items() if i < len(p)},
                    first,
                    previous.get("rows") or [],
                    N_("Give the same number of matrix rows in every language."),
                )
            questions.append(_with_id(question, old, i))
        return questions

    def _choices(
        self, per_language: dict[str, list[str]], first: str, old: list[dict[str, Any]],
        uneven: str,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Choice j in every language, keeping the id choice j had (answers refer to it)."""
        if len({len(c) for c in per_language.values() if c}) > 1:
            self.errors[f"items-{first}"] = uneven
        return [
            _with_id(
                {"text": {lang: c[j] for lang, c in per_language.items() if j < len(c)}}, old, j
            )
            for j in range(len(per_language[first]))
        ]

    def _voting(
        self, lines: dict[str, list[str]], first: str, existing: dict[str, Any]
    ) -> dict[str, Any]:
        method = self.values["method"]
        if method not in VOTING_METHODS:
            self.errors["method"] = N_("Choose how people vote.")
            return {}
        voting: dict[str, Any] = {"method": method}
        if method == "multiple":
            voting["max_votes"] = self._number("max_votes")
        if method == "budget":
            voting["budget"] = self._number("budget")
            if any(lines.values()):
                titles = self._aligned(lines, first)
                costs = _lines(self.values["costs"])
                if len(costs) != len(titles) or not all(c.isdigit() and int(c) > 0 for c in costs):
                    self.errors["costs"] = N_("Give each item its cost, a whole number per line.")
                    return voting
                old = ((existing.get("voting") or {}).get("items")) or []
                voting["items"] = [
                    _with_id({"title": t, "cost": int(costs[i])}, old, i)
                    for i, t in enumerate(titles)
                ]
        return voting

    def _number(self, name: str) -> int | None:
        value = self.values[name]
        if not value.isdigit() or int(value) < 1:
            self.errors[name] = N_("Enter a whole number above zero.")
            return None
        return int(value)

    @classmethod
    def of(cls, phase: dict[str, Any], languages: list[str]) -> "PhaseForm":
        """The form filled with a phase as the service returns it."""
        values = {
            "kind": phase["kind"],
            "starts_at": local_input(phase.get("starts_at")),
            "ends_at": local_input(phase.get("ends_at")),
            "method": "", "max_votes": "", "budget": "", "costs": "",
        }  # fmt: skip
        voting = phase.get("voting") or {}
        if voting:
            values["method"] = voting.get("method", "")
            values["max_votes"] = str(voting.get("max_votes") or "")
            values["budget"] = str(voting.get("budget") or "")
            values["costs"] = "\n".join(str(i["cost"]) for i in voting.get("items", []))
        reverse = {v: k for k, v in QUESTION_TYPES.items()}
        for lang in languages:
            values[f"name-{lang}"] = str((phase.get("title") or {}).get(lang, ""))
            if phase.get("survey"):
                values[f"items-{lang}"] = "\n".join(
                    _question_text(q, lang, reverse) for q in phase["survey"]["questions"]
                )
            elif phase.get("scenarios"):
                values[f"items-{lang}"] = "\n".join(
                    s["title"].get(lang, "") for s in phase["scenarios"]
                )
            elif voting.get("items"):
                values[f"items-{lang}"] = "\n".join(
                    i["title"].get(lang, "") for i in voting["items"]
                )
            else:
                values[f"items-{lang}"] = ""
        return cls(values)


def _with_id(item: dict[str, Any], old: list[dict[str, Any]], index: int) -> dict[str, Any]:
    if index < len(old) and old[index].get("id"):
        return {"id": old[index]["id"], **item}
    return item


def _question_line(line: str) -> tuple[str | None, str, list[str], list[str]]:
    """A question's type, text, options and (for a matrix) rows from its line."""
    kind: str | None = None
    head, _, rest = line.partition(":")
    if rest and head.strip().lower() in QUESTION_TYPES:
        kind, line = QUESTION_TYPES[head.strip().lower()], rest
    text, _, choices = line.partition("|")
    options, _, rows = choices.partition("|")
    return kind, text.strip(), _split(options), _split(rows)


def _split(choices: str) -> list[str]:
    return [c.strip() for c in choices.split(";") if c.strip()]


def _question_text(question: dict[str, Any], lang: str, reverse: dict[str, str]) -> str:
    line = f"{reverse.get(question['type'], 'text')}: {question['text'].get(lang, '')}"
    options = [o["text"].get(lang, "") for o in question.get("options", [])]
    rows = [r["text"].get(lang, "") for r in question.get("rows", [])]
    if rows:
        return f"{line} | {'; '.join(options)} | {'; '.join(rows)}"
    return f"{line} | {'; '.join(options)}" if options else line


@dataclass
class CreateForm:
    department_id: str = ""
    title: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData, departments: list[str]) -> "CreateForm":
        created = cls(_text(form, "department_id"), _text(form, "title"))
        if created.department_id not in departments:
            created.errors["department_id"] = N_("Choose a department.")
        if not created.title:
            created.errors["title"] = N_("Give the project a title.")
        return created


@dataclass
class UpdateForm:
    """A project update: a title and a text per language, written as plain paragraphs."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData, languages: list[str]) -> "UpdateForm":
        names = [f"{text}-{lang}" for text in ("title", "body") for lang in languages]
        update = cls({name: str(form.get(name, "")).strip() for name in names})
        v = update.values
        written = [lang for lang in languages if v[f"title-{lang}"] or v[f"body-{lang}"]]
        if not written:
            update.errors[f"title-{languages[0]}"] = N_("Give the update a title.")
            update.errors[f"body-{languages[0]}"] = N_("Write the text of the update.")
        for lang in written:
            # The projects service takes both maps in the same languages, or a reader would
            # get a title without its text.
            if not v[f"title-{lang}"]:
                update.errors[f"title-{lang}"] = N_("Give the title in this language too.")
            if not v[f"body-{lang}"]:
                update.errors[f"body-{lang}"] = N_("Write the text in this language too.")
            if len(v[f"title-{lang}"]) > 300:
                update.errors[f"title-{lang}"] = N_(
                    "The title is too long (300 characters at most)."
                )
        return update

    def payload(self, languages: list[str]) -> dict[str, Any]:
        v = self.values
        return {
            "title": {lang: v[f"title-{lang}"] for lang in languages if v[f"title-{lang}"]},
            "body": {
                lang: html_paragraphs(v[f"body-{lang}"]) for lang in languages if v[f"body-{lang}"]
            },
        }


def html_paragraphs(text: str) -> str:
    """Plain text as the rich text the projects service keeps: a paragraph per blank-line
    separated block, escaped, so `<` in a message stays a character and not a tag."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in b.splitlines()) + "</p>" for b in blocks
    )
