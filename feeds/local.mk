# feeds: the bundled beat (installed to $(pkgdatadir)) and the samples the
# demo archive and the tests are built from.
feedsdir = $(pkgdatadir)
dist_feeds_DATA = feeds/civil-service.opml feeds/civil-service.rules \
	feeds/README
samplesdir = $(pkgdatadir)/samples
dist_samples_DATA = feeds/samples/MANIFEST feeds/samples/quotes.tsv \
	feeds/samples/capitol-ledger.rss feeds/samples/federal-wire.atom \
	feeds/samples/workforce-weekly.rdf feeds/samples/beltway-brief.rss \
	feeds/samples/messy-bulletin.rss
sampledocsdir = $(pkgdatadir)/samples/documents
dist_sampledocs_DATA = feeds/samples/documents/usds-letter.html \
	feeds/samples/documents/opm-guidance.html
