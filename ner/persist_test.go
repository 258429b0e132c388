package ner

import (
	"reflect"
	"testing"
	"time"
)

// The built-in model loads quickly, and survives a save and a load
// unchanged.
func TestLoadSaveRoundTrip(t *testing.T) {
	begin := time.Now()
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(begin); took > time.Second {
		t.Errorf("Load took %v, want well under a second", took)
	}
	if tg.m2 == nil || tg.fz.clusters == nil || tg.fz.gaz == nil || tg.fz.auto == nil || tg.fz.seg == nil {
		t.Fatalf("built-in model lacks a part: second pass %v, clusters %v, gazetteer %v, automatic lexicon %v, segmenter %v",
			tg.m2 != nil, tg.fz.clusters != nil, tg.fz.gaz != nil, tg.fz.auto != nil, tg.fz.seg != nil)
	}
	dir := t.TempDir()
	if err := tg.Save(dir); err != nil {
		t.Fatal(err)
	}
	again, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{
		{"وقال", "المشير", "خليفة", "حفتر", "إن", "قواته", "دخلت", "سرت", "."},
		{"وأعلنت", "الأمم", "المتحدة", "في", "جنيف", "عن", "هدنة", "."},
	}
	a, b := tg.TagSentences(sents), again.TagSentences(sents)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("tags differ after a save and a load:\n%v\n%v", a, b)
	}
	if tg.m.qscale != again.m.qscale || !reflect.DeepEqual(tg.m.q, again.m.q) || !reflect.DeepEqual(tg.m2.q, again.m2.q) {
		t.Error("weights differ after a save and a load")
	}
}

func TestLoadDirErrors(t *testing.T) {
	if _, err := LoadDir(t.TempDir()); err == nil {
		t.Error("LoadDir of an empty directory succeeded")
	}
}
