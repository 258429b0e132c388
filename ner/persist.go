package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Files of a model directory.
const (
	fileInfo      = "model.txt"        // settings, readable
	fileWeights   = "weights.bin.gz"   // quantised weights
	fileClusters  = "clusters.tsv.gz"  // word clusters (rasad train clusters)
	fileGazetteer = "gazetteer.tsv.gz" // names from lists (rasad train ner)
)

const modelFormat = "rasad-ner/1"

// Resources are the unlabelled-data inputs of the features: word clusters
// learned from news text and a gazetteer. Their file bytes are kept so a
// trained model can be saved with exactly the resources it was trained on.
type Resources struct {
	clusters     *wordClusters
	gaz          *gazetteer
	clustersFile []byte
	gazFile      []byte
}

// NewResources parses a clusters file and a gazetteer file (either may be
// nil, and the features that need it are then left out).
func NewResources(clustersFile, gazetteerFile []byte) (*Resources, error) {
	r := &Resources{clustersFile: clustersFile, gazFile: gazetteerFile}
	var err error
	if clustersFile != nil {
		if r.clusters, err = readClusters(bytes.NewReader(clustersFile), fileClusters); err != nil {
			return nil, err
		}
	}
	if gazetteerFile != nil {
		if r.gaz, err = readGazetteer(bytes.NewReader(gazetteerFile), fileGazetteer); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Train learns a tagger from CoNLL sentences. With dev sentences, it keeps
// the epoch that scores best on them.
func Train(train, dev []Sentence, res *Resources, opts TrainOptions) (*Tagger, error) {
	if res == nil {
		res = &Resources{}
	}
	fz := &featurizer{clusters: res.clusters, gaz: res.gaz}
	m, err := trainModel(newLabelSet(defaultTypes), fz, train, dev, opts)
	if err != nil {
		return nil, err
	}
	return newTagger(m, res)
}

func newTagger(m *model, res *Resources) (*Tagger, error) {
	titles, err := parseTitles(titlesFile, "titles.txt")
	if err != nil {
		return nil, err
	}
	return &Tagger{m: m, fz: &featurizer{clusters: res.clusters, gaz: res.gaz}, res: res, titles: titles}, nil
}

// Save writes the tagger to dir, creating it if needed.
func (tg *Tagger) Save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var info strings.Builder
	fmt.Fprintf(&info, "format %s\n", modelFormat)
	fmt.Fprintf(&info, "types %s\n", strings.Join(tg.m.labels.types, " "))
	fmt.Fprintf(&info, "bits %d\n", tg.m.bits)
	scale := tg.m.quantScale()
	fmt.Fprintf(&info, "scale %g\n", scale)
	if err := os.WriteFile(filepath.Join(dir, fileInfo), []byte(info.String()), 0o644); err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err := tg.m.writeWeights(zw, scale); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, fileWeights), buf.Bytes(), 0o644); err != nil {
		return err
	}
	for name, b := range map[string][]byte{fileClusters: tg.res.clustersFile, fileGazetteer: tg.res.gazFile} {
		p := filepath.Join(dir, name)
		if b == nil {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			continue
		}
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, b) {
			continue
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// quantScale is the weight that the int16 value 32767 stands for.
func (m *model) quantScale() float32 {
	var mx float32
	for _, w := range m.w {
		mx = max(mx, float32(math.Abs(float64(w))))
	}
	if mx == 0 {
		return 1
	}
	return mx / 32767
}

// writeWeights writes the transitions as float32, then the feature weights
// as int16 multiples of scale, little-endian.
func (m *model) writeWeights(w io.Writer, scale float32) error {
	bw := bufio.NewWriter(w)
	if err := binary.Write(bw, binary.LittleEndian, m.trans); err != nil {
		return err
	}
	q := make([]int16, len(m.w))
	for i, x := range m.w {
		q[i] = int16(math.Round(float64(x / scale)))
	}
	if err := binary.Write(bw, binary.LittleEndian, q); err != nil {
		return err
	}
	return bw.Flush()
}

// LoadDir reads a model directory written by Save.
func LoadDir(dir string) (*Tagger, error) {
	return loadFS(os.DirFS(dir), dir)
}

func loadFS(fsys fs.FS, name string) (*Tagger, error) {
	info, err := fs.ReadFile(fsys, fileInfo)
	if err != nil {
		return nil, fmt.Errorf("reading model %s: %w", name, err)
	}
	settings := map[string]string{}
	for i, line := range strings.Split(strings.TrimSpace(string(info)), "\n") {
		k, v, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"key value\", got %q", filepath.Join(name, fileInfo), i+1, line)
		}
		settings[k] = v
	}
	if settings["format"] != modelFormat {
		return nil, fmt.Errorf("%s: format %q, want %q", filepath.Join(name, fileInfo), settings["format"], modelFormat)
	}
	bits, err := strconv.Atoi(settings["bits"])
	if err != nil || bits < 10 || bits > 26 {
		return nil, fmt.Errorf("%s: bad bits %q", filepath.Join(name, fileInfo), settings["bits"])
	}
	scale, err := strconv.ParseFloat(settings["scale"], 32)
	if err != nil {
		return nil, fmt.Errorf("%s: bad scale %q", filepath.Join(name, fileInfo), settings["scale"])
	}
	m := newModel(newLabelSet(strings.Fields(settings["types"])), uint(bits))
	wf, err := fsys.Open(fileWeights)
	if err != nil {
		return nil, fmt.Errorf("reading model %s: %w", name, err)
	}
	defer wf.Close()
	if err := m.readWeights(wf, float32(scale)); err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Join(name, fileWeights), err)
	}
	optional := func(file string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, file)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return b, err
	}
	cl, err := optional(fileClusters)
	if err != nil {
		return nil, err
	}
	gz, err := optional(fileGazetteer)
	if err != nil {
		return nil, err
	}
	res, err := NewResources(cl, gz)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", name, err)
	}
	return newTagger(m, res)
}

func (m *model) readWeights(r io.Reader, scale float32) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	if err := binary.Read(br, binary.LittleEndian, m.trans); err != nil {
		return err
	}
	q := make([]int16, 1<<16)
	for off := 0; off < len(m.w); off += len(q) {
		chunk := q[:min(len(q), len(m.w)-off)]
		if err := binary.Read(br, binary.LittleEndian, chunk); err != nil {
			return err
		}
		for i, v := range chunk {
			m.w[off+i] = float32(v) * scale
		}
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return errors.New("trailing data after the weights")
	}
	return nil
}
