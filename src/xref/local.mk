# src/xref: sources and tests of this area
