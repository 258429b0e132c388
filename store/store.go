package store

import (
	"context"
	"errors"

	"github.com/rasad/rasad/document"
)

// Store is a database of documents. Every method is safe for concurrent
// use, and readers keep working while another process writes.
type Store interface {
	// Put stores d whole, in one transaction, or not at all. A document
	// already stored under the same id, URL or cleaned text is left alone
	// when nothing in it changed (Unchanged) and replaced otherwise
	// (Updated), so that storing a batch twice is safe.
	Put(ctx context.Context, d *document.Document) (Outcome, error)

	// PutBatch stores docs as Put does, all in one transaction: every
	// one of them or none. Writing many articles per transaction is
	// much faster, since the index pages they share are written once.
	PutBatch(ctx context.Context, docs []*document.Document) ([]Outcome, error)

	// Get returns the stored document with the given id, or ErrNotFound.
	Get(ctx context.Context, id string) (*Stored, error)

	// Documents returns the stored documents numbered nums, in that order;
	// numbers with no document are left out.
	Documents(ctx context.Context, nums []int64) ([]*Stored, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// IndexSize returns what BM25 needs and Stats counts too, cheaply:
	// the number of documents and of indexed tokens in them.
	IndexSize(ctx context.Context) (documents, tokens int64, err error)

	// DocFreq returns how many documents contain term.
	DocFreq(ctx context.Context, term string) (int, error)

	// Postings returns the postings of term ordered by document number;
	// only those of the documents in within when within is not nil (it
	// must be sorted).
	Postings(ctx context.Context, term string, within []int64) ([]Posting, error)

	// Published returns the numbers of the documents published from from
	// to to (days, 2006-01-02; an empty bound is open), newest first. With
	// both bounds empty every document is returned, undated ones last.
	Published(ctx context.Context, from, to string) ([]int64, error)

	// Near returns, sorted, the numbers of the documents that name a place
	// within km kilometres of lat, lon.
	Near(ctx context.Context, lat, lon, km float64) ([]int64, error)

	// Check verifies that what is stored is consistent: counts agree,
	// every document has its index entries and its child rows. It is
	// what a test runs after killing a writer.
	Check(ctx context.Context) error

	// Migrations lists the schema versions applied to the database, in
	// order; Open applies the missing ones.
	Migrations(ctx context.Context) ([]int, error)

	// Close releases the database.
	Close() error
}

// Options configure a store when it is opened.
type Options struct {
	// Analyzer tokenises the text of documents that come without tokens,
	// and names (actors, places, outlets) for the filter index. Queries
	// must be analysed by the same analyser.
	Analyzer Analyzer
}

// Analyzer splits Arabic text into tokens whose Norm is the normalised
// stem with clitics split off; arabic.Analyzer is one.
type Analyzer interface {
	Analyze(text string) ([]document.Token, []document.Range)
}

// Outcome says what Put did with a document.
type Outcome int

// Outcomes of Put.
const (
	Added     Outcome = iota + 1 // a new document
	Updated                      // it replaced a stored document with the same id, URL or text
	Unchanged                    // the same document was already stored
)

func (o Outcome) String() string {
	switch o {
	case Added:
		return "added"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	}
	return "Outcome(?)"
}

// Stored is a document as the store keeps it.
type Stored struct {
	// Num is the document's number in this database (not its id).
	Num int64
	// Story is the number of the first stored document of the group of
	// near-duplicates (syndicated or lightly rewritten copies) it belongs
	// to; it is Num for a document that has none.
	Story int64
	// StoryID is the id of that first document ("" if it was replaced
	// since).
	StoryID string
	// Incidents holds, for each of Doc.Events, the incident it belongs
	// to: the number of the first stored event that reports the same
	// happening (same type, compatible place, date and actors).
	Incidents []int64
	Doc       *document.Document
	// Offsets holds the [start, end) byte offsets in Doc.Text of each
	// indexed token; Posting.Positions index into it.
	Offsets []document.Range
}

// Stats counts what is stored.
type Stats struct {
	Documents int64
	// Tokens is the number of indexed tokens in all documents (for the
	// average document length of BM25).
	Tokens    int64
	Events    int64
	Stories   int64
	Incidents int64
}

// Posting says where a term occurs in one document.
type Posting struct {
	Num int64 // document number
	// Length is the document's number of indexed tokens.
	Length int
	// Positions are the term's token positions (indexes into
	// Stored.Offsets), ascending; their count is the term frequency.
	Positions []int
}

// Errors the stores return; compare with errors.Is.
var (
	// ErrNotFound: no document has the id asked for.
	ErrNotFound = errors.New("document not found")
	// ErrNewerSchema: the database was written by a newer rasad, with
	// migrations this one does not know.
	ErrNewerSchema = errors.New("database schema is newer than this rasad")
	// ErrInconsistent: Check found the stored data contradicting itself.
	ErrInconsistent = errors.New("store is inconsistent")
)
