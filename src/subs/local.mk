# src/subs: sources and tests of this area
