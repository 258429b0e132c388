// Package export writes stored articles and their events for other tools:
// the documents as JSON Lines, events as CSV, incidents in ACLED's CSV
// columns, and incidents as GeoJSON points for QGIS.
package export
