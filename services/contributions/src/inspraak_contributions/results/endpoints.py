"""Results per project and phase, and exports to CSV and XLSX."""

import re
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from inspraak_contributions.results import exports, service
from inspraak_contributions.results.auth import PhaseResultsReader, ResultsReader
from inspraak_contributions.results.exports import Dataset, ExportFormat
from inspraak_contributions.results.schemas import PhaseResults, ProjectResults
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}", tags=["results"])
Id = Annotated[str, Path(max_length=64)]

MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/results", summary="Inputs per topic, area and status; participants over time")
async def project_results(access: ResultsReader, session: DbSession) -> ProjectResults:
    return await service.project_results(session, access)


@router.get(
    "/phases/{phase_id}/results",
    summary="Vote tallies, budget allocation, survey summary or scenario ranking of a phase "
    "(public when the phase's results_visibility allows)",
)
async def phase_results(
    phase_id: Id, access: PhaseResultsReader, session: DbSession
) -> PhaseResults:
    return await service.phase_results(session, access, phase_id)


@router.get(
    "/exports/{dataset}",
    summary="Export inputs, comments, votes, survey answers or scenario rankings",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()}}},
)
async def export(
    dataset: Dataset,
    access: ResultsReader,
    session: DbSession,
    export_format: Annotated[ExportFormat, Query(alias="format")] = ExportFormat.CSV,
    phase_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    header, rows = await exports.build(session, access, dataset, phase_id)
    if export_format is ExportFormat.CSV:
        content = exports.to_csv(header, rows)
    else:
        content = exports.to_xlsx(dataset.value, header, rows)
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", f"{access.project.project_id}-{phase_id or 'all'}")
    name = f"{stem}-{dataset.value}.{export_format.value}"
    return Response(
        content,
        media_type=MEDIA_TYPES[export_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
