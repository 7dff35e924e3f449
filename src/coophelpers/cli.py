"""Command line: ``coophelpers site --out site/`` (also ``python -m coophelpers site``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coophelpers._errors import CoophelpersError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coophelpers",
        description="Tools of the coophelpers package (China–Russia sub-national cooperation).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    site = sub.add_parser(
        "site",
        help="execute every notebook and render notebooks and maps into a shareable folder",
        description=(
            "Execute every notebooks/*.ipynb with a Jupyter kernel and write each notebook as "
            "HTML, each map as its own offline page and an index.html into OUT. The folder is "
            "replaced only when the whole build succeeds (if OUT is a symbolic link, the folder "
            "it points to). One build of OUT at a time: another one stops at once, or waits "
            "with --wait. Exit status: 0 built, 1 error, 2 bad option, 130 interrupted (Ctrl-C, "
            "SIGTERM)."
        ),
    )
    site.add_argument("--out", default="site", help="output folder (default: site)")
    site.add_argument(
        "--notebooks",
        default=None,
        metavar="DIR",
        help="folder with the notebooks (default: ./notebooks or the repository's notebooks/)",
    )
    site.add_argument(
        "--timeout", type=int, default=900, help="per-cell timeout in seconds (default: 900)"
    )
    site.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    site.add_argument("--quiet", action="store_true", help="no progress output")
    site.add_argument(
        "--wait",
        action="store_true",
        help="if another build of OUT is running, wait for it to finish (default: stop at once)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 on success)."""
    args = _parser().parse_args(argv)
    if args.command == "site":
        from coophelpers.site import build_site

        try:
            build_site(
                args.out,
                notebooks=args.notebooks,
                timeout=args.timeout,
                kernel_name=args.kernel,
                progress=not args.quiet,
                wait=args.wait,
            )
        except CoophelpersError as err:
            sys.stderr.write(f"coophelpers site: error: {err}\n")
            return 1
        except OSError as err:  # the disk, not the input: say what failed, without a traceback
            sys.stderr.write(
                f"coophelpers site: error: {err}. The previous site is unchanged; fix the "
                "problem (disk space, permissions) and build again.\n"
            )
            return 1
        except KeyboardInterrupt:
            sys.stderr.write("coophelpers site: interrupted; the previous site is unchanged.\n")
            return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
