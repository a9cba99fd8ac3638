"""The entry point of `cchc` and of `python -m cchc_plan`."""

import gc
import os
import sys


def main() -> None:
    """Run the command line, tuned for a short-lived process.

    Start-up allocates much (typer, pydantic, the plan's validator) and frees little,
    so the cyclic garbage collector would spend its time scanning objects that live
    until exit; and at exit, freezing them spares the final scan. Together that is
    about a sixth of validating one plan. Reference counting still frees the rest;
    and the process ends with `os._exit` once its output is flushed.
    Pydantic's plugins (observability hooks) are of no use here, and looking for them
    scans every installed package; pydantic's own setting turns that off, unless the
    user chose otherwise.
    """
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from cchc_plan.cli import main as run  # noqa: PLC0415 (after the collector is off)

    try:
        run()
    except SystemExit as stop:
        code = stop.code
    else:
        code = 0
    # What the command wrote is out once flushed; tearing down every module the
    # process imported would only cost time. (run_app flushed standard output, and
    # turned a closed pipe into its exit code.)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    if code is None or isinstance(code, int):
        os._exit(code or 0)
    sys.stderr.write(f"{code}\n")
    os._exit(1)


if __name__ == "__main__":
    main()
