package sqldb

import (
	"encoding/binary"
	"fmt"

	"github.com/rasad/rasad/document"
)

// Positions and offsets are stored as blobs of unsigned varints, each
// value the gap from the one before it: small numbers, one or two bytes.

func encodePositions(pos []int) []byte {
	b := make([]byte, 0, len(pos)+4)
	prev := 0
	for _, p := range pos {
		b = binary.AppendUvarint(b, uint64(p-prev))
		prev = p
	}
	return b
}

func decodePositions(b []byte) ([]int, error) {
	pos := make([]int, 0, len(b))
	prev := 0
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, fmt.Errorf("corrupt positions blob")
		}
		prev += int(v)
		pos = append(pos, prev)
		b = b[n:]
	}
	return pos, nil
}

// encodeOffsets stores each range as its start's gap from the previous
// range's end, then its length.
func encodeOffsets(rs []document.Range) []byte {
	b := make([]byte, 0, 2*len(rs)+4)
	prev := 0
	for _, r := range rs {
		b = binary.AppendUvarint(b, uint64(r[0]-prev))
		b = binary.AppendUvarint(b, uint64(r[1]-r[0]))
		prev = r[1]
	}
	return b
}

func decodeOffsets(b []byte) ([]document.Range, error) {
	var rs []document.Range
	prev := 0
	for len(b) > 0 {
		gap, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, fmt.Errorf("corrupt offsets blob")
		}
		b = b[n:]
		length, m := binary.Uvarint(b)
		if m <= 0 {
			return nil, fmt.Errorf("corrupt offsets blob")
		}
		b = b[m:]
		start := prev + int(gap)
		rs = append(rs, document.Range{start, start + int(length)})
		prev = start + int(length)
	}
	return rs, nil
}

func encodeSignature(sig []uint64) []byte {
	b := make([]byte, 8*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

func decodeSignature(b []byte) []uint64 {
	sig := make([]uint64, len(b)/8)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return sig
}
