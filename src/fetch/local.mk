# src/fetch: sources and tests of this area
