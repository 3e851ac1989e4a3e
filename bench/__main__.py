"""`python -m bench` (`make bench`): run the benchmarks; `--quick` for a short development run, `--help` for more."""

import sys

from bench.suite import main

sys.exit(main())
