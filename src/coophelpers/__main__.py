"""``python -m coophelpers site --out site/``: the same as the ``coophelpers`` command."""

from coophelpers.cli import main

raise SystemExit(main())
