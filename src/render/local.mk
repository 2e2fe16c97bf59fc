# src/render: sources and tests of this area
