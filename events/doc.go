// Package events codes the events an article reports (PLOVER type and mode,
// actor, target, place, date, fatalities, modality, ACLED category) from
// trigger lexicons an analyst can read and extend.
package events
