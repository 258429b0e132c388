package quotes

import (
	"testing"

	"github.com/rasad/rasad/actors"
	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/ner"
)

// TestGoldWithTagger scores the finder as the pipeline runs it: after the
// entity tagger and actor linking, with the actor list.
func TestGoldWithTagger(t *testing.T) {
	tagger, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	list, err := actors.Load()
	if err != nil {
		t.Fatal(err)
	}
	an, err := arabic.NewAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	plain, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f := plain.WithActors(list)
	var total scores
	articles := loadGold(t)
	for _, a := range articles {
		d := analyse(t, an, a.Text)
		tagger.Tag(d)
		list.Link(d)
		f.Find(d)
		if err := document.Check(d); err != nil {
			t.Errorf("%s: %v", a.ID, err)
		}
		s, _, _ := scoreArticle(d.Quotes, a.Quotes)
		total.add(s)
	}
	t.Logf("quotes on %d gold articles, with the tagger: tp %d fp %d fn %d: precision %.3f recall %.3f F1 %.3f",
		len(articles), total.tp, total.fp, total.fn, total.precision(), total.recall(), total.f1())
	t.Logf("of %d matched: same content %d, direct %d, cue %d, canonical %d, role %d, anonymous %d",
		total.tp, total.content, total.direct, total.cue, total.canonical, total.role, total.anonymous)
	if total.precision() < goldFloorPrecision || total.recall() < goldFloorRecall {
		t.Errorf("precision %.3f recall %.3f, below the floor %.3f/%.3f",
			total.precision(), total.recall(), goldFloorPrecision, goldFloorRecall)
	}
}
