"""`python -m cchc_plan` runs the same command line as `cchc`."""

from cchc_plan.cli import main

if __name__ == "__main__":
    main()
