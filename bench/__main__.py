"""`python -m bench` (`make bench`): run the benchmarks."""

from bench.messaging import main

main()
