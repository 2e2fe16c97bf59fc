# src/parse: sources and tests of this area
