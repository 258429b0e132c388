package ner

// Document-level features for the second pass. The first pass tags each
// sentence alone; the second sees, for every word, what the first pass
// made of the same word elsewhere in the document (Krishnan and Manning
// 2006): a name tagged PER in one sentence is likely PER in the next,
// and a lone surname echoes the full name given earlier.

const (
	tPass1 = tLastTemplate + iota
	tPass1M1
	tPass1P1
	tDocType
	tDocMajority
	tDocMajoritySelf
	tDocLonger
	tPass1Word
)

// docFeatures returns, for each token of each sentence of a document, the
// second-pass feature hashes, given the first-pass labels.
func docFeatures(ls *labelSet, infos [][]tokenInfo, labels [][]int) [][][]uint64 {
	flat, offs := docFeaturesFlat(ls, infos, labels)
	out := make([][][]uint64, len(flat))
	for s := range flat {
		out[s] = make([][]uint64, len(offs[s])-1)
		for i := range out[s] {
			out[s][i] = flat[s][offs[s][i]:offs[s][i+1]]
		}
	}
	return out
}

// docFeaturesFlat is docFeatures with each sentence's hashes in one slice:
// token i of sentence s has flat[s][offs[s][i]:offs[s][i+1]].
func docFeaturesFlat(ls *labelSet, infos [][]tokenInfo, labels [][]int) (flat [][]uint64, offs [][]int) {
	nt := len(ls.types)
	type tally struct {
		count  [maxTypes + 1]int // per type; index nt is O
		longer uint8             // types seen as part of a longer name
	}
	keyOf := func(in *tokenInfo) uint64 { return in.stem }
	byKey := map[uint64]*tally{}
	typeAt := make([][]int, len(labels))
	multi := make([][]bool, len(labels))
	for s, ls2 := range labels {
		typeAt[s] = make([]int, len(ls2))
		multi[s] = make([]bool, len(ls2))
		for i := range ls2 {
			typeAt[s][i] = nt
		}
		for _, c := range ls.decode(ls2) {
			t := ls.typeIndex(c.Type)
			for i := c.Start; i < c.End; i++ {
				typeAt[s][i] = t
				multi[s][i] = c.End-c.Start > 1
			}
		}
		for i := range ls2 {
			k := keyOf(&infos[s][i])
			tl := byKey[k]
			if tl == nil {
				tl = &tally{}
				byKey[k] = tl
			}
			tl.count[typeAt[s][i]]++
			if multi[s][i] {
				tl.longer |= 1 << typeAt[s][i]
			}
		}
	}
	flat = make([][]uint64, len(labels))
	offs = make([][]int, len(labels))
	for s, lab := range labels {
		fs := make([]uint64, 0, 12*len(lab))
		offs[s] = make([]int, 1, len(lab)+1)
		for i := range lab {
			f := func(t int, v uint64) { fs = append(fs, combine(uint64(t), v)) }
			at := func(j int) uint64 {
				if j < 0 || j >= len(lab) {
					return 0xffff
				}
				return uint64(lab[j])
			}
			own := typeAt[s][i]
			f(tPass1, at(i))
			f(tPass1M1, combine(at(i-1), at(i)))
			f(tPass1P1, combine(at(i), at(i+1)))
			tl := byKey[keyOf(&infos[s][i])]
			counts := tl.count
			counts[own]-- // the other occurrences only
			others, maj := 0, -1
			for t, c := range counts {
				others += c
				if c > 0 && t < nt {
					f(tDocType, uint64(t))
				}
				if c > 0 && (maj < 0 || c > counts[maj]) {
					maj = t
				}
			}
			if others > 0 {
				f(tDocMajority, uint64(maj))
				f(tDocMajoritySelf, uint64(maj)<<8|uint64(own))
				if maj != nt {
					f(tPass1Word, combine(infos[s][i].stem, uint64(maj)))
				}
			}
			longer := tl.longer
			if multi[s][i] {
				longer = 0 // its own name is the longer one
			}
			for t := 0; t < nt; t++ {
				if longer&(1<<t) != 0 {
					f(tDocLonger, uint64(t))
				}
			}
			offs[s] = append(offs[s], len(fs))
		}
		flat[s] = fs
	}
	return flat, offs
}

// maxTypes is the most entity types a model may have.
const maxTypes = 7
