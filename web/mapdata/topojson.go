package mapdata

import (
	"encoding/json"
	"errors"
	"fmt"
)

// topology is the part of a TopoJSON document that mapdata reads.
type topology struct {
	Type      string                        `json:"type"`
	Transform *transform                    `json:"transform"`
	Arcs      [][][2]float64                `json:"arcs"`
	Objects   map[string]geometryCollection `json:"objects"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type geometryCollection struct {
	Type       string         `json:"type"`
	Geometries []topoGeometry `json:"geometries"`
}

type topoGeometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties map[string]any  `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
}

// errTopology is wrapped by every error about a malformed TopoJSON file.
var errTopology = errors.New("bad TopoJSON")

// decodeTopology parses a TopoJSON document and resolves its arcs into
// absolute longitude/latitude positions.
func decodeTopology(data []byte) (*topology, [][][2]float64, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", errTopology, err)
	}
	if t.Type != "Topology" {
		return nil, nil, fmt.Errorf("%w: type %q, want Topology", errTopology, t.Type)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([][2]float64, len(arc))
		var x, y float64
		for j, p := range arc {
			if t.Transform != nil {
				// Quantized arcs are delta-encoded integers.
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	return &t, arcs, nil
}

// ring stitches arc indexes into one closed ring; a negative index ~i
// stands for arc i reversed, and consecutive arcs share their joining point.
func ring(arcs [][][2]float64, indexes []int) ([][2]float64, error) {
	var out [][2]float64
	for _, ix := range indexes {
		reversed := ix < 0
		if reversed {
			ix = ^ix
		}
		if ix >= len(arcs) {
			return nil, fmt.Errorf("%w: arc %d of %d", errTopology, ix, len(arcs))
		}
		arc := arcs[ix]
		for k := range arc {
			p := arc[k]
			if reversed {
				p = arc[len(arc)-1-k]
			}
			if k == 0 && len(out) > 0 {
				continue
			}
			out = append(out, p)
		}
	}
	unwrap(out)
	return out, nil // too short a ring (an islet simplified away) is dropped by roundPolygons
}

// polygons resolves a Polygon or MultiPolygon geometry into polygons of rings.
func (g topoGeometry) polygons(arcs [][][2]float64) ([][][][2]float64, error) {
	var multi [][][]int
	switch g.Type {
	case "Polygon":
		var rings [][]int
		if err := json.Unmarshal(g.Arcs, &rings); err != nil {
			return nil, fmt.Errorf("%w: polygon arcs: %w", errTopology, err)
		}
		multi = [][][]int{rings}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &multi); err != nil {
			return nil, fmt.Errorf("%w: multipolygon arcs: %w", errTopology, err)
		}
	case "", "null":
		return nil, nil
	default:
		return nil, fmt.Errorf("%w: geometry type %q", errTopology, g.Type)
	}
	var out [][][][2]float64
	for _, rings := range multi {
		var poly [][][2]float64
		for _, r := range rings {
			pts, err := ring(arcs, r)
			if err != nil {
				return nil, err
			}
			poly = append(poly, pts)
		}
		out = append(out, poly)
	}
	return out, nil
}

// unwrap makes a ring's longitudes continuous: Natural Earth's rings that
// cross the antimeridian (Russia's east, Fiji) jump from 180 to -180,
// which a flat map draws as a line across the world. After unwrapping they
// run on past 180 instead. A ring that circles the whole globe
// (Antarctica) no longer closes and is dropped with its polygon.
func unwrap(ring [][2]float64) {
	for i := 1; i < len(ring); i++ {
		for ring[i][0]-ring[i-1][0] > 180 {
			ring[i][0] -= 360
		}
		for ring[i][0]-ring[i-1][0] < -180 {
			ring[i][0] += 360
		}
	}
}
