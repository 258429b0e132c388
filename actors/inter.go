package actors

import "fmt"

// Inter is an ACLED actor type code ("inter1", "inter2").
type Inter int

// ACLED inter codes. InterNone means the actor's sector alone does not
// give one (a legislature, a court, a party without arms).
const (
	InterNone        Inter = 0
	StateForces      Inter = 1
	RebelGroup       Inter = 2
	PoliticalMilitia Inter = 3
	IdentityMilitia  Inter = 4
	Rioters          Inter = 5
	Protesters       Inter = 6
	Civilians        Inter = 7
	ExternalForces   Inter = 8
)

func (i Inter) String() string {
	switch i {
	case InterNone:
		return "none"
	case StateForces:
		return "State forces"
	case RebelGroup:
		return "Rebel groups"
	case PoliticalMilitia:
		return "Political militias"
	case IdentityMilitia:
		return "Identity militias"
	case Rioters:
		return "Rioters"
	case Protesters:
		return "Protesters"
	case Civilians:
		return "Civilians"
	case ExternalForces:
		return "External/Other forces"
	}
	return fmt.Sprintf("Inter(%d)", int(i))
}

// Inter gives a's ACLED inter code for an event in eventCountry (ISO
// alpha-2; "" when unknown, then a's own country is assumed). Rioters and
// protesters (5, 6) depend on what people did, not on who they are, and
// are the event coder's to assign.
func (a *Actor) Inter(eventCountry string) Inter {
	if a.Kind == PMC || a.Kind == ForeignCommand {
		return ExternalForces
	}
	return InterCode(a.Sector, a.Country, eventCountry, a.Identity)
}

// InterCode maps a PLOVER sector to an ACLED inter code by section 4 of
// the event-coding spec: the state sectors (GOV, MIL, COP, SPY) are state
// forces in their own country and external forces in another; REB is a
// rebel group and PRM or UAF a political militia, unless identity marks a
// tribal, ethnic or communal group; international and multinational
// bodies are external forces; civilian sectors and NGOs are civilians.
func InterCode(sector, actorCountry, eventCountry string, identity bool) Inter {
	if eventCountry == "" {
		eventCountry = actorCountry
	}
	switch actorCountry {
	case "IGO", "UNO", "EUR", "MNC":
		return ExternalForces
	case "NGO":
		return Civilians
	}
	switch sector {
	case "GOV", "MIL", "COP", "SPY":
		if actorCountry == eventCountry {
			return StateForces
		}
		return ExternalForces
	case "REB":
		if identity {
			return IdentityMilitia
		}
		return RebelGroup
	case "PRM", "UAF":
		if identity {
			return IdentityMilitia
		}
		return PoliticalMilitia
	case "CVL", "JRN", "EDU", "MED", "REF", "REL", "LAB", "AGR", "BUS":
		return Civilians
	}
	return InterNone
}
