"""Just enough GeoJSON validation for a project's area: polygons in WGS 84 longitude/latitude."""

from typing import Any

Position = list[float]


def _check_position(position: Any) -> None:
    if not (isinstance(position, list) and len(position) in (2, 3)):
        raise ValueError("a position is [longitude, latitude]")
    if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in position):
        raise ValueError("coordinates must be numbers")
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError("coordinates are longitude (-180..180) then latitude (-90..90)")


def _check_ring(ring: Any) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValueError("a polygon ring has at least four positions")
    for position in ring:
        _check_position(position)
    if ring[0] != ring[-1]:
        raise ValueError("a polygon ring must end where it starts")


def _check_polygon(rings: Any) -> None:
    if not isinstance(rings, list) or not rings:
        raise ValueError("a polygon has at least one ring")
    for ring in rings:
        _check_ring(ring)


def validate_area_geometry(value: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Polygon or MultiPolygon (RFC 7946); anything else is refused."""
    kind = value.get("type")
    coordinates = value.get("coordinates")
    if kind == "Polygon":
        _check_polygon(coordinates)
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise ValueError("a MultiPolygon has at least one polygon")
        for polygon in coordinates:
            _check_polygon(polygon)
    else:
        raise ValueError("the area must be a GeoJSON Polygon or MultiPolygon")
    return {"type": kind, "coordinates": coordinates}
