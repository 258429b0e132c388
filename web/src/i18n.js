// The interface's strings, in Arabic (the default) and English.

export const PLOVER = ['ASSAULT', 'COERCE', 'MOBILIZE', 'THREATEN', 'PROTEST', 'SANCTION', 'ACCUSE', 'REJECT', 'REQUEST',
  'RETREAT', 'AID', 'COOPERATE', 'CONCEDE', 'SUPPORT', 'CONSULT', 'AGREE'];

const ar = {
  'app.title': 'رصد',
  'nav.dashboard': 'الخريطة', 'nav.actors': 'الفاعلون',
  'lang.other': 'English',
  'filters.title': 'تصفية', 'filters.q': 'بحث', 'filters.q.placeholder': 'كلمات أو "عبارة بين علامتي تنصيص"',
  'filters.type': 'النوع', 'filters.actor': 'الفاعل', 'filters.place': 'المكان', 'filters.from': 'من', 'filters.to': 'إلى',
  'filters.outlet': 'المصدر', 'filters.apply': 'تطبيق', 'filters.reset': 'مسح', 'filters.any': 'الكل',
  'stats.documents': 'مقالات', 'stats.events': 'أحداث', 'stats.incidents': 'وقائع',
  'timeline.title': 'الأحداث يوميًا حسب النوع', 'timeline.hint': 'اسحب لتحديد فترة', 'timeline.empty': 'لا أحداث مؤرخة',
  'timeline.clear': 'إلغاء الفترة', 'timeline.outside': 'أحداث بتواريخ بعيدة خارج الرسم',
  'map.title': 'الخريطة', 'map.fatalities': 'قتلى', 'map.article': 'المقال',
  'events.title': 'الأحداث', 'events.none': 'لا أحداث تطابق التصفية', 'events.more': 'المزيد',
  'docs.title': 'المقالات', 'docs.none': 'لا مقالات تطابق البحث', 'docs.events': 'أحداث',
  'actors.title': 'الفاعلون', 'actors.links': 'من يفعل ماذا بمن', 'actors.name': 'الاسم', 'actors.as_actor': 'فاعلًا',
  'actors.as_target': 'مستهدفًا', 'actors.actor': 'الفاعل', 'actors.target': 'المستهدف', 'actors.type': 'النوع',
  'actors.count': 'العدد', 'actors.total': 'المجموع', 'actors.none': 'لا فاعلين',
  'doc.back': 'رجوع', 'doc.source': 'المصدر الأصلي', 'doc.events': 'الأحداث', 'doc.quotes': 'الاقتباسات',
  'doc.removed.show': 'عرض النص المحذوف', 'doc.removed.hide': 'إخفاء النص المحذوف', 'doc.removed.none': 'لم يحذف شيء',
  'doc.evidence': 'الدليل', 'doc.legend.entity': 'كيان', 'doc.legend.trigger': 'فعل الحدث', 'doc.legend.quote': 'اقتباس',
  'doc.incident': 'واقعة', 'doc.notfound': 'المقال غير موجود', 'doc.story': 'القصة',
  'ev.actor': 'الفاعل', 'ev.target': 'المستهدف', 'ev.place': 'المكان', 'ev.date': 'التاريخ', 'ev.fatalities': 'القتلى',
  'ev.modality': 'الصيغة', 'ev.mode': 'الطريقة', 'ev.unknown': '—', 'ev.speaker': 'المتحدث',
  'modality.asserted': 'مؤكد', 'modality.negated': 'منفي', 'modality.hypothetical': 'افتراضي', 'modality.planned': 'مخطط',
  'modality.threatened': 'تهديد',
  'ent.PER': 'شخص', 'ent.ORG': 'منظمة', 'ent.LOC': 'مكان', 'ent.MISC': 'أخرى',
  'live.new': 'جديد مباشر', 'error': 'خطأ', 'loading': 'جارٍ التحميل…',
  'type.ASSAULT': 'اعتداء', 'type.COERCE': 'إكراه', 'type.MOBILIZE': 'تعبئة', 'type.THREATEN': 'تهديد',
  'type.PROTEST': 'احتجاج', 'type.SANCTION': 'عقوبات', 'type.ACCUSE': 'اتهام', 'type.REJECT': 'رفض',
  'type.REQUEST': 'طلب', 'type.RETREAT': 'انسحاب', 'type.AID': 'مساعدة', 'type.COOPERATE': 'تعاون',
  'type.CONCEDE': 'تنازل', 'type.SUPPORT': 'دعم', 'type.CONSULT': 'تشاور', 'type.AGREE': 'اتفاق',
};

