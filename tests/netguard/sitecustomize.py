"""Loaded by Python processes the tests start (kernels, CLI runs) via PYTHONPATH: network guard."""

import os

if os.environ.get("COOPHELPERS_NETGUARD") == "1":
    import _coophelpers_netguard

    _coophelpers_netguard.install()
