package clean

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/rasad/rasad/internal/shared"
)

func TestLighten(t *testing.T) {
	state := strings.Repeat("dDwtMTA4", 400) // 3,200 bytes
	cases := []struct{ name, page, want string }{
		{"white space between tags", "<div>\n    <p>نص</p>\n\n    <p>آخر</p>  <b>x</b></div>",
			"<div>\n<p>نص</p>\n<p>آخر</p> <b>x</b></div>"},
		{"white space in text kept", "<p>قال   المتحدث\n  إن</p>", "<p>قال   المتحدث\n  إن</p>"},
		{"one space kept", "<b>أ</b> <i>ب</i>", "<b>أ</b> <i>ب</i>"},
		{"view state emptied", `<input type="hidden" name="__VIEWSTATE" value="` + state + `" /><p>نص</p>`,
			`<input type="hidden" name="__VIEWSTATE" value="" /><p>نص</p>`},
		{"data URL emptied, other long values kept", `<video poster='data:image/png;base64,` + state + `' title="فيديو"><div class="` + state + `">نص</div>`,
			`<video poster='' title="فيديو"><div class="` + state + `">نص</div>`},
		{"image sources and handlers dropped", `<img class="thumb" src="/a.jpg" srcset="/a.jpg 1x" ALT="صورة" width=300><a href="/x" onclick="go()" title="خبر">نص</a>`,
			`<img class="thumb"    width=300><a href="/x"  title="خبر">نص</a>`},
		{"src of other elements kept", `<iframe src="/v.html"></iframe><script src="/a.js"></script>`, `<iframe src="/v.html"></iframe><script src="/a.js"></script>`},
		{"unquoted data attribute", `<div data-x=` + state + `>نص</div>`, `<div data-x=>نص</div>`},
		{"short values kept", `<input value="نعم">`, `<input value="نعم">`},
		{"pre copied", "<pre>\n   سطر\n\n   <b>x</b>   <i>y</i>\n</pre>  <p>z</p>",
			"<pre>\n   سطر\n\n   <b>x</b>   <i>y</i>\n</pre> <p>z</p>"},
		{"script copied", "<script>if (a <b) {\n   }\n  </script>\n  <p>z</p>", "<script>if (a <b) {\n   }\n  </script>\n<p>z</p>"},
		{"script end tag in capitals", "<SCRIPT>x = '<p>  </p>'</SCRIPT>  <p>z</p>", "<SCRIPT>x = '<p>  </p>'</SCRIPT> <p>z</p>"},
		{"comment copied", "<!-- <p>  </p> -->  <p>z</p>", "<!-- <p>  </p> --> <p>z</p>"},
		{"quoted >", `<a title="a > b">x</a>  <b>y</b>`, `<a title="a > b">x</a> <b>y</b>`},
		{"not a tag", "أ < ب  <p>x</p>", "أ < ب  <p>x</p>"},
		{"truncated tag", `<p>x</p>  <input value="abc`, `<p>x</p> <input value="abc`},
		{"truncated comment", "<p>x</p>  <!-- abc", "<p>x</p> <!-- abc"},
		{"unclosed script", "<p>x</p>  <script>  abc", "<p>x</p> <script>  abc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := lighten(tc.page); got != tc.want {
				t.Errorf("lighten(%q)\n = %q\nwant %q", tc.page, got, tc.want)
			}
		})
	}
}

// visibleLines is the text a page shows, one tidied line a line.
func visibleLines(t testing.TB, page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return paragraphs(strings.Join(renderLines(doc), "\n"))
}

// TestLightenKeepsText checks on every page we have that lightening
// changes neither the text a page shows nor what the cleaner makes of it.
func TestLightenKeepsText(t *testing.T) {
	c := newCleaner(t)
	check := func(t *testing.T, path string) {
		page := readPage(t, path)
		light := lighten(page)
		if !reflect.DeepEqual(visibleLines(t, light), visibleLines(t, page)) {
			t.Errorf("the page shows other text once lightened")
		}
		want, werr := c.cleanHTML(page, "")
		got, gerr := c.cleanHTML(light, "")
		if !reflect.DeepEqual(got, want) || (werr == nil) != (gerr == nil) {
			t.Errorf("cleaned once lightened:\n%s\nwithout:\n%s", formatWant(got), formatWant(want))
		}
		t.Logf("%d -> %d bytes", len(page), len(light))
	}
	pages, _ := filepath.Glob("testdata/pages/*.html")
	pages = append(pages, "../examples/04-yemen-marib-drone.html", "../examples/05-iraq-basra-protest.html")
	for _, path := range pages {
		t.Run(filepath.Base(path), func(t *testing.T) { check(t, path) })
	}
	for _, rel := range []string{"html-ar/cnnarabic-2013-08-03-syria-clashes.html", "html-ar/lbcgroup-2026-01-08-trump-hair.html.gz"} {
		t.Run(filepath.Base(rel), func(t *testing.T) { check(t, shared.Path(t, rel)) })
	}
}

func FuzzLighten(f *testing.F) {
	f.Add("<div>\n    <p>نص</p>\n\n    <p>آخر</p>  <b>x</b></div>")
	f.Add("<pre>\n   سطر\n\n   <b>x</b>   <i>y</i>\n</pre>  <p>z</p><script>if (a <b) {}</script>  <textarea> <p> </textarea>")
	f.Add(`<input value="` + strings.Repeat("x", 3000) + `"><a title='a > b'>x</a>  <b >y</b >  <!-- c -->`)
	f.Add("<table> <tr> <td>أ</td>  <td>ب</td> </tr>\r\n </table><svg><title> t </title></svg>  <math> <mi>x</mi> </math>")
	f.Fuzz(func(t *testing.T, page string) {
		light := lighten(page)
		if len(light) > len(page) {
			t.Fatalf("lightened page is longer: %d > %d", len(light), len(page))
		}
		if got, want := visibleLines(t, light), visibleLines(t, page); !reflect.DeepEqual(got, want) {
			t.Fatalf("shows %q, want %q", got, want)
		}
	})
}
