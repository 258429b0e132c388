package watch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Source kinds.
const (
	KindFeed   = "feed"   // an RSS, Atom or RDF feed, or a (news) sitemap
	KindFolder = "folder" // a folder of article files
)

// Defaults of a source's settings.
const (
	DefaultFeedInterval   = 15 * time.Minute
	DefaultFolderInterval = 5 * time.Second
	// MinInterval keeps a typo ("1ms") from hammering a server.
	MinInterval = time.Second
)

// Source is one feed, sitemap or folder the watch follows.
type Source struct {
	// Name identifies the source in the queue and in --status; from a
	// sources file it is also the outlet name stored with its articles.
	Name string
	// Outlet is stored as the outlet of the source's articles when set
	// (a source given on the command line has none: the page's own
	// metadata names the outlet).
	Outlet  string
	Country string
	Kind    string
	// URL is the feed's or sitemap's address (Kind feed), Folder the
	// folder's path (Kind folder).
	URL, Folder string
	Interval    time.Duration
	// MaxItems bounds how many new items one poll queues (0: no bound).
	MaxItems int
	// Delay, when set, replaces the watch's delay between two requests
	// to the host of the source's URL (the gentlest wins when several
	// sources share a host; pages on other hosts keep the watch's delay).
	Delay time.Duration
	// Where is FILE:LINE of the entry, or the command-line argument.
	Where string
}

// Location is the source's URL or folder.
func (s Source) Location() string {
	if s.Kind == KindFolder {
		return s.Folder
	}
	return s.URL
}

// sourcesFile is the YAML document of --sources.
type sourcesFile struct {
	Sources []sourceEntry `yaml:"sources"`
}

// sourceEntry is one entry as written, with its line.
type sourceEntry struct {
	line     int
	keyLine  map[string]int // the line of each key, for errors about its value
	Name     string         `yaml:"name"`
	Country  string         `yaml:"country"`
	URL      string         `yaml:"url"`
	Folder   string         `yaml:"folder"`
	Interval string         `yaml:"interval"`
	MaxItems int            `yaml:"max_items"`
	Delay    string         `yaml:"delay"`
}

// sourceKeys are the keys an entry may have, in the order the docs list
// them.
var sourceKeys = []string{"name", "country", "url", "folder", "interval", "max_items", "delay"}

// UnmarshalYAML decodes an entry, refusing keys it does not know: the
// decoder's own strictness does not reach types that decode themselves.
func (e *sourceEntry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &lineError{n.Line, "a source must be a mapping of " + strings.Join(sourceKeys, ", ")}
	}
	keyLine := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		keyLine[k.Value] = k.Line
		known := false
		for _, s := range sourceKeys {
			known = known || k.Value == s
		}
		if !known {
			return &lineError{k.Line, fmt.Sprintf("unknown key %q (a source has %s)", k.Value, strings.Join(sourceKeys, ", "))}
		}
	}
	type plain sourceEntry // without this method
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*e = sourceEntry(p)
	e.line = n.Line
	e.keyLine = keyLine
	return nil
}

// lineError is a mistake at a line of the sources file.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// LoadSources reads and checks a sources file. Its errors name the file
// and line: "sources.yaml:7: interval "5": missing unit (like 10m)".
func LoadSources(path string) ([]Source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	srcs, err := ParseSources(path, b)
	if err != nil {
		return nil, err
	}
	// A folder that is not there is a mistake in the file, as a folder
	// argument that is not there is one on the command line.
	var errs []error
	for _, s := range srcs {
		if s.Kind != KindFolder {
			continue
		}
		fi, err := os.Stat(s.Folder)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: folder %s: %w", s.Where, s.Folder, errors.Unwrap(err)))
		case !fi.IsDir():
			errs = append(errs, fmt.Errorf("%s: folder %s is a file; give the folder it is in", s.Where, s.Folder))
		}
	}
	return srcs, errors.Join(errs...)
}

// yamlLine finds "line N: " in the messages of the YAML library.
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// unknownField finds the key in the YAML library's message for a key
// that is not a field of the Go type.
var unknownField = regexp.MustCompile(`^field (.*) not found in type `)

