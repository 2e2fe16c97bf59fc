# src/docs: sources and tests of this area
