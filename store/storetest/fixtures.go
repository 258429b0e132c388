package storetest

import (
	"fmt"
	"strings"

	"github.com/rasad/rasad/document"
)

// The suite's articles are invented for it. Each is written to test one
// thing: a clitic-attached form, a spelling variant, a phrase, a copy, an
// incident reported twice.

// article builds a document and lets the fixtures add annotations by
// naming the words they cover.
type article struct {
	d *document.Document
}

func newArticle(id, outlet, published, text string) *article {
	d := document.New(id, text)
	if outlet != "" {
		d.Outlet = &outlet
	}
	if published != "" {
		d.Published = &published
	}
	url := "https://example.org/" + id
	d.URL = &url
	return &article{d: d}
}

// span returns the span of the first occurrence of words in the text.
func (a *article) span(words string) document.Span {
	i := strings.Index(a.d.Text, words)
	if i < 0 {
		panic(fmt.Sprintf("fixture %s: %q not in its text", a.d.ID, words))
	}
	return document.SpanOf(a.d.Text, i, i+len(words))
}

func (a *article) entity(typ, words, canonical string) *article {
	s := a.span(words)
	a.d.Entities = append(a.d.Entities, document.Entity{
		ID: fmt.Sprintf("T%d", len(a.d.Entities)+1), Type: typ,
		Start: s.Start, End: s.End, Text: s.Text, Canonical: canonical, Confidence: 0.9,
	})
	return a
}

func (a *article) place(name, country, precision string, lat, lon float64) *article {
	a.d.Places = append(a.d.Places, document.Place{
		ID: fmt.Sprintf("P%d", len(a.d.Places)+1), Name: name, Lat: &lat, Lon: &lon,
		Country: country, Precision: precision, Mentions: []string{},
	})
	return a
}

// event adds an event; place is a place id ("P1") or empty, date a day or
// empty, actor and target canonical names or empty.
func (a *article) event(typ, mode, trigger, place, date, actor, target string, acled *document.ACLED) *article {
	v := document.Event{
		ID: fmt.Sprintf("V%d", len(a.d.Events)+1), Type: typ, Mode: mode, ACLED: acled,
		Trigger: a.span(trigger), Evidence: a.span(trigger),
		Participants: []document.Argument{}, Quantities: []document.Quantity{},
		Modality: "asserted", Confidence: 0.8,
	}
	if place != "" {
		v.Place = &place
	}
	if date != "" {
		day := "day"
		v.Date, v.DatePrecision = &date, &day
	}
	if actor != "" {
		v.Actor = &document.Argument{Text: actor, Canonical: actor}
	}
	if target != "" {
		v.Target = &document.Argument{Text: target, Canonical: target}
	}
	a.d.Events = append(a.d.Events, v)
	return a
}

func (a *article) quote(speaker, cue, content string) *article {
	a.d.Quotes = append(a.d.Quotes, document.Quote{
		ID:      fmt.Sprintf("Q%d", len(a.d.Quotes)+1),
		Speaker: document.Speaker{Text: speaker, Canonical: speaker},
		Cue:     a.span(cue), Content: a.span(content),
	})
	return a
}

