package alert

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/rasad/rasad/search"
	"github.com/rasad/rasad/store"
)

// Alert is a saved search and where its matches go.
type Alert struct {
	// ID is the database's number for the alert (0 until it is added).
	ID int64
	// Name is how the user calls it: no spaces, unique.
	Name string
	// Query and Filter are a search as `rasad search` runs it.
	Query  string
	Filter search.Filter
	// On says what fires: one match per matching event, or per article.
	On On
	// Sink is where matches are delivered: "stdout", "file:/abs/path",
	// or an http(s) URL to POST them to.
	Sink string
	// Secret keys the HMAC-SHA256 signature of webhook bodies. It is
	// stored as it is, in plain text in the database, unless it is a
	// reference made by SecretFromEnv: "env:NAME", the secret being the
	// value of the environment variable NAME in the process that
	// delivers (rasad watch).
	Secret  string
	Created time.Time
}

// On is what an alert fires for.
type On string

// What alerts fire for.
const (
	OnEvents   On = "events"   // each matching event of a matching article
	OnArticles On = "articles" // each matching article
)

// Sink kinds, as SinkKind tells them apart.
const (
	SinkStdout  = "stdout"
	SinkFile    = "file"
	SinkWebhook = "webhook"
)

// Errors of alert definitions and of the alert tables; compare with
// errors.Is. ErrInvalid wraps every problem with a definition, which is
// the user's to fix.
var (
	// ErrInvalid: an alert definition that cannot be saved.
	ErrInvalid = errors.New("invalid alert")
	// ErrExists: an alert with that name is already saved.
	ErrExists = errors.New("an alert with this name already exists")
	// ErrNoAlert: no alert has the name asked for.
	ErrNoAlert = errors.New("no such alert")
	// ErrUnsupported: the store keeps no alerts.
	ErrUnsupported = errors.New("this store does not keep alerts")
)

// maxNameBytes bounds alert names, which appear in every delivered line.
const maxNameBytes = 100

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Validate checks a definition as the user gave it, with messages fit to
// print: the name, the query (words or a filter must be given, quotation
// marks closed), the filter's values, what it fires on, the sink and,
// for a webhook, the secret. an is the analyser the store indexes with.
func (a Alert) Validate(an store.Analyzer) error {
	if a.Name == "" {
		return invalid("the name is empty")
	}
	if len(a.Name) > maxNameBytes {
		return invalid("name %q is longer than %d bytes", a.Name, maxNameBytes)
	}
	if i := strings.IndexFunc(a.Name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }); i >= 0 {
		return invalid("name %q has a space or control character at byte %d", a.Name, i)
	}
	clauses, err := search.ParseQuery(an, a.Query)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if len(clauses) == 0 && a.Filter.IsZero() {
		return invalid("give words to look for or a filter (type, actor, place, near, from, to, outlet)")
	}
	if err := a.Filter.Validate(); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	for _, name := range []struct{ what, v string }{{"actor", a.Filter.Actor}, {"place", a.Filter.Place}, {"outlet", a.Filter.Outlet}} {
		if name.v != "" && len(store.Terms(an, name.v)) == 0 {
			return invalid("%s %q has no words", name.what, name.v)
		}
	}
	if a.On != OnEvents && a.On != OnArticles {
		return invalid("fires on %q: want events or articles", a.On)
	}
	kind, err := SinkKind(a.Sink)
	if err != nil {
		return err
	}
	if kind == SinkWebhook && a.Secret == "" {
		return invalid("the webhook %s needs a secret to sign what it is sent", a.Sink)
	}
	if name, ok := SecretEnv(a.Secret); ok && !isEnvName(name) {
		return invalid("secret %s: %q is not the name of an environment variable", secretEnvPrefix+"NAME", name)
	}
	return nil
}

// secretEnvPrefix marks a stored secret that names an environment
// variable instead of holding the key.
const secretEnvPrefix = "env:"

// SecretFromEnv is the Secret of an alert whose key is the value of the
// environment variable name when a delivery is signed, so that the
// database holds no key.
func SecretFromEnv(name string) string { return secretEnvPrefix + name }

// SecretEnv returns the environment variable a Secret refers to, if it
// is such a reference.
func SecretEnv(secret string) (string, bool) {
	return strings.CutPrefix(secret, secretEnvPrefix)
}

// ResolveSecret returns the key a stored Secret stands for: itself, or
// the value getenv gives for the variable it names (an error when that
// is empty).
func ResolveSecret(secret string, getenv func(string) string) (string, error) {
	name, ok := SecretEnv(secret)
	if !ok {
		return secret, nil
	}
	v := getenv(name)
	if v == "" {
		return "", fmt.Errorf("the environment variable %s, which holds the webhook secret, is empty or not set", name)
	}
	return v, nil
}

// isEnvName says whether s is a portable environment variable name.
func isEnvName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if r != '_' && (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// SinkKind says which kind of sink s names: SinkStdout, SinkFile (with an
// absolute path) or SinkWebhook (an http or https URL with a host).
func SinkKind(s string) (string, error) {
	switch {
	case s == "stdout":
		return SinkStdout, nil
	case strings.HasPrefix(s, "file:"):
		path := strings.TrimPrefix(s, "file:")
		if path == "" || !filepath.IsAbs(path) {
			return "", invalid("sink %q: want file:/absolute/path", s)
		}
		return SinkFile, nil
	case strings.HasPrefix(s, "http://"), strings.HasPrefix(s, "https://"):
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return "", invalid("sink %q: not a URL with a host", s)
		}
		return SinkWebhook, nil
	}
	return "", invalid("sink %q: want stdout, file:PATH or an http(s):// webhook URL", s)
}

// IsSink says whether s has the form of a sink rather than of something
// else given in its place (a day, say): stdout, file:… or http(s)://….
func IsSink(s string) bool {
	return s == "stdout" || strings.HasPrefix(s, "file:") || strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
