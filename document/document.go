package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Schema is the value of the "schema" field of every document rasad prints.
const Schema = "rasad.document/v1"

// Document is one article and every layer of annotation added to it.
//
// Text is fixed once, by the cleaning stage; every span in every later
// layer is a pair of UTF-8 byte offsets into it. A stage adds its own layer
// and never edits an earlier one.
type Document struct {
	Schema    string  `json:"schema"`
	ID        string  `json:"id"`
	URL       *string `json:"url"`
	Outlet    *string `json:"outlet"`
	Title     *string `json:"title"`
	Published *string `json:"published"`
	Lang      string  `json:"lang"`
	Text      string  `json:"text"`

	Removed   []Removed `json:"removed"`
	Sentences []Range   `json:"sentences"`
	Entities  []Entity  `json:"entities"`
	Places    []Place   `json:"places"`
	Events    []Event   `json:"events"`
	Quotes    []Quote   `json:"quotes"`

	// Tokens is the text layer's tokenisation of Text. It is not part of
	// the v1 JSON form; later stages read it.
	Tokens []Token `json:"-"`

	// Source names where the article came from ("PATH" or "PATH:LINE"),
	// for messages; it is not part of the JSON form.
	Source string `json:"-"`
}

// Range is a [start, end) pair of byte offsets, printed as a two-element
// JSON array (the form of "sentences").
type Range [2]int

// Start returns the first byte offset of r.
func (r Range) Start() int { return r[0] }

// End returns the byte offset just past r.
func (r Range) End() int { return r[1] }

// Span is a stretch of the document's text with its offsets.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// SpanOf returns the span of text[start:end].
func SpanOf(text string, start, end int) Span {
	return Span{Start: start, End: end, Text: text[start:end]}
}

// Removed is a piece of the input left out of the cleaned text, with why.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Reasons for removal, the values of Removed.Reason.
const (
	ReasonCookieNotice = "cookie-notice"
	ReasonRelatedLinks = "related-links"
	ReasonShare        = "share"
	ReasonFollowUs     = "follow-us"
	ReasonPhotoCredit  = "photo-credit"
	ReasonNewsletter   = "newsletter"
	ReasonCopyright    = "copyright"
	ReasonNavigation   = "navigation"
	ReasonComments     = "comments"
	ReasonAdvert       = "advertisement"
	ReasonTags         = "tags"
	ReasonTitle        = "title"
	ReasonDateline     = "dateline"
	ReasonPageChrome   = "page-chrome"
)

// TokenKind says what a token is.
type TokenKind uint8

// Token kinds.
const (
	Word      TokenKind = iota + 1 // Arabic word
	LatinWord                      // word in Latin script
	Number                         // digits in any digit set, with separators
	Punct                          // punctuation, quotation marks included
	Symbol                         // anything else: %, $, emoji …
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case LatinWord:
		return "latin"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Symbol:
		return "symbol"
	}
	return fmt.Sprintf("TokenKind(%d)", uint8(k))
}

// Token is one token of the text with its clitic segmentation.
//
// Start/End cover the whole surface form; StemStart/StemEnd the stem once
// proclitics (و ف ب ك ل ال س) and enclitics (ه ها هم …) are split off.
// For tokens that are not Arabic words the stem is the whole token.
type Token struct {
	Start, End         int
	StemStart, StemEnd int
	Kind               TokenKind
	// Norm is the normalised form of the stem, for matching.
	Norm string
	// Prefix and Suffix are the proclitics and enclitics split off, in
	// their surface form ("وبال", "ها"), empty when there are none.
	Prefix, Suffix string
}

// Entity is a named entity found in the text.
type Entity struct {
	ID         string  `json:"id"`
	Type       string  `json:"type"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Canonical  string  `json:"canonical"`
	KB         string  `json:"kb,omitempty"`
	Confidence float64 `json:"confidence"`
}

// Entity types.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Place is a resolved location, linked to the entity mentions naming it.
type Place struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Country   string   `json:"country"`
	Admin1    string   `json:"admin1"`
	Precision string   `json:"precision"`
	KB        string   `json:"kb,omitempty"`
	Mentions  []string `json:"mentions"`
}

// Argument is an event's actor or target.
type Argument struct {
	Text      string `json:"text"`
	Canonical string `json:"canonical"`
	Entity    string `json:"entity,omitempty"`
	KB        string `json:"kb,omitempty"`
}

// ACLED is the ACLED event type and sub-event type of an event.
type ACLED struct {
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"`
}

// Quantity is a number the text states about an event.
type Quantity struct {
	Value float64 `json:"value"`
	Text  string  `json:"text"`
}

// Event is one coded event (PLOVER type and mode, ACLED view).
type Event struct {
	ID            string     `json:"id"`
	Type          string     `json:"type"`
	Mode          string     `json:"mode"`
	ACLED         *ACLED     `json:"acled"`
	Trigger       Span       `json:"trigger"`
	Evidence      Span       `json:"evidence"`
	Actor         *Argument  `json:"actor"`
	Target        *Argument  `json:"target"`
	Participants  []Argument `json:"participants"`
	Place         *string    `json:"place"`
	Date          *string    `json:"date"`
	DateText      *string    `json:"date_text"`
	DatePrecision *string    `json:"date_precision"`
	Fatalities    *int       `json:"fatalities"`
	Quantities    []Quantity `json:"quantities"`
	Modality      string     `json:"modality"`
	Confidence    float64    `json:"confidence"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	Text      string `json:"text"`
	Canonical string `json:"canonical"`
	Entity    string `json:"entity,omitempty"`
	Role      string `json:"role"`
	Anonymous bool   `json:"anonymous"`
}

// Quote is direct or reported speech with its speaker.
type Quote struct {
	ID      string  `json:"id"`
	Speaker Speaker `json:"speaker"`
	Cue     Span    `json:"cue"`
	Content Span    `json:"content"`
	Direct  bool    `json:"direct"`
}

// New returns a document for the cleaned text, with every list empty (so
// that the JSON form prints [] rather than null) and the id derived from
// the text when id is empty.
func New(id, text string) *Document {
	if id == "" {
		id = TextID(text)
	}
	return &Document{
		Schema:    Schema,
		ID:        id,
		Lang:      "ar",
		Text:      text,
		Removed:   []Removed{},
		Sentences: []Range{},
		Entities:  []Entity{},
		Places:    []Place{},
		Events:    []Event{},
		Quotes:    []Quote{},
	}
}

// TextID is the id of a document that came without one: the first 16 hex
// digits of the SHA-256 of its cleaned text.
func TextID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:8])
}
