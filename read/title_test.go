package read

import "testing"

func TestSplitTitle(t *testing.T) {
	tests := []struct {
		name, text, title, body string
	}{
		{"a headline then the body",
			"مقتل خمسة في انفجار سيارة مفخخة\nقتل خمسة أشخاص اليوم في انفجار.\n",
			"مقتل خمسة في انفجار سيارة مفخخة", "قتل خمسة أشخاص اليوم في انفجار.\n"},
		{"blank lines and CRLF around the headline",
			"\r\n  وقف إطلاق النار في المدينة  \r\n\r\nأعلن الطرفان وقف إطلاق النار.",
			"وقف إطلاق النار في المدينة", "أعلن الطرفان وقف إطلاق النار."},
		{"a first line ending a sentence is body",
			"أعلن الجيش السيطرة على المدينة.\nوقال المتحدث إن العملية انتهت.",
			"", "أعلن الجيش السيطرة على المدينة.\nوقال المتحدث إن العملية انتهت."},
		{"a first line ending with an Arabic comma is body",
			"قال المتحدث،\nإن العملية انتهت.", "", "قال المتحدث،\nإن العملية انتهت."},
		{"a question mark ends a sentence too",
			"هل تنجح المفاوضات؟\nيرى مراقبون أن الفرص ضئيلة.", "", "هل تنجح المفاوضات؟\nيرى مراقبون أن الفرص ضئيلة."},
		{"a single line is body", "اشتباكات في الجنوب", "", "اشتباكات في الجنوب"},
		{"a long first line is body",
			"في تطور لافت على الساحة الميدانية شهدت المناطق الجنوبية من البلاد خلال الساعات الماضية اشتباكات متقطعة بين القوات الحكومية ومجموعات مسلحة لم تعرف هويتها حتى الآن بحسب مصادر محلية متطابقة\nوتابع.",
			"", "في تطور لافت على الساحة الميدانية شهدت المناطق الجنوبية من البلاد خلال الساعات الماضية اشتباكات متقطعة بين القوات الحكومية ومجموعات مسلحة لم تعرف هويتها حتى الآن بحسب مصادر محلية متطابقة\nوتابع."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, body := splitTitle(tt.text)
			if title != tt.title || body != tt.body {
				t.Errorf("got %q, %q\nwant %q, %q", title, body, tt.title, tt.body)
			}
		})
	}
}
