# tests: the TAP framework, shell helpers and the command tests.
EXTRA_DIST += tests/tap.h tests/lib.sh
TESTS += $(check_PROGRAMS)

TESTS += tests/cli_basic.sh tests/cli_demo.sh tests/cli_bundled.sh
EXTRA_DIST += tests/cli_basic.sh tests/cli_demo.sh tests/cli_bundled.sh tests/data/cli/feed.rss
