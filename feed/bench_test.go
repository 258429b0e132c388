package feed

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// rssOf writes an RSS feed of n Arabic items, as an outlet's front feed.
func rssOf(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>الواحة</title>`)
	day := time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>غارات جوية على مواقع قرب سرت رقم %d</title><link>/news/%d.html?utm_source=rss</link><pubDate>%s</pubDate><description>&lt;p&gt;شنت طائرات حربية فجر الاثنين ثلاث غارات على مواقع لمجموعة مسلحة جنوب مدينة سرت.&lt;/p&gt;</description></item>",
			i, i, day.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	body := rssOf(100)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		f, err := Parse(body, "https://alwaha.example/rss.xml")
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Items) != 100 || f.Items[99].URL != "https://alwaha.example/news/99.html?utm_source=rss" {
			b.Fatalf("got %d items, last %+v", len(f.Items), f.Items[len(f.Items)-1])
		}
	}
}
