package sqldb

import (
	"slices"
	"strings"
	"testing"

	"github.com/rasad/rasad/document"
)

func TestCodecRoundTrip(t *testing.T) {
	pos := []int{0, 1, 7, 300, 100000}
	got, err := decodePositions(encodePositions(pos))
	if err != nil || !slices.Equal(got, pos) {
		t.Errorf("positions round trip: %v, %v", got, err)
	}
	// Arabic words are 2 bytes a letter: قوات at 0, بقوات after a space.
	rs := []document.Range{{0, 8}, {9, 19}, {19, 20}, {1000, 1014}}
	back, err := decodeOffsets(encodeOffsets(rs))
	if err != nil || !slices.Equal(back, rs) {
		t.Errorf("offsets round trip: %v, %v", back, err)
	}
	if _, err := decodeOffsets([]byte{0x80}); err == nil {
		t.Error("a truncated varint decoded without error")
	}
}

func FuzzDecodeOffsets(f *testing.F) {
	f.Add(encodeOffsets([]document.Range{{0, 8}, {9, 19}}))
	f.Add([]byte{0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, err := decodeOffsets(b)
		if err != nil {
			return
		}
		prev := 0
		for _, r := range rs {
			if r[0] < prev || r[1] < r[0] {
				// Huge varints can overflow int; only sane
				// blobs, which we write, must come back sorted.
				return
			}
			prev = r[1]
		}
		if again, err := decodeOffsets(encodeOffsets(rs)); err != nil || !slices.Equal(again, rs) {
			t.Fatalf("%v re-encoded decodes to %v, %v", rs, again, err)
		}
	})
}

func TestSignatureSimilarity(t *testing.T) {
	a := strings.Fields("قصف طائرات مسير مواقع تابع قوات حفتر قرب مدينه سرت صباح اثنين الحق غارات خساءر كبير قوات مشير محيط قاعده قرضابيه")
	rewrite := slices.Clone(a)
	rewrite[11] = "يوم"                // one word changed
	rewrite = append(rewrite, "منطقه") // one word added
	other := strings.Fields("اعلن المجلس الرءاسي تشكيل لجنه متابعه تنفيذ اتفاق امني عاصمه طالب اطراف التزام وقف اطلاق نار فوري دون شروط")
	sa, sr, so := signature(a), signature(rewrite), signature(other)
	if sim := similarity(sa, sr); sim < sameStory {
		t.Errorf("a rewrite of one word in twenty: similarity %.2f, below %.2f", sim, sameStory)
	}
	if sim := similarity(sa, so); sim >= sameStory/2 {
		t.Errorf("unrelated articles: similarity %.2f", sim)
	}
	if signature(a[:5]) != nil {
		t.Error("a five-word text got a signature")
	}
	shared := 0
	ka, kr := bandKeys(sa), bandKeys(sr)
	for i := range ka {
		if ka[i] == kr[i] {
			shared++
		}
	}
	if shared == 0 {
		t.Error("the rewrite shares no band with the original, so it is never compared")
	}
}

func TestIncidentMatch(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tripoli := eventKey{Type: "ASSAULT", Day: "2020-07-01", Place: "طرابلس", Country: "LY", Lat: f(32.89), Lon: f(13.19)}
	with := func(k eventKey, change func(*eventKey)) eventKey { change(&k); return k }
	cases := []struct {
		name string
		b    eventKey
		ok   bool
	}{
		{"same", tripoli, true},
		{"next day", with(tripoli, func(k *eventKey) { k.Day = "2020-07-02" }), true},
		{"two days later", with(tripoli, func(k *eventKey) { k.Day = "2020-07-03" }), false},
		{"other type", with(tripoli, func(k *eventKey) { k.Type = "PROTEST" }), false},
		{"suburb 12 km away", with(tripoli, func(k *eventKey) { k.Place, k.Lat, k.Lon = "تاجوراء", f(32.88), f(13.34) }), true},
		{"Misrata 190 km away", with(tripoli, func(k *eventKey) { k.Place, k.Lat, k.Lon = "مصراته", f(32.37), f(15.09) }), false},
		{"no place, no actor", with(tripoli, func(k *eventKey) { k.Place, k.Lat, k.Lon = "", nil, nil }), false},
		{"country only, other country", with(tripoli, func(k *eventKey) { k.Place, k.Country, k.Broad = "سوريا", "SY", true }), false},
	}
	for _, tc := range cases {
		if _, ok := incidentMatch(tripoli, tc.b); ok != tc.ok {
			t.Errorf("%s: match = %v, want %v", tc.name, ok, tc.ok)
		}
	}
	// With the same actor, a report that does not say where matches.
	a := with(tripoli, func(k *eventKey) { k.Actor = "قوات حفتر" })
	b := with(a, func(k *eventKey) { k.Place, k.Lat, k.Lon = "", nil, nil })
	if _, ok := incidentMatch(a, b); !ok {
		t.Error("same actor and day, one place unknown: no match")
	}
	c := with(tripoli, func(k *eventKey) { k.Actor = "قوات الوفاق" })
	if _, ok := incidentMatch(a, c); ok {
		t.Error("different named actors matched")
	}
}
