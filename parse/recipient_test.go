package parse

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ofsted-letters/letters/record"
)

// TestRecipientBlock checks address blocks of letters written to two
// people, and to one person with two titles, as printed (invented names).
func TestRecipientBlock(t *testing.T) {
	tests := []struct {
		name       string
		block      []string
		want       record.Addressee
		recipients []record.Addressee
		address    []string
	}{
		{
			name:    "one addressee, title wrapped over two lines",
			block:   []string{"Jane Roe", "Director of Children’s", "and Adults’ Services", "Anytown Borough Council", "Town Hall", "AN1 2BC"},
			want:    record.Addressee{Name: "Jane Roe", Role: "Director of Children’s and Adults’ Services", Organisation: "Anytown Borough Council"},
			address: []string{"Town Hall", "AN1 2BC"},
		},
		{
			name:  "two addressees, the second with the trust they lead",
			block: []string{"Jane Roe, Director of Children’s Services", "Sam Poe, Chief Executive, Anytown Children’s Trust", "Anytown Metropolitan Borough Council", "Oldtown", "AN1 2BC"},
			want:  record.Addressee{Name: "Jane Roe", Role: "Director of Children’s Services", Organisation: "Anytown Metropolitan Borough Council"},
			recipients: []record.Addressee{
				{Name: "Jane Roe", Role: "Director of Children’s Services", Organisation: "Anytown Metropolitan Borough Council"},
				{Name: "Sam Poe", Role: "Chief Executive", Organisation: "Anytown Children’s Trust"},
			},
			address: []string{"Oldtown", "AN1 2BC"},
		},
		{
			name:    "one person with two titles, the second naming the trust",
			block:   []string{"Jane Roe", "Interim Director of Children, Learning and Skills", "Interim Chief Executive, Anytown Children’s Trust", "1 High Street", "AN1 2BC"},
			want:    record.Addressee{Name: "Jane Roe", Role: "Interim Director of Children, Learning and Skills; Interim Chief Executive", Organisation: "Anytown Children’s Trust"},
			address: []string{"1 High Street", "AN1 2BC"},
		},
		{
			name:    "a comma inside the title is not an organisation",
			block:   []string{"Ms Jane Roe", "Director, Children and Young People’s Services", "Anytown City Council", "AN1 2BC"},
			want:    record.Addressee{Honorific: "Ms", Name: "Jane Roe", Role: "Director, Children and Young People’s Services", Organisation: "Anytown City Council"},
			address: []string{"AN1 2BC"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &parser{rec: &record.Record{}}
			var cells []line
			for i, text := range tt.block {
				cells = append(cells, line{text: text, pos: record.Pos{Line: i + 1}})
			}
			p.recipient(cells)
			got := p.rec.Letter
			if diff := cmp.Diff(tt.want, got.Recipient.Addressee); diff != "" {
				t.Errorf("recipient (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.recipients, got.Recipients); diff != "" {
				t.Errorf("recipients (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.address, got.Recipient.Address); diff != "" {
				t.Errorf("address (-want +got):\n%s", diff)
			}
			if len(p.rec.Warnings) > 0 {
				t.Errorf("warnings: %v", p.rec.Warnings)
			}
		})
	}
}
