package kb

import (
	"compress/gzip"
	"fmt"
	"io"
)

// IndexFileName is the name of the index file that Build's output is
// written to, and that the package embeds.
const IndexFileName = "places.tsv.gz"

const indexHeader = `rasad place index: one place a line, built by 'rasad kb build' from
OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0), GeoNames (CC BY 4.0),
geoBoundaries (ODbL 1.0), world-countries (ODbL 1.0), i18n-iso-countries (MIT)
and kb/extra-places.tsv; see kb/NOTICE. This database is under ODbL 1.0.`

// WriteGzip writes places as a gzip-compressed index file. The output
// depends on places only, so that a rebuild from the same sources gives
// the same bytes.
func WriteGzip(w io.Writer, places []Place) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := WritePlaces(zw, indexHeader, places); err != nil {
		return fmt.Errorf("writing index: %w", err)
	}
	return zw.Close()
}

// Stats counts places by kind.
func Stats(places []Place) map[Kind]int {
	n := map[Kind]int{}
	for i := range places {
		n[places[i].Kind]++
	}
	return n
}