var airStrike = &document.ACLED{EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike"}
var shelling = &document.ACLED{EventType: "Explosions/Remote violence", SubEventType: "Shelling/artillery/missile attack"}
var clash = &document.ACLED{EventType: "Battles", SubEventType: "Armed clash"}

// Corpus returns the suite's articles, freshly built (tests may change
// them).
func Corpus() []*document.Document {
	arts := []*article{
		// sirte-1 and sirte-2: one strike reported by two outlets, the
		// second a light rewrite of the first: one story, one incident.
		newArticle("sirte-1", "عربي21", "2020-06-22",
			"قصفت طائرات مسيرة مواقع تابعة لقوات حفتر قرب مدينة سرت صباح الاثنين، وألحقت الغارات خسائر كبيرة بقوات المشير في محيط قاعدة القرضابية. "+
				"وقال المتحدث باسم غرفة العمليات إن الضربات استهدفت مخازن للذخيرة وآليات عسكرية كانت متجهة نحو الجفرة، وإن الطيران سيواصل عملياته حتى انسحاب المرتزقة.").
			entity("PER", "حفتر", "خليفة حفتر").entity("LOC", "سرت", "سرت").
			place("سرت", "LY", "city", 31.2089, 16.5887).
			event("ASSAULT", "drone", "قصفت", "P1", "2020-06-22", "", "قوات خليفة حفتر", airStrike),
		newArticle("sirte-2", "الجزيرة", "2020-06-22",
			"قصفت طائرات مسيرة مواقع تابعة لقوات حفتر قرب مدينة سرت صباح اليوم الاثنين، وألحقت الغارات خسائر كبيرة بقوات المشير في محيط قاعدة القرضابية. "+
				"وقال متحدث عسكري إن الضربات استهدفت مخازن للذخيرة وآليات عسكرية كانت متجهة نحو الجفرة، وإن الطيران سيواصل عملياته حتى انسحاب المرتزقة من المنطقة.").
			entity("PER", "حفتر", "خليفة حفتر").entity("LOC", "سرت", "سرت").
			place("سرت", "LY", "city", 31.2089, 16.5887).
			event("ASSAULT", "drone", "قصفت", "P1", "2020-06-22", "", "قوات خليفة حفتر", airStrike),
		// daraa: the word قوات with clitics (والقوات، لقواتها), three
		// mentions of درعا in a short text.
		newArticle("daraa", "العربية", "2020-06-25",
			"اندلعت اشتباكات في ريف درعا الغربي بين مسلحين محليين والقوات الحكومية، وقال قيادي في المعارضة إن الفصائل أرسلت تعزيزات لقواتها نحو درعا البلد. "+
				"وأفاد ناشطون بأن الهدوء عاد إلى أحياء درعا مساء.").
			entity("LOC", "درعا", "درعا").
			place("درعا", "SY", "city", 32.6189, 36.1021).
			event("ASSAULT", "firearms", "اشتباكات", "P1", "2020-06-25", "مسلحين محليين", "القوات الحكومية", clash),
		// daraa-long: درعا once, in a longer text, so it ranks below
		// daraa for the query درعا.
		newArticle("daraa-long", "العربية", "2020-06-26",
			"تناول اجتماع اللجنة الدستورية في جنيف ملفات عديدة، من بينها عودة اللاجئين وإعادة الإعمار وتبادل المعتقلين، ولم يتوصل المشاركون إلى اتفاق بشأن جدول الأعمال. "+
				"وأشار المبعوث الأممي إلى أن الوضع في درعا يتطلب اهتماما خاصا، وأن المحادثات ستستأنف الشهر المقبل بعد مشاورات مع الأطراف الإقليمية والدولية المعنية بالملف.").
			entity("LOC", "جنيف", "جنيف").entity("LOC", "درعا", "درعا"),
		// un-informal: the United Nations spelled without hamza and with
		// ha for ta marbuta, and hospital with ya for alef maqsura.
		newArticle("un-informal", "", "2020-06-30",
			"دعت الامم المتحده الى حمايه المدنيين في مستشفي مدينه طرابلس بعد تعرض محيطه لقصف عنيف.").
			entity("ORG", "الامم المتحده", "الأمم المتحدة").entity("LOC", "طرابلس", "طرابلس"),
		// tripoli-shelling and tripoli-next-day: one incident, two days
		// apart by their own dates at most one.
		newArticle("tripoli-shelling", "عربي21", "2020-07-01",
			"أكدت الأمم المتحدة أن المستشفى الميداني في طرابلس تعرض لقصف صاروخي، ودعت إلى وقف فوري لإطلاق النار وحماية الطواقم الطبية.").
			entity("ORG", "الأمم المتحدة", "الأمم المتحدة").entity("LOC", "طرابلس", "طرابلس").
			place("طرابلس", "LY", "city", 32.8872, 13.1913).
			event("ASSAULT", "heavy-weapons", "قصف صاروخي", "P1", "2020-07-01", "", "", shelling).
			quote("الأمم المتحدة", "أكدت", "المستشفى الميداني في طرابلس تعرض لقصف صاروخي"),
		newArticle("tripoli-next-day", "الوسط", "2020-07-02",
			"سقطت قذائف صاروخية أمس قرب مستشفى ميداني في العاصمة طرابلس، وفق مصادر طبية لم تذكر حصيلة للضحايا.").
			entity("LOC", "طرابلس", "طرابلس").
			place("طرابلس", "LY", "city", 32.8872, 13.1913).
			event("ASSAULT", "heavy-weapons", "قذائف صاروخية", "P1", "2020-07-01", "", "", shelling),
		// tripoli-later: the same kind of attack in the same city four
		// days later: another incident.
		newArticle("tripoli-later", "الوسط", "2020-07-05",
			"تجدد القصف الصاروخي على حي أبو سليم في طرابلس ليلة الأحد، وأعلن جهاز الإسعاف إصابة ثلاثة مدنيين بجروح.").
			entity("LOC", "طرابلس", "طرابلس").
			place("طرابلس", "LY", "city", 32.8872, 13.1913).
			event("ASSAULT", "heavy-weapons", "القصف الصاروخي", "P1", "2020-07-05", "", "", shelling),
		// diacritics: fully vowelled words must match bare queries.
		newArticle("diacritics", "", "2020-07-03",
			"وقَالَ المُتَحَدِّثُ إنَّ القُوَّاتَ استعادَتِ السَّيْطَرَةَ على البَلْدَةِ بعد معارك استمرت يومين."),
		// council and council-apart: المجلس الرئاسي as a phrase in one,
		// its two words apart in the other.
		newArticle("council", "الوسط", "2020-07-04",
			"أعلن المجلس الرئاسي تشكيل لجنة لمتابعة تنفيذ الاتفاق الأمني في العاصمة، وطالب الأطراف بالالتزام بوقف إطلاق النار.").
			entity("ORG", "المجلس الرئاسي", "المجلس الرئاسي"),
		newArticle("council-apart", "الوسط", "2020-07-04",
			"اجتمع المجلس البلدي مع الوفد الرئاسي لبحث مشاريع إعادة الإعمار وتحسين الخدمات في المدينة."),
		// protest: an article with no place coordinates near Tripoli
		// and an event of another type.
		newArticle("protest", "عربي21", "2020-07-06",
			"تظاهر مئات الطلاب أمام مبنى الجامعة في بنغازي للمطالبة بتحسين ظروف الدراسة وصرف المنح المتأخرة.").
			entity("LOC", "بنغازي", "بنغازي").
			place("بنغازي", "LY", "city", 32.1167, 20.0667).
			event("PROTEST", "demo", "تظاهر", "P1", "2020-07-06", "الطلاب", "", &document.ACLED{EventType: "Protests", SubEventType: "Peaceful protest"}),
	}
	docs := make([]*document.Document, len(arts))
	for i, a := range arts {
		docs[i] = a.d
	}
	return docs
}

// admin1 sets the first-level division of the place added last, as the
// place index names it.
func (a *article) admin1(name string) *article {
	a.d.Places[len(a.d.Places)-1].Admin1 = name
	return a
}

// PlaceCorpus returns articles whose events lie in towns of named
// divisions of three countries, one at a country as a whole, and two
// towns of one name in two countries: what place filters that name a
// country, a division or a town must tell apart. Each has one event.
func PlaceCorpus() []*document.Document {
	request := &document.ACLED{EventType: "Strategic developments", SubEventType: "Other"}
	arts := []*article{
		newArticle("derna", "الوسط", "2023-03-02",
			"اندلعت اشتباكات مسلحة في مدينة درنة بين مجموعتين مسلحتين، وأفاد سكان بسماع دوي انفجارات قرب الميناء.").
			entity("LOC", "درنة", "درنة").place("درنة", "LY", "city", 32.7648, 22.6367).admin1("شعبية درنة").
			event("ASSAULT", "firearms", "اشتباكات", "P1", "2023-03-02", "", "", clash),
		newArticle("qubba", "الوسط", "2023-03-03",
			"تظاهر العشرات في بلدة القبة احتجاجا على انقطاع الكهرباء لساعات طويلة وطالبوا البلدية بحلول عاجلة.").
			entity("LOC", "القبة", "القبة").place("القبة", "LY", "town", 32.7578, 22.2453).admin1("شعبية درنة").
			event("PROTEST", "demo", "تظاهر", "P1", "2023-03-03", "", "", &document.ACLED{EventType: "Protests", SubEventType: "Peaceful protest"}),
		newArticle("libya-wide", "عربي21", "2023-03-04",
			"طالبت الأمم المتحدة أطراف النزاع في ليبيا بفتح ممرات آمنة لإيصال المساعدات إلى المتضررين من الفيضانات.").
			entity("LOC", "ليبيا", "ليبيا").place("ليبيا", "LY", "country", 25, 17).
			event("REQUEST", "", "طالبت", "P1", "2023-03-04", "الأمم المتحدة", "", request),
		newArticle("tripoli-ly", "الوسط", "2023-03-05",
			"سقطت قذائف هاون على حي سكني في طرابلس مساء السبت دون أن تسفر عن إصابات، بحسب جهاز الإسعاف.").
			entity("LOC", "طرابلس", "طرابلس").place("طرابلس", "LY", "city", 32.8872, 13.1913).admin1("شعبية طرابلس").
			event("ASSAULT", "heavy-weapons", "قذائف هاون", "P1", "2023-03-04", "", "", shelling),
		newArticle("tripoli-lb", "النهار", "2023-03-05",
			"تجددت الاشتباكات بين مسلحين في منطقة باب التبانة بمدينة طرابلس شمالي لبنان، وانتشر الجيش في الشوارع.").
			entity("LOC", "طرابلس", "طرابلس").place("طرابلس", "LB", "city", 34.4367, 35.8497).admin1("محافظة لبنان الشمالي").
			event("ASSAULT", "firearms", "الاشتباكات", "P1", "2023-03-05", "مسلحين", "", clash),
		newArticle("marib", "الجزيرة", "2023-03-06",
			"شنت جماعة الحوثي هجوما واسعا على مواقع القوات الحكومية غرب مدينة مأرب، وقالت مصادر عسكرية إن المهاجمين صُدّوا.").
			entity("LOC", "مأرب", "مأرب").place("مأرب", "YE", "city", 15.4627, 45.3254).admin1("محافظة مأرب").
			event("ASSAULT", "firearms", "هجوما", "P1", "2023-03-06", "جماعة الحوثي", "القوات الحكومية", clash),
		newArticle("sirwah", "الجزيرة", "2023-03-07",
			"قصفت مدفعية الحوثيين قرى في مديرية صرواح، ونزحت عشرات الأسر نحو المخيمات.").
			entity("LOC", "صرواح", "صرواح").place("صرواح", "YE", "town", 15.45, 45.0167).admin1("محافظة مأرب").
			event("ASSAULT", "heavy-weapons", "قصفت", "P1", "2023-03-07", "الحوثيين", "", shelling),
		newArticle("sanaa", "الجزيرة", "2023-03-08",
			"شنت طائرات التحالف غارات على معسكر شمالي صنعاء، وفق وسائل إعلام تابعة للحوثيين.").
			entity("LOC", "صنعاء", "صنعاء").place("صنعاء", "YE", "city", 15.3547, 44.2067).admin1("امانه العاصمه").
			event("ASSAULT", "air", "غارات", "P1", "2023-03-08", "التحالف", "", airStrike),
		newArticle("fasher", "سودان تريبيون", "2023-03-09",
			"قصفت قوات الدعم السريع أحياء في مدينة الفاشر، وقالت لجان المقاومة إن القذائف أصابت سوقا شعبيا.").
			entity("LOC", "الفاشر", "الفاشر").place("الفاشر", "SD", "city", 13.6279, 25.3494).admin1("شمال دارفور").
			event("ASSAULT", "heavy-weapons", "قصفت", "P1", "2023-03-09", "قوات الدعم السريع", "", shelling),
		newArticle("nyala", "سودان تريبيون", "2023-03-10",
			"اندلعت معارك عنيفة في مدينة نيالا بين الجيش وقوات الدعم السريع، وفر آلاف السكان من الأحياء الجنوبية.").
			entity("LOC", "نيالا", "نيالا").place("نيالا", "SD", "city", 12.0489, 24.8807).admin1("جنوب دارفور").
			event("ASSAULT", "firearms", "معارك", "P1", "2023-03-10", "الجيش", "قوات الدعم السريع", clash),
	}
	docs := make([]*document.Document, len(arts))
	for i, a := range arts {
		docs[i] = a.d
	}
	return docs
}