const en = {
  'app.title': 'Rasad',
  'nav.dashboard': 'Map', 'nav.actors': 'Actors',
  'lang.other': 'العربية',
  'filters.title': 'Filters', 'filters.q': 'Search', 'filters.q.placeholder': 'Arabic words or a "quoted phrase"',
  'filters.type': 'Type', 'filters.actor': 'Actor', 'filters.place': 'Place', 'filters.from': 'From', 'filters.to': 'To',
  'filters.outlet': 'Outlet', 'filters.apply': 'Apply', 'filters.reset': 'Clear', 'filters.any': 'Any',
  'stats.documents': 'articles', 'stats.events': 'events', 'stats.incidents': 'incidents',
  'timeline.title': 'Events per day by type', 'timeline.hint': 'drag to select a period', 'timeline.empty': 'No dated events',
  'timeline.clear': 'Clear period', 'timeline.outside': 'events with outlying dates not drawn',
  'map.title': 'Map', 'map.fatalities': 'fatalities', 'map.article': 'Article',
  'events.title': 'Events', 'events.none': 'No events match the filters', 'events.more': 'More',
  'docs.title': 'Articles', 'docs.none': 'No articles match the search', 'docs.events': 'events',
  'actors.title': 'Actors', 'actors.links': 'Who acts on whom', 'actors.name': 'Name', 'actors.as_actor': 'as actor',
  'actors.as_target': 'as target', 'actors.actor': 'Actor', 'actors.target': 'Target', 'actors.type': 'Type',
  'actors.count': 'Count', 'actors.total': 'Total', 'actors.none': 'No actors',
  'doc.back': 'Back', 'doc.source': 'Original article', 'doc.events': 'Events', 'doc.quotes': 'Quotes',
  'doc.removed.show': 'Show removed text', 'doc.removed.hide': 'Hide removed text', 'doc.removed.none': 'Nothing was removed',
  'doc.evidence': 'Evidence', 'doc.legend.entity': 'entity', 'doc.legend.trigger': 'event trigger', 'doc.legend.quote': 'quote',
  'doc.incident': 'incident', 'doc.notfound': 'No such article', 'doc.story': 'story',
  'ev.actor': 'Actor', 'ev.target': 'Target', 'ev.place': 'Place', 'ev.date': 'Date', 'ev.fatalities': 'Fatalities',
  'ev.modality': 'Modality', 'ev.mode': 'Mode', 'ev.unknown': '—', 'ev.speaker': 'Speaker',
  'modality.asserted': 'asserted', 'modality.negated': 'negated', 'modality.hypothetical': 'hypothetical',
  'modality.planned': 'planned', 'modality.threatened': 'threatened',
  'ent.PER': 'person', 'ent.ORG': 'organisation', 'ent.LOC': 'place', 'ent.MISC': 'other',
  'live.new': 'new, live', 'error': 'Error', 'loading': 'Loading…',
  'type.ASSAULT': 'Assault', 'type.COERCE': 'Coerce', 'type.MOBILIZE': 'Mobilize', 'type.THREATEN': 'Threaten',
  'type.PROTEST': 'Protest', 'type.SANCTION': 'Sanction', 'type.ACCUSE': 'Accuse', 'type.REJECT': 'Reject',
  'type.REQUEST': 'Request', 'type.RETREAT': 'Retreat', 'type.AID': 'Aid', 'type.COOPERATE': 'Cooperate',
  'type.CONCEDE': 'Concede', 'type.SUPPORT': 'Support', 'type.CONSULT': 'Consult', 'type.AGREE': 'Agree',
};

export const dictionaries = { ar, en };

// translator returns t(key) for a language; unknown keys show as themselves.
export function translator(lang) {
  const d = dictionaries[lang] || ar;
  return (key) => d[key] ?? ar[key] ?? key;
}

// typeColor is the colour of a PLOVER type on the map, the timeline and
// the chips: violent types warm, cooperative ones cool.
const COLORS = {
  ASSAULT: '#c62828', COERCE: '#ef6c00', MOBILIZE: '#8d6e63', THREATEN: '#f9a825', PROTEST: '#ad1457',
  SANCTION: '#6a1b9a', ACCUSE: '#d81b60', REJECT: '#5d4037', REQUEST: '#00838f', RETREAT: '#558b2f',
  AID: '#2e7d32', COOPERATE: '#1565c0', CONCEDE: '#9e9d24', SUPPORT: '#0277bd', CONSULT: '#3949ab', AGREE: '#00695c',
};
export function typeColor(type) {
  return COLORS[type] || '#616161';
}
