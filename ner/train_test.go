package ner

import (
	"reflect"
	"testing"

	"github.com/rasad/rasad/internal/shared"
)

// Training on a slice of ANERcorp's training file reaches a floor on a
// later slice of it (the built-in model's resources, one pass, few epochs,
// so that the test stays quick), and the same seed gives the same model.
func TestTrainRegression(t *testing.T) {
	all, err := ReadCoNLL(shared.Path(t, "anercorp/train.txt"))
	if err != nil {
		t.Fatal(err)
	}
	builtin := loadTagger(t)
	train, dev := all[:1500], all[len(all)-400:]
	opts := DefaultTrainOptions()
	opts.Epochs, opts.TwoPass = 3, false
	tg, err := Train(train, nil, builtin.res, opts)
	if err != nil {
		t.Fatal(err)
	}
	f := Evaluate(dev, tg.TagSentences(tokensOf(dev))).Overall().F1()
	t.Logf("F1 %.4f on %d sentences after training on %d", f, len(dev), len(train))
	if f < 0.55 {
		t.Errorf("F1 %.4f, want at least 0.55", f)
	}
	again, err := Train(train, nil, builtin.res, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tg.m.q, again.m.q) || !reflect.DeepEqual(tg.m.trans, again.m.trans) {
		t.Error("two runs with the same seed gave different models")
	}
}

func TestTrainOptionErrors(t *testing.T) {
	opts := DefaultTrainOptions()
	opts.Learner = "svm"
	if _, err := Train(nil, nil, nil, opts); err == nil {
		t.Error("unknown learner accepted")
	}
	opts = DefaultTrainOptions()
	opts.Bits = 40
	if _, err := Train(nil, nil, nil, opts); err == nil {
		t.Error("40 bits accepted")
	}
}
