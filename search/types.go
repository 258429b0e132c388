package search

import "strings"

// eventTypes are the types a filter may name, lower-cased: PLOVER's 16
// types and ACLED's event types and sub-event types, as
// shared/spec/event-coding.md lists them. A type outside them would
// silently match nothing, which a user cannot tell from "no such events".
var eventTypes = func() map[string]bool {
	names := []string{
		// PLOVER
		"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
		"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
		"MOBILIZE", "COERCE", "ASSAULT",
		// ACLED event types
		"Battles", "Explosions/Remote violence", "Violence against civilians",
		"Protests", "Riots", "Strategic developments",
		// ACLED sub-event types
		"Armed clash", "Government regains territory", "Non-state actor overtakes territory",
		"Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
		"Remote explosive/landmine/IED", "Grenade",
		"Sexual violence", "Attack", "Abduction/forced disappearance",
		"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
		"Violent demonstration", "Mob violence",
		"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
		"Headquarters or base established", "Looting/property destruction",
		"Non-violent transfer of territory", "Other",
	}
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[typeKey(n)] = true
	}
	return m
}()

// typeKey is how a type is compared: case and runs of spaces do not count,
// as in the store's type terms.
func typeKey(t string) string {
	return strings.ToLower(strings.Join(strings.Fields(t), " "))
}

// KnownType says whether t names a PLOVER type or an ACLED event or
// sub-event type.
func KnownType(t string) bool { return eventTypes[typeKey(t)] }
