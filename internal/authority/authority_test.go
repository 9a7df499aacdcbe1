package authority

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	tests := map[string]string{
		"Liverpool City Council":                  "liverpool",
		"London Borough of Croydon":               "croydon",
		"London Borough of Barking and Dagenham":  "barking-and-dagenham",
		"Royal Borough of Windsor and Maidenhead": "windsor-and-maidenhead",
		"Telford & Wrekin":                        "telford-and-wrekin",
		"Derby City":                              "derby",
		"Dudley MBC":                              "dudley",
		"Trafford Metropolitan Borough":           "trafford",
		"Kingston upon Hull City":                 "kingston-upon-hull",
		"City of York Council":                    "york",
		"City of London":                          "city-of-london",
		"Newcastle":                               "newcastle-upon-tyne",
		"Sandwell Children’s Trust":               "sandwell",
		"Bournemouth, Christchurch and Poole":     "bournemouth-christchurch-and-poole",
		"St Helens":                               "st-helens",
	}
	for in, want := range tests {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestByKey(t *testing.T) {
	cases := []struct {
		key, code, ons, region string
		successors             bool
	}{
		{"liverpool", "341", "E08000012", "North West", false},
		{"barking-and-dagenham", "301", "E09000002", "London", false},
		{"bristol", "801", "E06000023", "South West", false},
		{"kingston-upon-hull", "810", "E06000010", "Yorkshire and the Humber", false},
		{"bournemouth-christchurch-and-poole", "839", "E06000058", "South West", false},
		{Key("BCP Council"), "839", "E06000058", "South West", false},
		{"poole", "836", "E06000029", "South West", true},
		{"cumbria", "909", "E10000006", "North West", true},
		{"cumberland", "942", "E06000063", "North West", false},
		{"westmorland-and-furness", "943", "E06000064", "North West", false},
		{Key("Northamptonshire Children's Trust"), "928", "E10000021", "East Midlands", true},
		{"north-northamptonshire", "940", "E06000061", "East Midlands", false},
		{"west-northamptonshire", "941", "E06000062", "East Midlands", false},
	}
	for _, c := range cases {
		a, ok := ByKey(c.key)
		if !ok {
			t.Errorf("%s: no authority", c.key)
			continue
		}
		if a.LACode != c.code || a.ONSCode != c.ons || a.Region != c.region || (a.Successors != "") != c.successors {
			t.Errorf("%s: %+v, want codes %s %s, region %s, successors %v", c.key, a, c.code, c.ons, c.region, c.successors)
		}
	}
	// Bournemouth's own code (837) is not in the lookup, which gives the
	// name to its successor.
	if a, ok := ByKey("bournemouth"); !ok || a.LACode != "839" {
		t.Errorf("bournemouth matches %+v, want Bournemouth, Christchurch and Poole (839)", a)
	}
}

// TestLookupWhole checks the embedded file: every row is found by its own
// key and code, has both codes and a region, and every statistical
// neighbour is an authority of the file.
func TestLookupWhole(t *testing.T) {
	_, byCode := table()
	if len(byCode) < 150 {
		t.Fatalf("%d authorities, want the 153 with children's services and more", len(byCode))
	}
	for code, a := range byCode {
		if b, ok := ByKey(a.Key); !ok || b.LACode != code {
			t.Errorf("%s (%s): its key %q finds %s", a.Name, code, a.Key, b.Name)
		}
		if len(a.LACode) != 3 || len(a.ONSCode) != 9 || a.Region == "" {
			t.Errorf("%s: codes %q %q, region %q", a.Name, a.LACode, a.ONSCode, a.Region)
		}
		for _, n := range a.Neighbours {
			if _, ok := ByCode(n); !ok {
				t.Errorf("%s: neighbour %s is not in the lookup", a.Name, n)
			}
		}
	}
	if !strings.Contains(License, "MIT License") || !strings.Contains(License, "Permission is hereby granted") {
		t.Errorf("the licence notice is not embedded")
	}
}

// A caller that changes the neighbours it was given does not change what
// the next caller is given.
func TestByKeyReturnsACopy(t *testing.T) {
	a, ok := ByKey("liverpool")
	if !ok || len(a.Neighbours) == 0 {
		t.Fatalf("ByKey(liverpool) = %+v, %v: want an authority with neighbours", a, ok)
	}
	want := a.Neighbours[0]
	a.Neighbours[0] = "changed"
	b, _ := ByKey("liverpool")
	c, _ := ByCode(b.LACode)
	if b.Neighbours[0] != want || c.Neighbours[0] != want {
		t.Errorf("after a caller changed its copy, ByKey gives %q and ByCode %q, want %q", b.Neighbours[0], c.Neighbours[0], want)
	}
}
