# tests: the TAP framework and shared test helpers.
EXTRA_DIST += tests/tap.h
TESTS += $(check_PROGRAMS)
