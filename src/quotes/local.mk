# src/quotes: sources and tests of this area
