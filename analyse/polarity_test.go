package analyse

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPolarity is the specification of the polarity rules, one sentence
// per rule. These sentences are made up or paraphrased; none is copied
// from the labelled letters.
func TestPolarity(t *testing.T) {
	cb := mustBuiltin(t)
	cases := []struct {
		name string
		in   string
		want Polarity
	}{
		{"plain strength", "Assessments are thorough and timely.", Positive},
		{"plain shortfall", "Plans are weak and lack focus.", Negative},
		{"description", "A chronology is listed in each file.", Neutral},
		{"concessive: main clause decides (negative)", "Although visits are more regular now, the quality of visits is generally not strong.", Negative},
		{"concessive: main clause decides (positive)", "Despite some delays, children now achieve permanence.", Positive},
		{"however opens a shortfall", "However, managers do not always record their decisions.", Negative},
		{"but: what follows decides", "Leaders have an improvement plan, but progress is slow.", Negative},
		{"trailing although keeps the main clause", "Practice is improving, although there is much more to do.", Positive},
		{"not only ... but is no contrast", "Not only are plans clear but they are also reviewed regularly.", Positive},
		{"not always flips", "Children's views are not always recorded.", Negative},
		{"not consistently strong", "The quality of assessments is still not consistently strong.", Negative},
		{"not yet", "The new audit tool is not yet embedded.", Negative},
		{"no delays is good", "There are no delays in allocating work.", Positive},
		{"without delay is good", "Enquiries are completed without delay.", Positive},
		{"few delays is good", "There are now few delays in the response to referrals.", Positive},
		{"bare negation is a shortfall", "Children are not seen alone.", Negative},
		{"lack with nothing to flip", "There is a lack of foster carers.", Negative},
		{"hedge keeps the direction", "Some plans are very good.", Positive},
		{"too", "Case records are too brief.", Negative},
		{"still variable", "The quality of plans is still too variable.", Negative},
		{"much improved", "The quality of assessments is much improved.", Positive},
		{"deteriorated", "Timeliness has deteriorated.", Negative},
		{"reduced burden", "Caseloads have reduced.", Positive},
		{"high burden", "High caseloads limit direct work.", Negative},
		{"fewer changes of social worker", "Children experience fewer changes of social worker.", Positive},
		{"past problem now fixed", "Until recently, high caseloads prevented direct work.", Neutral},
		{"previously, now", "Children who previously experienced delays now achieve permanence promptly.", Positive},
		{"too soon to see impact", "It is too soon to see the impact of the new panel.", Negative},
		{"requires improvement to be good", "Oversight requires improvement to be good.", Negative},
		{"purpose clause does not judge", "Managers meet weekly to ensure that plans are effective.", Neutral},
		{"condition does not judge", "When risks are not clear, managers act promptly.", Positive},
		{"relative negation describes", "Leaders have a detailed understanding of children who are not living with their families.", Positive},
		{"not ... until is no shortfall", "The officer does not close a case until risks are addressed.", Neutral},
		// The reduction of a negative is positive, whichever way round it
		// is said: an acting decrease before the negative ("minimise",
		// "lessen", "respond to"), or its participle after it in the passive.
		{"passive reduction of a negative", "Delay is further minimised by weekly tracking.", Positive},
		{"passive reduction of a burden", "Risks to children have been mitigated by the new team.", Positive},
		{"lessening a negative", "The service lessens the risk of drift for these children.", Positive},
		{"lessening a need is no shortfall", "Support at home lessens the need for children to come into care.", Neutral},
		{"response to a shortfall is a remedy", "Leaders responded quickly to a period of instability in the service.", Positive},
		{"a long response to a shortfall is a remedy", "Senior leaders responded quickly and appropriately to a recent period of instability in the front door team.", Positive},
		{"no response to a shortfall", "Managers do not respond to the delays in these plans.", Negative},
		// Intentions are not achievements.
		{"intention is no achievement", "A new team is being set up, which will improve the timeliness of assessments.", Neutral},
		{"future benefit is no achievement", "Leaders expect to introduce a stronger audit tool.", Neutral},
		{"an achievement before an intention counts", "Audits are thorough, and leaders plan to extend them.", Positive},
		{"a burden fallen to a good level", "Workloads have fallen to manageable levels.", Positive},
		{"counterfactual: would have benefited", "Some children would have benefited from earlier help.", Negative},
		// Counterfactuals and what is still to come are shortfalls.
		{"yet to", "The impact of the new panel is yet to be seen.", Negative},
		{"could be strengthened", "Contingency plans could be strengthened.", Negative},
		{"a thing would benefit from", "Plans would benefit from clearer timescales.", Negative},
		{"a person would benefit from", "Families who would benefit from early help are referred promptly.", Positive},
		{"more work is required", "More work is required to embed the model.", Negative},
		{"further progress is needed", "Further progress is needed.", Negative},
		{"requires further development", "The tool requires further development.", Negative},
		{"still to be", "Much is still to be done.", Negative},
		{"negation does not reach into an embedded question", "Plans do not explain how the extra stresses and pressures on the family will be handled.", Negative},
		{"what is weighed in a whether-clause does not judge", "Reviews of whether sufficient change has been achieved are not well recorded.", Negative},
		{"active decrease does not act backwards", "High caseloads prevented direct work.", Negative},
		// A decrease after the verb acts on the whole subject before it.
		{"a coordinated subject has reduced", "Sickness absence and the number of vacancies in the teams have fallen sharply this year.", Positive},
		{"a long subject has reduced", "The turnover of newly qualified social workers in the assessment teams has reduced.", Positive},
		{"a decrease with an object acts on the object", "High turnover of staff has reduced the time managers spend with families.", Negative},
		// What is weighed in a decision, and what is not.
		{"taken into account", "Parents' views are taken into account in the plan.", Positive},
		{"not taken into consideration", "The children's religion is not taken into consideration when matching them with carers.", Negative},
		// What managers watch over is named, not judged.
		{"oversight of pressures", "Team managers keep close oversight of the pressures on each worker.", Neutral},
		{"oversight that is weak still judges", "Oversight of these plans is weak.", Negative},
		// What needs to be done is a shortfall; what needs to be done, named, is not.
		{"needs to", "The pace of change in the disabled children's team needs to quicken.", Negative},
		{"what needs to", "Letters to parents set out clearly what needs to change.", Positive},
		{"what work needs to", "Strategy meetings agree promptly what work needs to be completed.", Positive},
		{"what they need to", "Plans are clear and concise, so parents know what they need to do.", Positive},
		{"which need to", "Leaders know the areas which need to improve.", Positive},
		{"what still needs to", "Leaders have a clear vision and know what still needs to be done.", Positive},
		{"how parents need to", "Letters before proceedings explain how parents need to change.", Neutral},
		{"the shortfall beside a named task", "Parents struggle to understand what the professional network needs to do.", Negative},
		{"a noun needs to, without a question word", "Work with care leavers needs to be completed sooner.", Negative},
		// What holds practice back is a shortfall, after a noun negator too.
		{"hindered", "Progress with the new audit programme has been hindered by staff shortages.", Negative},
		{"a lack that hinders", "The lack of direct work hinders the social worker's understanding of the child.", Negative},
		// What a hindrance holds back is a strength missing.
		{"ability held back", "This impacts on their ability to build consistent relationships with children.", Negative},
		{"a hindrance before a strength", "Frequent moves prevent children from building consistent relationships with their carers.", Negative},
		{"a hindrance that judges by itself", "This has had an impact on the timeliness of assessments.", Negative},
		{"made difficult", "This makes it difficult for managers to track the progress of plans.", Negative},
		{"a shortfall prevented", "The panel guides social workers and prevents drift in children's plans.", Positive},
		{"a positive impact", "The new panel has had a positive impact on the timeliness of plans.", Positive},
		{"a hindrance in a relative clause describes", "Children are helped to understand the decisions that affect them.", Positive},
		{"a hindrance ends at its clause", "Family support prevents children coming into care, as families get timely and effective help.", Positive},
		// "that" after a verb of saying or meaning opens a finding, not a relative.
		{"means that not all", "This means that not all children have an up-to-date plan.", Negative},
		// "varied" before a noun describes; as a predicate it judges.
		{"varied before a noun describes", "Staff understand the varied cultures of the families they support.", Positive},
		{"varied as a predicate judges", "The quality of return home interviews varied.", Negative},
		{"varied with a complement judges", "Supervision records varied in depth across the teams.", Negative},
		// A negation reaches over a parenthetical connective.
		{"negation over a parenthetical", "Managers do not, however, routinely record clear reasons for their decisions.", Negative},
		{"negation over a longer parenthetical", "Supervision is not, in most teams, regular enough to help social workers reflect.", Negative},
		{"a parenthetical with no judging phrase after it", "Visits have not, to date, been affected by the new rota.", Positive},
		// Judging words by family: a consequence that diminishes a good
		// thing, irregularity, a finding named a concern, un- and in-
		// forms, repetition of a burden.
		{"diminishing a good thing", "This lessens the capacity of the team to visit families.", Negative},
		{"diminishing a good thing, no determiner", "Staff shortages have reduced choice for older children.", Negative},
		{"a reduction in a good thing", "There has been a reduction in specialist provision for disabled children.", Negative},
		{"diminishing a shortfall is still good", "The new team has reduced delays in assessments.", Positive},
		{"diminishing a burden is still good", "Reducing caseloads and improving the quality of plans are priorities.", Positive},
		{"irregular", "Team meetings to review children's progress are irregular.", Negative},
		{"infrequent", "Personal advisers have infrequent contact with some young people.", Negative},
		{"inconsistencies", "There are inconsistencies in how thresholds are applied.", Negative},
		{"a finding named a concern", "This has remained a concern since the last visit.", Negative},
		{"continues to be a challenge", "Recruiting foster carers continues to be a challenge.", Negative},
		{"lacked", "Some plans lacked clear timescales.", Negative},
		{"not complacent", "Leaders are not complacent.", Positive},
		{"un- form", "Some managers are unaware of the backlog of reviews.", Negative},
		{"inhibited", "The shortage of placements has inhibited the team's ability to match children well.", Negative},
		{"repeated burden", "Some families experience frequent changes of social worker.", Negative},
		{"problematic", "Access to dental care has been problematic.", Negative},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := cb.Judge(c.in).Polarity; got != c.want {
				t.Errorf("Judge(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

// TestThemePolarity checks that each clause judges its own themes.
func TestThemePolarity(t *testing.T) {
	cb := mustBuiltin(t)
	cases := []struct {
		in   string
		want []ThemeMark
	}{
		{"Although children's views mostly inform their plans for permanence, the quality of written care plans is still too variable.",
			[]ThemeMark{{Theme: ThemePlanning, Polarity: Negative}, {Theme: ThemeVoiceOfChild, Polarity: Positive}, {Theme: ThemePermanence, Polarity: Positive}}},
		{"Social work practice is improving, although there is much more to do to improve the quality of case supervision.",
			[]ThemeMark{{Theme: ThemeSupervisionOversight, Polarity: Negative}}},
		{"Visits to children have improved, although some visits still lack purpose.",
			[]ThemeMark{{Theme: ThemeVoiceOfChild, Polarity: Mixed}}},
		{"When there are concerns about adults who work with children, referrals to the designated officer are prompt.",
			[]ThemeMark{{Theme: ThemeLADO, Polarity: Positive}}},
		// A theme named in a concession and taken up by a pronoun is judged
		// by the main clause too.
		{"Although there has been progress in securing special guardianship for some children, this is still too slow.",
			[]ThemeMark{{Theme: ThemePermanence, Polarity: Mixed}}},
		// A clause on the other side of a contrast that names no theme of its
		// own judges, by a pronoun or by ellipsis, the theme named before it.
		{"Most assessments are updated regularly, although their quality is variable.",
			[]ThemeMark{{Theme: ThemeAssessmentQuality, Polarity: Mixed}}},
		{"Case supervision is regular, but the quality is not consistently good.",
			[]ThemeMark{{Theme: ThemeSupervisionOversight, Polarity: Mixed}}},
		// A clause that names its own theme judges only that one.
		{"Case supervision is regular, but care plans are too variable.",
			[]ThemeMark{{Theme: ThemeSupervisionOversight, Polarity: Positive}, {Theme: ThemePlanning, Polarity: Negative}}},
		// The main clause after an opening concession mostly turns to another subject.
		{"Although case supervision has improved, the quality of social work practice is inconsistent.",
			[]ThemeMark{{Theme: ThemeSupervisionOversight, Polarity: Positive}}},
		// A source of evidence is not what the finding judges.
		{"Audits show that most child protection plans are not yet good enough.",
			[]ThemeMark{{Theme: ThemePlanning, Polarity: Negative}, {Theme: ThemeQualityAssurance, Polarity: Neutral}}},
		{"As audits show, child protection plans are too often weak.",
			[]ThemeMark{{Theme: ThemePlanning, Polarity: Negative}, {Theme: ThemeQualityAssurance, Polarity: Neutral}}},
		// A leader's knowledge of a shortfall is judged with it.
		{"Senior leaders recognise that caseloads are too high.",
			[]ThemeMark{{Theme: ThemeWorkforceCaseloads, Polarity: Negative}, {Theme: ThemeLeadershipGovernance, Polarity: Negative}}},
		// The object of an effort under way is a shortfall being addressed.
		{"Leaders are taking action to strengthen the permanence panels.",
			[]ThemeMark{{Theme: ThemePermanence, Polarity: Negative}, {Theme: ThemeLeadershipGovernance, Polarity: Neutral}}},
		{"They are working to improve the quality of case supervision.",
			[]ThemeMark{{Theme: ThemeSupervisionOversight, Polarity: Negative}}},
		// So is the object of an intended remedy.
		{"There are plans to improve the screening of referrals.",
			[]ThemeMark{{Theme: ThemeFrontDoor, Polarity: Negative}}},
		// The object ends at a conjunction: what follows is not its object.
		{"Leaders continue to develop the service and have introduced strategies that secure early permanence.",
			[]ThemeMark{{Theme: ThemePermanence, Polarity: Positive}, {Theme: ThemeLeadershipGovernance, Polarity: Positive}}},
		// A conjunction between an effort word and a verb ends the effort:
		// "plans" is the children's, and "improve" a second verb of praise.
		{"Social workers progress children's plans and improve their experiences.",
			[]ThemeMark{{Theme: ThemePlanning, Polarity: Positive}, {Theme: ThemeVoiceOfChild, Polarity: Positive}}},
		// A purpose after a practice is no effort: its object is not judged badly.
		{"Managers use audits well to improve the quality of case supervision.",
			[]ThemeMark{{Theme: ThemeSupervisionOversight, Polarity: Positive}, {Theme: ThemeQualityAssurance, Polarity: Positive}}},
	}
	for _, c := range cases {
		got := cb.Judge(c.in).Themes
		if diff := cmp.Diff(sortedMarks(c.want), sortedMarks(got)); diff != "" {
			t.Errorf("Judge(%q) themes mismatch (-want +got):\n%s", c.in, diff)
		}
	}
}

func sortedMarks(ms []ThemeMark) map[string]Polarity {
	out := map[string]Polarity{}
	for _, m := range ms {
		out[m.Theme] = m.Polarity
	}
	return out
}

func TestCompareStatus(t *testing.T) {
	cases := []struct {
		a, b Status
		want Outcome
	}{
		{StatusConcern, StatusConcern, OutcomeRecurring},
		{StatusConcern, StatusMixed, OutcomeRecurring},
		{StatusMixed, StatusConcern, OutcomeRecurring},
		{StatusMixed, StatusMixed, OutcomeRecurring},
		{StatusConcern, StatusStrength, OutcomeResolved},
		{StatusMixed, StatusStrength, OutcomeResolved},
		{StatusConcern, StatusAbsent, OutcomeNotRevisited}, // never resolved
		{StatusMixed, StatusAbsent, OutcomeNotRevisited},
		{StatusAbsent, StatusConcern, OutcomeNew},
		{StatusStrength, StatusConcern, OutcomeNew},
		{StatusStrength, StatusMixed, OutcomeNew},
		{StatusStrength, StatusStrength, OutcomeSustained},
		{StatusStrength, StatusAbsent, OutcomeNotRevisited},
		{StatusAbsent, StatusStrength, OutcomeNewStrength},
		{StatusAbsent, StatusAbsent, OutcomeAbsent},
	}
	for _, c := range cases {
		if got := CompareStatus(c.a, c.b); got != c.want {
			t.Errorf("CompareStatus(%s, %s) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}
