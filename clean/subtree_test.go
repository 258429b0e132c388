package clean

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Paragraphs of an article, each longer than paragraphRunes.
var subtreeParagraphs = []string{
	"قالت مصادر محلية إن اشتباكات عنيفة اندلعت فجر الخميس بين قوات الجيش ومسلحين في الأحياء الشرقية من المدينة، واستمرت عدة ساعات.",
	"وأضافت المصادر أن ثلاثة مدنيين قتلوا وأصيب سبعة آخرون بجروح متفاوتة، نقلوا إلى المستشفى المركزي الذي يعاني نقصا في الأدوية.",
	"وأعلنت السلطات حظر التجول في المنطقة حتى إشعار آخر، ودعت السكان إلى البقاء في منازلهم والابتعاد عن النوافذ حفاظا على سلامتهم.",
	"وتشهد المدينة منذ أسابيع توترا أمنيا متصاعدا بعد انهيار هدنة أبرمت بوساطة زعماء القبائل في مطلع العام الجاري بين الطرفين.",
	"ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، فيما قال مسؤول أمني إن التحقيقات جارية لتحديد هوية المهاجمين ومصدر أسلحتهم.",
}

func subtreePage(body string) string {
	return `<html><head><title>اشتباكات في المدينة</title></head><body>` + body + `</body></html>`
}

func paras(ps ...string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("<p>" + p + "</p>")
	}
	return b.String()
}

// menu is a block of links as large as a page's menus.
func menu(n int) string {
	var b strings.Builder
	b.WriteString(`<div class="menu">`)
	for range n {
		b.WriteString(`<div class="item"><a href="/x">أخبار محلية</a></div>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

func TestArticleSubtree(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       string // id of the element chosen, "" for the whole page
	}{
		{"article among menus",
			`<script type="application/ld+json">{"datePublished": "2026-01-08"}</script>` + menu(40) + `<div id="page"><div id="main"><h1>اشتباكات في المدينة</h1><div id="text">` + paras(subtreeParagraphs...) + `</div><p>المصدر: مراسلنا</p></div></div>` + menu(40),
			"page"},
		{"article without a wrapper",
			menu(40) + `<div id="main"><div id="col">` + paras(subtreeParagraphs...) + `</div></div>` + menu(40),
			"main"},
		{"lead in a box of its own",
			menu(40) + `<div id="main"><div id="top"><p id="lead">` + subtreeParagraphs[0] + `</p></div><div id="content"><div id="text">` + paras(subtreeParagraphs[1:]...) + `</div></div></div>` + menu(40),
			"main"},
		{"paragraphs spread over the page",
			`<div id="a"><div>` + paras(subtreeParagraphs[:2]...) + `</div></div>` + menu(40) + `<div id="b"><div>` + paras(subtreeParagraphs[2:]...) + `</div></div>`,
			""},
		{"too short to guess", menu(40) + `<div id="main"><div>` + paras(subtreeParagraphs[:2]...) + `</div></div>`, ""},
		{"the article is most of the page", `<div id="main"><div>` + paras(subtreeParagraphs...) + `</div></div>`, ""},
		{"link teasers are not paragraphs",
			menu(40) + `<div id="main"><div>` + paras(subtreeParagraphs...) + `</div></div>` +
				`<div id="more"><div><p><a href="/1">` + subtreeParagraphs[0] + `</a></p><p><a href="/2">` + subtreeParagraphs[1] + `</a></p></div></div>`,
			"main"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(subtreePage(tc.body)))
			if err != nil {
				t.Fatal(err)
			}
			before := renderString(t, doc)
			light, restore := lightPage(doc)
			got := ""
			if light != nil {
				got = lightArticleID(light)
				text := strings.Join(renderLines(light), "\n")
				for _, p := range subtreeParagraphs {
					if !strings.Contains(text, p) {
						t.Errorf("light page lacks %q", p)
					}
				}
				if strings.Contains(tc.body, "ld+json") && !strings.Contains(renderString(t, light), `"datePublished"`) {
					t.Error("light page lacks the JSON-LD of the page")
				}
				restore()
			}
			if got != tc.want {
				t.Errorf("article subtree = %q, want %q", got, tc.want)
			}
			if after := renderString(t, doc); after != before {
				t.Errorf("page not restored:\n%s\nwant\n%s", after, before)
			}
		})
	}
}

// lightArticleID returns the id of the article element in a light page's
// body.
func lightArticleID(light *html.Node) string {
	var id string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "body" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				for _, a := range c.Attr {
					if a.Key == "id" && id == "" {
						id = a.Val
					}
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(light)
	return id
}

func renderString(t *testing.T, n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
