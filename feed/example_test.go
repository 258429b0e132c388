package feed_test

import (
	"fmt"

	"github.com/rasad/rasad/feed"
)

func ExampleParse() {
	body := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>/ar/news/1.html</loc><news:news>
<news:publication><news:name>الواحة</news:name><news:language>ar</news:language></news:publication>
<news:publication_date>2026-03-02T08:10:00+02:00</news:publication_date>
<news:title>غارات جوية على مواقع قرب سرت</news:title>
</news:news></url>
</urlset>`)
	f, err := feed.Parse(body, "https://alwaha.example/sitemap-news.xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range f.Items {
		fmt.Println(it.URL, it.Published.Format("2006-01-02 15:04Z07:00"), it.Title)
	}
	// Output:
	// https://alwaha.example/ar/news/1.html 2026-03-02 06:10Z غارات جوية على مواقع قرب سرت
}
