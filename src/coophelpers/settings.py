"""Settings of coophelpers: documented module-level values, read each time they are used.

Change a value for the rest of the session by assigning to it, as with ``osmnx.settings``::

    import coophelpers as ch
    ch.settings.border_hours["rail"] = 12      # a faster rail border, for a scenario
    ch.settings.maps_dir = "figures/maps"      # where map_output() puts saved maps

Every function that uses a setting reads it at call time, so a change takes effect at once.
Functions that take the same value as a parameter (``route(border_hours=...)``) override the
setting for that call only.

Paths
-----
data_dir
    Folder of the curated data files and ``manifest.json``. None (default): the environment
    variable ``COOPHELPERS_DATA_DIR`` if set, else the copy shipped with the package.
maps_dir
    Folder where :func:`coophelpers.map_output` puts maps. None (default): the environment
    variable ``COOPHELPERS_MAPS_DIR`` if set (``coophelpers site`` sets it), else ``./maps``.
map_metadata_dir
    Folder where :func:`coophelpers.save_map` also writes each map's title, provenance and
    static preview as ``<file name>.json``. None (default): the environment variable
    ``COOPHELPERS_MAP_METADATA_DIR`` if set (``coophelpers site`` sets it), else nowhere.

Dates
-----
:func:`default_as_of` is what ``as_of=None`` means in every function: today, or the day of
``SOURCE_DATE_EPOCH`` when that variable is set (so rebuilding a site later gives the same
tables). :func:`build_date` is the date stamped on saved maps, by the same rule (UTC).

Transport time model
--------------------
speed_kmh
    Mean speed while moving, per network mode, in km/h. Rail 40: the order of the average speed
    of a long-distance freight train between terminals including stops on the line
    (China–Europe block trains cover about 1,000 km a day); road 60: a heavy truck on trunk
    roads, rest periods not included (a truck that keeps moving, e.g. with two drivers; one
    driver's daily rest would roughly halve it on long legs); ferry 25: about 13.5 knots.
    Planning assumptions.
border_hours
    Dwell in hours at a border crossing, per mode (customs, border control, paperwork). Rail 24:
    a day at the border station is a common planning figure for China–Russia and
    China–Mongolia rail crossings; road 8; ferry or river crossing 6. Planning assumptions.
eaeu_border_hours
    Dwell in hours at a crossing between two members of the Eurasian Economic Union customs
    union (Russia and Kazakhstan here): no customs clearance, a short technical stop.
gauge_change_hours
    Hours at a break of gauge (1435 mm ↔ 1520 mm), where a route changes from one gauge's
    tracks to the other's at a border station: bogie exchange or transshipment of the
    containers between wagons. 12: half a day; Manzhouli's reloading yard handles up to 840
    containers a day (China Daily, "Key railway border port more efficient",
    https://railmetrochina.com/expo/en/key-railway-border-port-more-efficient.html), so a
    block train of some 40-80 boxes is reloaded within hours, and the rest is waiting for a
    slot and the next train. A planning assumption.
mode_change_hours
    Hours to change mode at a place, ``{"rail-road": 6, "rail-ferry": 6, "road-ferry": 3}`` (the
    two modes in either order): a container lifted between a wagon and a truck at a terminal,
    a wagon shunted onto a train ferry or a container lifted onto a ship, a truck checking in
    and boarding a ferry. Rail ↔ road 6: a crane lift takes minutes, but a small manual inland
    terminal takes 4-6 hours for the whole sequence of a transfer ("The logistics nexus: inside
    the intermodal terminal", https://railwaynews.net/wiki/the-logistics-nexus-inside-the-intermodal-terminal),
    and waiting for the next departure
    comes on top. Road ↔ ferry 3: ferry lines ask freight drivers to check in at least three
    hours before departure (Superfast Ferries' cargo boarding rules,
    https://www.superfast.com/it-it/cargo/cargo/imbarco). Rail ↔ ferry 6: as a terminal
    transfer. Planning assumptions from orders of magnitude in these sources, not measurements; a route with ``weight="time"`` pays them at every
    change, so it never switches mode for free.
seasonal_links
    How routes treat the links flagged seasonal in the network (``seasonality`` of
    ``network_edges.csv`` ``summer_only``, ``winter_road`` or ``ferry_and_ice_road``: the river
    ferries with an ice road in winter at Blagoveshchensk–Heihe, Yakutsk and Salekhard, summer
    shipping to Anadyr and Naryan-Mar). ``"last_resort"`` (default): a route uses them only
    where no year-round route exists, so the Amur ferry at Blagoveshchensk never beats the
    2022 road bridge, while Yakutsk and Chukotka still get a route; ``"allow"``: like any other
    link (the summer network); ``"exclude"``: never (the network in the weeks of freeze-up and
    break-up). Weather-dependent train ferries (Vanino–Kholmsk, Ust-Luga–Baltiysk) count as
    year-round.

Speeds are per mode: the network has no line-class column, so a single-track branch and a
double-track electrified main line run at the same mean speed.

Maps
----
max_map_bytes
    Size budget of one saved map file in bytes (1.5 MB): :func:`coophelpers.save_map` warns
    above it and ``coophelpers site`` refuses a larger map.
"""

