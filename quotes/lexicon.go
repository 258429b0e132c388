package quotes

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/rasad/rasad/arabic"
)

var (
	//go:embed cues.tsv
	embeddedCues string
	//go:embed speakers.tsv
	embeddedSpeakers string
)

// cueKind says how a cue word relates to its speaker and content.
type cueKind uint8

const (
	cueSay        cueKind = iota + 1 // قال: subject after it, then إن/أن or quotation marks
	cueParticiple                    // مؤكدا: speaker of the statement it follows
	cueAccording                     // بحسب X: X said the rest of the clause
	cueFiller                        // ما، أفاد به: skipped between a source marker and its source
	cueWithin                        // جاء: "جاء في بيان الجيش أن": the speaker issued the medium after في
)

var cueKinds = map[string]cueKind{
	"say":        cueSay,
	"participle": cueParticiple,
	"according":  cueAccording,
	"filler":     cueFiller,
	"within":     cueWithin,
}

type cue struct {
	kind     cueKind
	feminine bool
}

// wordClass is the part a word plays in a speaker phrase.
type wordClass uint8

const (
	classTitle wordClass = iota + 1
	classRank
	classAnonymous
	classStatement
	classStop
	classNameLink
	classMedium
	classNotSource
)

var wordClasses = map[string]wordClass{
	"title":     classTitle,
	"rank":      classRank,
	"anonymous": classAnonymous,
	"statement": classStatement,
	"stop":      classStop,
	"name-link": classNameLink,
	"medium":    classMedium,
	"notsource": classNotSource,
}

// parseCues reads the cue lexicon: form, kind and gender on each line.
func parseCues(name, data string) (map[string]cue, error) {
	cues := make(map[string]cue)
	err := eachRecord(name, data, 3, func(line int, f []string) error {
		kind, ok := cueKinds[f[1]]
		if !ok {
			return fmt.Errorf("%s:%d: unknown cue kind %q", name, line, f[1])
		}
		if f[2] != "m" && f[2] != "f" {
			return fmt.Errorf("%s:%d: gender %q is neither m nor f", name, line, f[2])
		}
		form := arabic.Normalize(f[0])
		if _, dup := cues[form]; dup {
			return fmt.Errorf("%s:%d: cue %q listed twice", name, line, f[0])
		}
		cues[form] = cue{kind: kind, feminine: f[2] == "f"}
		return nil
	})
	return cues, err
}

// parseWords reads the speaker-phrase word list: word and class on each line.
func parseWords(name, data string) (map[string]wordClass, error) {
	words := make(map[string]wordClass)
	err := eachRecord(name, data, 2, func(line int, f []string) error {
		class, ok := wordClasses[f[1]]
		if !ok {
			return fmt.Errorf("%s:%d: unknown word class %q", name, line, f[1])
		}
		w := arabic.Normalize(f[0])
		if _, dup := words[w]; dup {
			return fmt.Errorf("%s:%d: word %q listed twice", name, line, f[0])
		}
		words[w] = class
		return nil
	})
	return words, err
}

// eachRecord calls fn with the fields of each line of data that is neither
// blank nor a # comment, checking that it has n tab-separated fields.
func eachRecord(name, data string, n int, fn func(line int, fields []string) error) error {
	for i, l := range strings.Split(data, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != n {
			return fmt.Errorf("%s:%d: %d fields, want %d separated by tabs", name, i+1, len(f), n)
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
			if f[j] == "" {
				return fmt.Errorf("%s:%d: field %d is empty", name, i+1, j+1)
			}
		}
		if err := fn(i+1, f); err != nil {
			return err
		}
	}
	return nil
}
