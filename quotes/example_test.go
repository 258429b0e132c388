package quotes_test

import (
	"fmt"

	"github.com/rasad/rasad/arabic"
	"github.com/rasad/rasad/document"
	"github.com/rasad/rasad/quotes"
)

func ExampleFinder_Find() {
	an, err := arabic.NewAnalyzer()
	if err != nil {
		panic(err)
	}
	f, err := quotes.New()
	if err != nil {
		panic(err)
	}
	d := document.New("", "وقال وزير الداخلية عماد الطرابلسي إن «الوضع تحت السيطرة». وأضاف أن التحقيق مستمر.")
	d.Tokens, d.Sentences = an.Analyze(d.Text)
	f.Find(d)
	for _, q := range d.Quotes {
		fmt.Printf("%s %s [%d,%d) %q: %q (role %q, direct %v)\n",
			q.ID, q.Cue.Text, q.Content.Start, q.Content.End, q.Speaker.Canonical, q.Content.Text, q.Speaker.Role, q.Direct)
	}
	// Output:
	// Q1 قال [70,102) "عماد الطرابلسي": "الوضع تحت السيطرة" (role "وزير الداخلية", direct true)
	// Q2 أضاف [122,147) "عماد الطرابلسي": "التحقيق مستمر" (role "وزير الداخلية", direct false)
}
