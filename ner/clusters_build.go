package ner

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

// ClusterOptions configure BuildClusters.
type ClusterOptions struct {
	MinCount   int     // words seen fewer times are left out
	Dim        int     // embedding dimensions
	Window     int     // largest distance between a word and its context
	Negative   int     // negative samples per context word
	Epochs     int     // passes over the corpus
	Subsample  float64 // frequent-word subsampling threshold
	Levels     []int   // cluster counts, coarse to fine; the finest is k-means over words, the others k-means over its centroids
	Iterations int     // k-means iterations at the finest level
	Seed       uint64
	Progress   io.Writer
}

// DefaultClusterOptions are the settings of the committed clusters file.
func DefaultClusterOptions() ClusterOptions {
	return ClusterOptions{
		MinCount: 5, Dim: 100, Window: 3, Negative: 5, Epochs: 3, Subsample: 1e-4,
		Levels: []int{64, 256, 1024}, Iterations: 15, Seed: 1,
	}
}

// ReadNewsText calls fn with the title and body of each article of a JSON
// Lines file, gzip-compressed or not, whose records carry "title" and
// "content".
func ReadNewsText(path string, fn func(text string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<16)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		var rec struct {
			Title   string `json:"title"`
			Content string `json:"content"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		fn(rec.Title + "\n" + rec.Content)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", path, line, err)
	}
	return nil
}

// SplitWords cuts running text into tokens the way ANERcorp is cut: runs of
// letters, digits and diacritics, and each other non-space character alone.
// The clusters are learned over these tokens so that they match what the
// tagger sees.
func SplitWords(text string, fn func(start, end int)) {
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
		if !unicode.IsSpace(r) && r != 0x200F && r != 0x200E && r != 0x200C && r != 0x200D && r != 0xFEFF {
			fn(i, i+len(string(r)))
		}
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

// BuildClusters learns word embeddings (skip-gram with negative sampling,
// one thread, so that a seed fixes the result) over the normalised tokens
// of texts, clusters them with k-means at several granularities, and
// returns a clusters file.
func BuildClusters(texts func(fn func(text string)) error, opts ClusterOptions) ([]byte, error) {
	if len(opts.Levels) == 0 || len(opts.Levels) > maxLevels {
		return nil, fmt.Errorf("want 1…%d cluster levels, got %d", maxLevels, len(opts.Levels))
	}
	progress := opts.Progress
	if progress == nil {
		progress = io.Discard
	}
	begin := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(progress, "clusters: %5.0fs: %s\n", time.Since(begin).Seconds(), fmt.Sprintf(format, args...))
	}

	// Read the corpus once, keeping it as word ids.
	ids := map[string]int32{}
	var (
		words  []string
		counts []int64
		corpus []int32
	)
	err := texts(func(text string) {
		SplitWords(text, func(s, e int) {
			n := normalize(text[s:e])
			id, ok := ids[n]
			if !ok {
				id = int32(len(words))
				ids[n] = id
				words = append(words, n)
				counts = append(counts, 0)
			}
			counts[id]++
			corpus = append(corpus, id)
		})
		corpus = append(corpus, -1) // article boundary
	})
	if err != nil {
		return nil, err
	}
	logf("read %d tokens, %d distinct words", len(corpus), len(words))

	// Keep frequent words, most frequent first, ties by spelling.
	order := make([]int32, 0, len(words))
	for id, c := range counts {
		if c >= int64(opts.MinCount) {
			order = append(order, int32(id))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(words[a], words[b]))
	})
	remap := make([]int32, len(words))
	for i := range remap {
		remap[i] = -1
	}
	for i, id := range order {
		remap[id] = int32(i)
	}
	V := len(order)
	vcount := make([]int64, V)
	for i, id := range order {
		vcount[i] = counts[id]
	}
	kept := corpus[:0]
	var total int64
	for _, id := range corpus {
		if id < 0 {
			kept = append(kept, -1)
			continue
		}
		if r := remap[id]; r >= 0 {
			kept = append(kept, r)
			total++
		}
	}
	corpus = kept
	logf("vocabulary of %d words seen %d times or more (%d tokens)", V, opts.MinCount, total)

	vecs := trainSkipGram(corpus, vcount, total, opts, logf)
	assign := clusterLevels(vecs, vcount, opts, logf)

	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprint(bw, "#levels")
	for _, k := range opts.Levels {
		fmt.Fprintf(bw, " %d", k)
	}
	fmt.Fprintln(bw)
	for i, id := range order {
		fmt.Fprintf(bw, "%s\t%d", words[id], vcount[i])
		for l := range opts.Levels {
			fmt.Fprintf(bw, "\t%d", assign[l][i])
		}
		fmt.Fprintln(bw)
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	logf("done")
	return buf.Bytes(), nil
}

// rng is a small deterministic generator (the linear congruential one of
// the original word2vec), cheap enough to call per context word.
type rng uint64

func (r *rng) next() uint64 {
	*r = *r*25214903917 + 11
	return uint64(*r)
}

func trainSkipGram(corpus []int32, counts []int64, total int64, opts ClusterOptions, logf func(string, ...any)) []float32 {
	V, D := len(counts), opts.Dim
	r := rng(opts.Seed)
	in := make([]float32, V*D)
	out := make([]float32, V*D)
	for i := range in {
		in[i] = (float32(r.next()>>40&0xFFFF)/65536 - 0.5) / float32(D)
	}
	// Negative samples are drawn from counts^0.75 through a table.
	const tableSize = 1 << 24
	table := make([]int32, tableSize)
	var norm float64
	for _, c := range counts {
		norm += math.Pow(float64(c), 0.75)
	}
	w, cum := 0, math.Pow(float64(counts[0]), 0.75)/norm
	for i := range table {
		table[i] = int32(w)
		if float64(i+1)/tableSize > cum && w < V-1 {
			w++
			cum += math.Pow(float64(counts[w]), 0.75) / norm
		}
	}
	keep := make([]uint32, V) // probability of keeping a word, scaled to 2^32
	for i, c := range counts {
		f := float64(c) / float64(total)
		p := (math.Sqrt(f/opts.Subsample) + 1) * opts.Subsample / f
		keep[i] = uint32(min(p, 1) * math.MaxUint32)
	}
	const alpha0 = 0.025
	grad := make([]float32, D)
	steps := int64(opts.Epochs) * total
	var done int64
	sent := make([]int32, 0, 1024)
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		pos := 0
		for pos < len(corpus) {
			// One article, subsampled.
			sent = sent[:0]
			for ; pos < len(corpus) && corpus[pos] >= 0; pos++ {
				w := corpus[pos]
				done++
				if uint32(r.next()>>32) <= keep[w] {
					sent = append(sent, w)
				}
			}
			pos++
			alpha := float32(alpha0 * max(1-float64(done)/float64(steps+1), 1e-4))
			for i, w := range sent {
				b := int(r.next() % uint64(opts.Window))
				for j := i - opts.Window + b; j <= i+opts.Window-b; j++ {
					if j < 0 || j >= len(sent) || j == i {
						continue
					}
					ctx := in[int(sent[j])*D : int(sent[j])*D+D]
					clear(grad)
					for k := 0; k <= opts.Negative; k++ {
						target, label := w, float32(1)
						if k > 0 {
							target = table[r.next()>>16%tableSize]
							if target == w {
								continue
							}
							label = 0
						}
						o := out[int(target)*D : int(target)*D+D]
						var dot float32
						for d := range ctx {
							dot += ctx[d] * o[d]
						}
						g := (label - sigmoid(dot)) * alpha
						for d := range ctx {
							grad[d] += g * o[d]
							o[d] += g * ctx[d]
						}
					}
					for d := range ctx {
						ctx[d] += grad[d]
					}
				}
			}
		}
		logf("skip-gram epoch %d/%d", epoch+1, opts.Epochs)
	}
	return in
}

func sigmoid(x float32) float32 {
	if x > 6 {
		return 1
	}
	if x < -6 {
		return 0
	}
	return float32(1 / (1 + math.Exp(-float64(x))))
}

// clusterLevels runs spherical k-means over the unit-length word vectors
// for the finest level, then k-means over its centroids (weighted by how
// many words each holds) for each coarser level, so that the levels nest
// the way the prefixes of Brown cluster paths do.
func clusterLevels(vecs []float32, counts []int64, opts ClusterOptions, logf func(string, ...any)) [][]int {
	V := len(counts)
	D := opts.Dim
	for i := 0; i < V; i++ {
		unit(vecs[i*D : i*D+D])
	}
	weights := make([]float64, V)
	for i := range weights {
		weights[i] = 1
	}
	L := len(opts.Levels)
	assign := make([][]int, L)
	fine, cents := kmeans(vecs, weights, D, min(opts.Levels[L-1], V), opts.Iterations, opts.Seed, logf)
	assign[L-1] = fine
	for l := L - 2; l >= 0; l-- {
		K := len(cents) / D
		w := make([]float64, K)
		for _, c := range fine {
			w[c]++
		}
		coarse, _ := kmeans(cents, w, D, min(opts.Levels[l], K), 2*opts.Iterations, opts.Seed+uint64(l)+1, logf)
		assign[l] = make([]int, V)
		for i, c := range fine {
			assign[l][i] = coarse[c]
		}
	}
	return assign
}

func unit(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// kmeans clusters the rows of x (unit vectors) by cosine similarity. The
// assignment step runs on every CPU over fixed slices of the rows, so the
// result does not depend on scheduling.
func kmeans(x []float32, weight []float64, D, K, iters int, seed uint64, logf func(string, ...any)) (assign []int, cents []float32) {
	N := len(x) / D
	r := rng(seed)
	cents = make([]float32, K*D)
	perm := make([]int, N)
	for i := range perm {
		perm[i] = i
	}
	for i := N - 1; i > 0; i-- {
		j := int(r.next() >> 16 % uint64(i+1))
		perm[i], perm[j] = perm[j], perm[i]
	}
	for k := 0; k < K; k++ {
		copy(cents[k*D:k*D+D], x[perm[k]*D:perm[k]*D+D])
	}
	assign = make([]int, N)
	workers := runtime.NumCPU()
	for it := 0; it < iters; it++ {
		var wg sync.WaitGroup
		changed := make([]int, workers)
		for wk := 0; wk < workers; wk++ {
			wg.Add(1)
			go func(wk int) {
				defer wg.Done()
				for i := wk; i < N; i += workers {
					v := x[i*D : i*D+D]
					best, arg := float32(-2), 0
					for k := 0; k < K; k++ {
						c := cents[k*D : k*D+D]
						var dot float32
						for d := range v {
							dot += v[d] * c[d]
						}
						if dot > best {
							best, arg = dot, k
						}
					}
					if assign[i] != arg || it == 0 {
						changed[wk]++
					}
					assign[i] = arg
				}
			}(wk)
		}
		wg.Wait()
		moved := 0
		for _, c := range changed {
			moved += c
		}
		sums := make([]float64, K*D)
		mass := make([]float64, K)
		for i, k := range assign {
			mass[k] += weight[i]
			for d := 0; d < D; d++ {
				sums[k*D+d] += weight[i] * float64(x[i*D+d])
			}
		}
		for k := 0; k < K; k++ {
			if mass[k] == 0 { // an empty cluster takes a random row
				j := int(r.next() >> 16 % uint64(N))
				copy(cents[k*D:k*D+D], x[j*D:j*D+D])
				continue
			}
			for d := 0; d < D; d++ {
				cents[k*D+d] = float32(sums[k*D+d])
			}
			unit(cents[k*D : k*D+D])
		}
		logf("k-means K=%d iteration %d/%d: %d moved", K, it+1, iters, moved)
		if moved == 0 {
			break
		}
	}
	return assign, cents
}