// ParseSources decodes the sources file data, named name in errors.
func ParseSources(name string, data []byte) ([]Source, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f sourcesFile
	err := dec.Decode(&f)
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:1: no sources (the file is empty)", name)
	}
	if err != nil {
		return nil, yamlError(name, err)
	}
	if len(f.Sources) == 0 {
		return nil, fmt.Errorf("%s:1: no sources (want a list under \"sources:\")", name)
	}
	var errs []error
	var out []Source
	byName := map[string]int{}
	for _, e := range f.Sources {
		where := fmt.Sprintf("%s:%d", name, e.line)
		fail := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...)))
		}
		// failAt names the line of key, where the value to fix is.
		failAt := func(key, format string, args ...any) {
			line, ok := e.keyLine[key]
			if !ok {
				line = e.line
			}
			errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
		}
		s := Source{Name: e.Name, Outlet: e.Name, Country: e.Country, MaxItems: e.MaxItems, Where: where}
		switch {
		case strings.TrimSpace(e.Name) == "":
			fail("source without a name")
		case byName[e.Name] != 0:
			failAt("name", "source %q is already defined at line %d", e.Name, byName[e.Name])
		default:
			byName[e.Name] = e.line
		}
		switch {
		case e.URL != "" && e.Folder != "":
			fail("source %q has both url and folder (one or the other)", e.Name)
		case e.URL != "":
			s.Kind, s.URL = KindFeed, e.URL
			if err := checkURL(e.URL); err != nil {
				failAt("url", "url %q: %v", e.URL, err)
			}
		case e.Folder != "":
			s.Kind = KindFolder
			s.Folder = e.Folder
			if !filepath.IsAbs(s.Folder) {
				// Relative to the file, as a reader of it expects.
				s.Folder = filepath.Join(filepath.Dir(name), s.Folder)
			}
		default:
			fail("source %q has neither url nor folder", e.Name)
		}
		if e.Country != "" && !isCountryCode(e.Country) {
			failAt("country", "country %q: want a two-letter ISO 3166 code such as LY", e.Country)
		}
		if s.Interval, err = parseInterval(e.Interval, s.Kind); err != nil {
			failAt("interval", "interval %q: %v", e.Interval, err)
		}
		if e.Delay != "" {
			if s.Delay, err = time.ParseDuration(e.Delay); err != nil || s.Delay < 0 {
				failAt("delay", "delay %q: not a duration (like 2s or 500ms)", e.Delay)
			}
		}
		if e.MaxItems < 0 {
			failAt("max_items", "max_items %d: must not be negative", e.MaxItems)
		}
		out = append(out, s)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// yamlError turns the YAML library's errors into FILE:LINE: messages.
func yamlError(name string, err error) error {
	var le *lineError
	if errors.As(err, &le) {
		return fmt.Errorf("%s:%d: %s", name, le.line, le.msg)
	}
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var errs []error
	for _, m := range msgs {
		if g := yamlLine.FindStringSubmatch(m); g != nil {
			msg := g[2]
			if f := unknownField.FindStringSubmatch(msg); f != nil {
				// Only the top level decodes strictly by itself.
				msg = fmt.Sprintf("unknown key %q (the file has one key, sources, with the list of sources)", f[1])
			}
			errs = append(errs, fmt.Errorf("%s:%s: %s", name, g[1], msg))
			continue
		}
		errs = append(errs, fmt.Errorf("%s:1: %s", name, strings.TrimPrefix(m, "yaml: ")))
	}
	return errors.Join(errs...)
}

func parseInterval(s, kind string) (time.Duration, error) {
	if s == "" {
		if kind == KindFolder {
			return DefaultFolderInterval, nil
		}
		return DefaultFeedInterval, nil
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return 0, errors.New("missing unit (like 10m, 90s or 1h)")
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New("not a duration (like 10m, 90s or 1h)")
	}
	if d < MinInterval {
		return 0, fmt.Errorf("shorter than %v", MinInterval)
	}
	return d, nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("want an http:// or https:// URL")
	}
	if u.Host == "" {
		return errors.New("no host")
	}
	return nil
}

func isCountryCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// SourcesFromArgs makes sources of command-line arguments: a feed or
// sitemap URL, or a folder. interval 0 means the kind's default.
func SourcesFromArgs(args []string, interval time.Duration) ([]Source, error) {
	var out []Source
	seen := map[string]bool{}
	for _, a := range args {
		s := Source{Name: a, Interval: interval, Where: a}
		if strings.Contains(a, "://") {
			if err := checkURL(a); err != nil {
				return nil, fmt.Errorf("source %q: %v", a, err)
			}
			s.Kind, s.URL = KindFeed, a
			if interval == 0 {
				s.Interval = DefaultFeedInterval
			}
		} else {
			fi, err := os.Stat(a)
			if err != nil {
				return nil, fmt.Errorf("source %q: neither a URL nor a folder: %w", a, err)
			}
			if !fi.IsDir() {
				return nil, fmt.Errorf("source %q: a file; give the folder it is in (use rasad ingest for single files)", a)
			}
			abs, err := filepath.Abs(a)
			if err != nil {
				return nil, err
			}
			s.Kind, s.Folder, s.Name = KindFolder, abs, abs
			if interval == 0 {
				s.Interval = DefaultFolderInterval
			}
		}
		if interval != 0 && interval < MinInterval {
			return nil, fmt.Errorf("interval %v: shorter than %v", interval, MinInterval)
		}
		if seen[s.Name] {
			return nil, fmt.Errorf("source %q given twice", a)
		}
		seen[s.Name] = true
		out = append(out, s)
	}
	return out, nil
}
