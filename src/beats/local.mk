# src/beats: sources and tests of this area
