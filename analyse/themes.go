package analyse

// The core theme ids of themes.md. They are a user contract: the shipped
// codebook defines every one of them, and a codebook given with --codebook
// may add themes but cannot drop these.
const (
	ThemeFrontDoor            = "front-door"
	ThemeStrategyS47          = "strategy-s47"
	ThemeAssessmentQuality    = "assessment-quality"
	ThemePlanning             = "planning"
	ThemeIROChairs            = "iro-chairs"
	ThemeVoiceOfChild         = "voice-of-child"
	ThemeIdentityDiversity    = "identity-diversity"
	ThemeDomesticAbuse        = "domestic-abuse"
	ThemeExploitationMissing  = "exploitation-missing"
	ThemePermanence           = "permanence"
	ThemePlacementSufficiency = "placement-sufficiency"
	ThemeCareLeavers          = "care-leavers"
	ThemeSupervisionOversight = "supervision-oversight"
	ThemeWorkforceCaseloads   = "workforce-caseloads"
	ThemeQualityAssurance     = "quality-assurance"
	ThemeLeadershipGovernance = "leadership-governance"
	ThemePartnership          = "partnership"
	ThemeEarlyHelp            = "early-help"
	ThemeLADO                 = "lado"
)

// CoreThemes returns the core theme ids in the order of themes.md.
func CoreThemes() []string {
	return []string{
		ThemeFrontDoor, ThemeStrategyS47, ThemeAssessmentQuality, ThemePlanning,
		ThemeIROChairs, ThemeVoiceOfChild, ThemeIdentityDiversity, ThemeDomesticAbuse,
		ThemeExploitationMissing, ThemePermanence, ThemePlacementSufficiency,
		ThemeCareLeavers, ThemeSupervisionOversight, ThemeWorkforceCaseloads,
		ThemeQualityAssurance, ThemeLeadershipGovernance, ThemePartnership,
		ThemeEarlyHelp, ThemeLADO,
	}
}

// IsCore reports whether id is one of the core theme ids.
func IsCore(id string) bool {
	for _, c := range CoreThemes() {
		if c == id {
			return true
		}
	}
	return false
}

// A Polarity says whether a sentence or clause judges its subject well,
// badly or not at all.
type Polarity string

// The polarities.
const (
	Positive Polarity = "positive" // a strength or an improvement
	Negative Polarity = "negative" // a concern, a shortfall, a delay
	Neutral  Polarity = "neutral"  // description with no judgement
)

// A Status is what one letter says about one theme.
type Status string

// The statuses of a theme in one letter.
const (
	StatusConcern  Status = "concern"  // negative findings only
	StatusStrength Status = "strength" // positive findings only
	StatusMixed    Status = "mixed"    // both
	StatusAbsent   Status = "absent"   // no finding judges the theme
)

// IsConcern reports whether s is a concern, alone or beside strengths.
func (s Status) IsConcern() bool { return s == StatusConcern || s == StatusMixed }

// An Outcome is how one theme moved from an earlier letter to a later one.
type Outcome string

// The outcomes of themes.md, and the one case its table leaves open.
const (
	OutcomeRecurring    Outcome = "recurring"     // a concern in A and still a concern in B
	OutcomeResolved     Outcome = "resolved"      // a concern in A, only strengths in B
	OutcomeNew          Outcome = "new"           // no concern in A, a concern in B
	OutcomeSustained    Outcome = "sustained"     // strengths in both, no concern in either
	OutcomeNotRevisited Outcome = "not-revisited" // judged in A, not judged in B: unknown, not resolved
	OutcomeAbsent       Outcome = "absent"        // judged in neither
	// OutcomeNewStrength is a theme first judged in B, and only as a
	// strength. themes.md's table has no row for it; no concern is involved.
	OutcomeNewStrength Outcome = "new-strength"
)

// meanings say what each status and outcome means, for people: the one
// wording that the help, the tables and the HTML page's legend show.
var meanings = map[string]string{
	string(StatusConcern):  "only negative findings",
	string(StatusMixed):    "negative and positive findings",
	string(StatusStrength): "only positive findings",
	string(StatusAbsent):   "no finding judges it",

	"outcome:" + string(OutcomeRecurring):    "a concern before, still a concern",
	"outcome:" + string(OutcomeResolved):     "a concern before, only strengths now",
	"outcome:" + string(OutcomeNew):          "a concern now, none before",
	"outcome:" + string(OutcomeSustained):    "strengths before and now, no concern",
	"outcome:" + string(OutcomeNotRevisited): "judged before, not now: unknown, not resolved",
	"outcome:" + string(OutcomeAbsent):       "judged in neither letter",
	"outcome:" + string(OutcomeNewStrength):  "first judged now, as a strength",
}

// Meaning says what the status means, for people.
func (s Status) Meaning() string { return meanings[string(s)] }

// Meaning says what the outcome means, for people ("before" is the
// earlier letter, "now" the later).
func (o Outcome) Meaning() string { return meanings["outcome:"+string(o)] }

// Outcomes returns every outcome word, in the order of themes.md.
func Outcomes() []Outcome {
	return []Outcome{OutcomeRecurring, OutcomeResolved, OutcomeNew, OutcomeSustained,
		OutcomeNotRevisited, OutcomeAbsent, OutcomeNewStrength}
}

// CompareStatus returns the outcome of a theme whose status was a in the earlier
// letter and b in the later one. A concern that b does not judge is
// not-revisited, never resolved.
func CompareStatus(a, b Status) Outcome {
	switch {
	case a.IsConcern() && b.IsConcern():
		return OutcomeRecurring
	case a.IsConcern() && b == StatusStrength:
		return OutcomeResolved
	case a.IsConcern(): // b absent
		return OutcomeNotRevisited
	case b.IsConcern(): // a strength or absent
		return OutcomeNew
	case a == StatusStrength && b == StatusStrength:
		return OutcomeSustained
	case a == StatusStrength: // b absent
		return OutcomeNotRevisited
	case b == StatusStrength: // a absent
		return OutcomeNewStrength
	}
	return OutcomeAbsent
}
