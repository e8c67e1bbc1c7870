package postfach

import "time"

// messageView is what a sender sees of its message: the delivery facts
// (egov-standards §4.1 evidence), never the content.
type messageView struct {
	ID              string `json:"id"`
	Kind            Kind   `json:"kind"`
	Subject         string `json:"subject"`
	Sender          string `json:"sender"`
	Service         string `json:"service,omitempty"`
	LeikaID         string `json:"leika_id,omitempty"`
	Reference       string `json:"reference,omitempty"`
	ApplicationID   string `json:"application_id,omitempty"`
	RequiredLevel   int    `json:"required_level"`
	BekanntgabeRule Rule   `json:"bekanntgabe_rule"`
	OptOut          bool   `json:"electronic_bekanntgabe_excluded"`
	// Electronic is !OptOut: the citizen's consent to electronic
	// Bekanntgabe as it stood at provision (as GET /recipients/{handle}).
	Electronic       bool       `json:"electronic_bekanntgabe"`
	State            State      `json:"state"`
	ProvidedAt       time.Time  `json:"provided_at"`
	NotifiedAt       *time.Time `json:"notified_at,omitempty"`
	FirstRetrievedAt *time.Time `json:"first_retrieved_at,omitempty"`
	RetrievedLevel   int        `json:"retrieved_level,omitempty"`
	DeemedNotifiedAt *time.Time `json:"deemed_notified_at,omitempty"`
	ProvisionEndedAt *time.Time `json:"provision_ended_at,omitempty"`
	// The days of the two above in Europe/Berlin, YYYY-MM-DD (api_time.go).
	DeemedNotifiedOn string `json:"deemed_notified_on,omitempty"`
	ProvisionEndedOn string `json:"provision_ended_on,omitempty"`
	// DeletedByRecipientAt: the citizen deleted the message; its delivery
	// facts stay for the sender, body, attachments and replies are gone.
	DeletedByRecipientAt *time.Time `json:"deleted_by_recipient_at,omitempty"`
	// RenewedAt: the sender made the Bescheid known again (POST
	// /messages/{id}/renewal, OZG § 9 Abs. 1 S. 7).
	RenewedAt *time.Time `json:"renewed_at,omitempty"`
}

func viewMessage(m *Message) messageView {
	return messageView{ID: m.ID, Kind: m.Kind, Subject: m.Subject, Sender: m.Sender.Name,
		Service: m.Service, LeikaID: m.LeikaID, Reference: m.Reference,
		ApplicationID: m.ApplicationID, RequiredLevel: int(m.RequiredLevel),
		BekanntgabeRule: m.Rule, OptOut: m.OptOut, Electronic: !m.OptOut, State: m.State,
		ProvidedAt: inBerlin(m.ProvidedAt), NotifiedAt: inBerlinPtr(m.NotifiedAt),
		FirstRetrievedAt: inBerlinPtr(m.FirstRetrievedAt), RetrievedLevel: int(m.RetrievedLevel),
		DeemedNotifiedAt: inBerlinPtr(m.DeemedNotifiedAt), ProvisionEndedAt: inBerlinPtr(m.ProvisionEndedAt),
		DeemedNotifiedOn: berlinDay(m.DeemedNotifiedAt), ProvisionEndedOn: berlinDay(m.ProvisionEndedAt),
		DeletedByRecipientAt: inBerlinPtr(m.DeletedAt), RenewedAt: inBerlinPtr(m.RenewedAt)}
}

// messageList is the answer of GET /messages?application_id=….
type messageList struct {
	Messages []messageView `json:"messages"`
}