from __future__ import annotations

import datetime as _dt
import os

__all__ = [
    "DATA_DIR_ENV",
    "MAPS_DIR_ENV",
    "MAP_METADATA_DIR_ENV",
    "border_hours",
    "build_date",
    "data_dir",
    "default_as_of",
    "eaeu_border_hours",
    "gauge_change_hours",
    "map_metadata_dir",
    "maps_dir",
    "max_map_bytes",
    "mode_change_hours",
    "seasonal_links",
    "speed_kmh",
]

#: Environment variable that overrides the data folder.
DATA_DIR_ENV = "COOPHELPERS_DATA_DIR"
#: Environment variable naming the folder :func:`coophelpers.map_output` writes to.
MAPS_DIR_ENV = "COOPHELPERS_MAPS_DIR"
#: Environment variable naming a folder where :func:`coophelpers.save_map` records each map's
#: metadata (``coophelpers site`` sets it).
MAP_METADATA_DIR_ENV = "COOPHELPERS_MAP_METADATA_DIR"

data_dir: str | os.PathLike[str] | None = None
maps_dir: str | os.PathLike[str] | None = None
map_metadata_dir: str | os.PathLike[str] | None = None

speed_kmh: dict[str, float] = {"rail": 40.0, "road": 60.0, "ferry": 25.0}
border_hours: dict[str, float] = {"rail": 24.0, "road": 8.0, "ferry": 6.0}
eaeu_border_hours: float = 2.0
gauge_change_hours: float = 12.0
mode_change_hours: dict[str, float] = {"rail-road": 6.0, "rail-ferry": 6.0, "road-ferry": 3.0}
seasonal_links: str = "last_resort"

max_map_bytes: int = 1_500_000


def _epoch_date() -> _dt.date | None:
    """The UTC day of ``SOURCE_DATE_EPOCH``, or None when it is not set.

    Raises :class:`~coophelpers.InvalidInputError` when it is set to something that is not a
    Unix time stamp.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        stamp = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    except (ValueError, OverflowError, OSError) as err:
        from coophelpers._errors import InvalidInputError

        msg = (
            f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time stamp. "
            "Fix: set it to whole seconds since 1970-01-01 or unset it."
        )
        raise InvalidInputError(msg) from err
    return stamp.date()


def default_as_of() -> _dt.date:
    """The date ``as_of=None`` stands for: the day of ``SOURCE_DATE_EPOCH`` if set, else today.

    Examples
    --------
    >>> import datetime
    >>> isinstance(default_as_of(), datetime.date)
    True
    """
    return _epoch_date() or _dt.date.today()


def build_date() -> _dt.date:
    """The date stamped on saved maps: the day of ``SOURCE_DATE_EPOCH`` if set, else today (UTC).

    Examples
    --------
    >>> import datetime
    >>> build_date() <= default_as_of() + datetime.timedelta(days=1)
    True
    """
    return _epoch_date() or _dt.datetime.now(tz=_dt.timezone.utc).date()
