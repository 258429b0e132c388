package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/rasad/rasad/arabic"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Files of a model directory.
const (
	fileInfo      = "model.txt"        // settings, readable
	fileWeights   = "weights.bin.gz"   // quantised weights of the first pass
	fileWeights2  = "weights2.bin.gz"  // and of the second, document-level pass
	fileClusters  = "clusters.tsv.gz"  // word clusters (rasad train clusters)
	fileGazetteer = "gazetteer.tsv.gz" // names from lists (rasad train ner)
	fileAutoLex   = "autolex.tsv.gz"   // automatic lexicon (rasad train ner)
)

const modelFormat = "rasad-ner/1"

// Resources are the unlabelled-data inputs of the features: word clusters
// learned from news text and a gazetteer. Their file bytes are kept so a
// trained model can be saved with exactly the resources it was trained on.
type Resources struct {
	clusters     *wordClusters
	gaz          *gazetteer
	auto         *autoLexicon
	clustersFile []byte
	gazFile      []byte
	autoFile     []byte
	// seg is the arabic package's segmenter, whose stems and clitics are
	// features when it is set.
	seg *arabic.Analyzer
}

// WithSegmenter returns a copy of r whose features include the arabic
// package's segmentation of each word.
func (r *Resources) WithSegmenter(a *arabic.Analyzer) *Resources {
	c := *r
	c.seg = a
	return &c
}

// WithAutoLexicon returns a copy of r with an automatic lexicon (from
// Tagger.BuildAutoLexicon) added.
func (r *Resources) WithAutoLexicon(file []byte) (*Resources, error) {
	lex, err := readAutoLexicon(bytes.NewReader(file), fileAutoLex)
	if err != nil {
		return nil, err
	}
	c := *r
	c.auto, c.autoFile = lex, file
	return &c, nil
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

func newTagger(m1, m2 *model, res *Resources, docSentences int, temperature float64) (*Tagger, error) {
	titles, err := parseTitles(titlesFile, "titles.txt")
	if err != nil {
		return nil, err
	}
	return &Tagger{m: m1, m2: m2, fz: &featurizer{clusters: res.clusters, gaz: res.gaz, auto: res.auto, seg: res.seg}, res: res, titles: titles, docSentences: docSentences, temperature: temperature}, nil
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
	fmt.Fprintf(&info, "docsents %d\n", tg.docSentences)
	if tg.res.seg != nil {
		fmt.Fprintf(&info, "segmenter arabic\n")
	}
	passes := []*model{tg.m}
	if tg.m2 != nil {
		passes = append(passes, tg.m2)
	}
	fmt.Fprintf(&info, "passes %d\n", len(passes))
	fmt.Fprintf(&info, "temperature %g\n", tg.temperature)
	if tg.light {
		fmt.Fprintf(&info, "secondpass light\n")
	}
	files := map[string][]byte{fileClusters: tg.res.clustersFile, fileGazetteer: tg.res.gazFile, fileAutoLex: tg.res.autoFile, fileWeights2: nil}
	for i, m := range passes {
		m = m.quantized()
		fmt.Fprintf(&info, "scale%d %g\n", i+1, m.qscale)
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err := m.writeWeights(zw); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		files[[]string{fileWeights, fileWeights2}[i]] = buf.Bytes()
	}
	if err := os.WriteFile(filepath.Join(dir, fileInfo), []byte(info.String()), 0o644); err != nil {
		return err
	}
	for name, b := range files {
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

// writeWeights writes the transitions as float32, then the feature weights
// as int16 multiples of the model's scale, little-endian.
func (m *model) writeWeights(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := binary.Write(bw, binary.LittleEndian, m.trans); err != nil {
		return err
	}
	if err := binary.Write(bw, binary.LittleEndian, m.quantized().q); err != nil {
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
	docSentences, err := strconv.Atoi(settings["docsents"])
	if err != nil || docSentences < 0 {
		return nil, fmt.Errorf("%s: bad docsents %q", filepath.Join(name, fileInfo), settings["docsents"])
	}
	passes, err := strconv.Atoi(settings["passes"])
	if err != nil || passes < 1 || passes > 2 {
		return nil, fmt.Errorf("%s: bad passes %q", filepath.Join(name, fileInfo), settings["passes"])
	}
	temperature, err := strconv.ParseFloat(settings["temperature"], 64)
	if err != nil || temperature <= 0 {
		return nil, fmt.Errorf("%s: bad temperature %q", filepath.Join(name, fileInfo), settings["temperature"])
	}
	types := strings.Fields(settings["types"])
	if len(types) < 1 || len(types) > maxTypes {
		return nil, fmt.Errorf("%s: %d types, want 1…%d", filepath.Join(name, fileInfo), len(types), maxTypes)
	}
	labels := newLabelSet(types)
	var models []*model
	for i := 1; i <= passes; i++ {
		key := fmt.Sprintf("scale%d", i)
		scale, err := strconv.ParseFloat(settings[key], 32)
		if err != nil {
			return nil, fmt.Errorf("%s: bad %s %q", filepath.Join(name, fileInfo), key, settings[key])
		}
		n := labels.n()
		m := &model{labels: labels, bits: uint(bits), trans: make([]float32, (n+1)*(n+1)), q: make([]int16, (1<<bits)*n), qscale: float32(scale)}
		file := []string{fileWeights, fileWeights2}[i-1]
		wf, err := fsys.Open(file)
		if err != nil {
			return nil, fmt.Errorf("reading model %s: %w", name, err)
		}
		err = m.readWeights(wf)
		wf.Close()
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", filepath.Join(name, file), err)
		}
		models = append(models, m)
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
	auto, err := optional(fileAutoLex)
	if err != nil {
		return nil, err
	}
	if auto != nil {
		if res, err = res.WithAutoLexicon(auto); err != nil {
			return nil, fmt.Errorf("model %s: %w", name, err)
		}
	}
	switch settings["segmenter"] {
	case "":
	case "arabic":
		a, err := arabic.NewAnalyzer()
		if err != nil {
			return nil, err
		}
		res = res.WithSegmenter(a)
	default:
		return nil, fmt.Errorf("%s: unknown segmenter %q", filepath.Join(name, fileInfo), settings["segmenter"])
	}
	m2 := (*model)(nil)
	if len(models) == 2 {
		m2 = models[1]
	}
	tg, err := newTagger(models[0], m2, res, docSentences, temperature)
	if err != nil {
		return nil, err
	}
	switch settings["secondpass"] {
	case "":
	case "light":
		tg.light = true
	default:
		return nil, fmt.Errorf("%s: unknown secondpass %q", filepath.Join(name, fileInfo), settings["secondpass"])
	}
	return tg, nil
}

func (m *model) readWeights(r io.Reader) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	defer zr.Close()
	br := bufio.NewReaderSize(zr, 1<<16)
	if err := binary.Read(br, binary.LittleEndian, m.trans); err != nil {
		return err
	}
	if err := binary.Read(br, binary.LittleEndian, m.q); err != nil {
		return err
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return errors.New("trailing data after the weights")
	}
	return nil
}
