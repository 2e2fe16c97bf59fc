# src/tui: sources and tests of this area
