// Package events codes the events an article reports (PLOVER type and mode,
// actor, target, participants, place, date, fatalities, modality, ACLED
// category) from trigger lexicons an analyst can read and extend:
// triggers.tsv, weapons.tsv, cues.tsv, groups.tsv and words.tsv, embedded
// and parsed once by New. Score and LoadGold compare the result with the
// hand-coded articles of testdata/gold; LoadReal, ReadRecords and Resolve
// do the same for testdata/real, real articles of the shared corpora coded
// by reference to their byte spans (rasad eval events).
package events
