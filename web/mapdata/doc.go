// Package mapdata turns the shared boundary data (Natural Earth country
// outlines as TopoJSON, Libya's districts as GeoJSON) into the one small
// GeoJSON file the dashboard draws its map from, offline.
package mapdata
