package fetch_test

import (
	"fmt"

	"github.com/rasad/rasad/fetch"
)

// Two links to one story, from two feeds, normalise to one key.
func ExampleNormalizeURL() {
	for _, link := range []string{
		"HTTPS://Example.com:443/ar/أخبار/ليبيا?utm_source=rss&id=7#comments",
		"https://example.com/ar/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7?id=7&fbclid=IwAR0",
	} {
		key, err := fetch.NormalizeURL(link)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(key)
	}
	// Output:
	// https://example.com/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7?id=7
	// https://example.com/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7?id=7
}
