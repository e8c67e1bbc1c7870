package tr03130

import "encoding/xml"

// XML namespaces of the eID-Interface (TR-03130 §3, egov-standards §7.2).
const (
	nsSOAP = "http://schemas.xmlsoap.org/soap/envelope/"
	nsEID  = "http://bsi.bund.de/eID/"
	nsDSS  = "urn:oasis:names:tc:dss:1.0:core:schema"
)

// Outgoing messages carry literal prefixes ("eid:useIDRequest"), which
// encoding/xml writes as they are, with the xmlns declarations on the
// envelope: eID-Servers expect the prefixed form of the WSDL examples.
type envelopeOut struct {
	XMLName xml.Name `xml:"soapenv:Envelope"`
	Soap    string   `xml:"xmlns:soapenv,attr"`
	EID     string   `xml:"xmlns:eid,attr"`
	Header  struct{} `xml:"soapenv:Header"`
	Body    bodyOut  `xml:"soapenv:Body"`
}

type bodyOut struct {
	UseID     *useIDRequest     `xml:"eid:useIDRequest,omitempty"`
	GetResult *getResultRequest `xml:"eid:getResultRequest,omitempty"`
}

// useIDRequest is TR-03130 §3.2.1.1 (the parts mvnk uses).
type useIDRequest struct {
	UseOperations    []operation `xml:"eid:UseOperations>eid:Operation"`
	LevelOfAssurance string      `xml:"eid:LevelOfAssuranceRequest,omitempty"`
}

// operation is one element of UseOperations, named after the data group
// (eid:GivenNames …) with REQUIRED, ALLOWED or PROHIBITED as its text.
type operation struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

// operations is an element whose children are named after data groups
// (OperationsAllowedByUser, EIDTypeResponse).
type operations struct {
	List []operation `xml:",any"`
}

// value is the text of the child named local, "" when absent.
func (o *operations) value(local string) string {
	if o == nil {
		return ""
	}
	for _, op := range o.List {
		if op.XMLName.Local == local {
			return op.Value
		}
	}
	return ""
}

// getResultRequest is TR-03130 §3.2.2.1.
type getResultRequest struct {
	SessionID      string `xml:"eid:Session>eid:ID"`
	RequestCounter int64  `xml:"eid:RequestCounter"`
}

// envelopeIn is any answer of the eID-Server, matched by namespace.
type envelopeIn struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Body    struct {
		UseID     *useIDResponse     `xml:"http://bsi.bund.de/eID/ useIDResponse"`
		GetResult *getResultResponse `xml:"http://bsi.bund.de/eID/ getResultResponse"`
		Fault     *soapFault         `xml:"http://schemas.xmlsoap.org/soap/envelope/ Fault"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

type soapFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
}

// result is dss:Result (OASIS DSS core §4.1, TR-03130 §3.4.1).
type result struct {
	Major   string `xml:"urn:oasis:names:tc:dss:1.0:core:schema ResultMajor"`
	Minor   string `xml:"urn:oasis:names:tc:dss:1.0:core:schema ResultMinor"`
	Message string `xml:"urn:oasis:names:tc:dss:1.0:core:schema ResultMessage"`
}

// useIDResponse is TR-03130 §3.2.1.2.
type useIDResponse struct {
	SessionID          string  `xml:"Session>ID"`
	ECardServerAddress string  `xml:"eCardServerAddress"`
	PSKID              string  `xml:"PSK>ID"`
	PSKKey             string  `xml:"PSK>Key"`
	Result             *result `xml:"urn:oasis:names:tc:dss:1.0:core:schema Result"`
}

// getResultResponse is TR-03130 §3.2.2.2. The level element is
// LevelOfAssuranceResult in TR-03130 2.x; LevelOfAssuranceResponse is
// accepted too, as some servers and egov-standards §2.1 name it so.
type getResultResponse struct {
	PersonalData    *personalData `xml:"PersonalData"`
	AllowedByUser   *operations   `xml:"OperationsAllowedByUser"`
	LevelResult     string        `xml:"LevelOfAssuranceResult"`
	LevelResponse   string        `xml:"LevelOfAssuranceResponse"`
	EIDTypeResponse *operations   `xml:"EIDTypeResponse"`
	Result          *result       `xml:"urn:oasis:names:tc:dss:1.0:core:schema Result"`
}

// personalData is TR-03130 PersonalDataType.
type personalData struct {
	DocumentType     string        `xml:"DocumentType"`
	IssuingState     string        `xml:"IssuingState"`
	DateOfExpiry     string        `xml:"DateOfExpiry"`
	GivenNames       string        `xml:"GivenNames"`
	FamilyNames      string        `xml:"FamilyNames"`
	ArtisticName     string        `xml:"ArtisticName"`
	AcademicTitle    string        `xml:"AcademicTitle"`
	DateOfBirth      *generalDate  `xml:"DateOfBirth"`
	PlaceOfBirth     *generalPlace `xml:"PlaceOfBirth"`
	Nationality      string        `xml:"Nationality"`
	BirthName        string        `xml:"BirthName"`
	PlaceOfResidence *generalPlace `xml:"PlaceOfResidence"`
	CommunityID      string        `xml:"CommunityID"`
	ResidencePermitI string        `xml:"ResidencePermitI"`
	RestrictedID     *struct {
		ID  string `xml:"ID"`
		ID2 string `xml:"ID2"`
	} `xml:"RestrictedID"`
}

// generalDate: DateString is YYYYMMDD and may be partial; DateValue is
// an xs:date present only for a complete date.
type generalDate struct {
	DateString string `xml:"DateString"`
	DateValue  string `xml:"DateValue"`
}

// generalPlace is one of StructuredPlace, FreetextPlace, NoPlaceInfo.
type generalPlace struct {
	Structured *struct {
		Street  string `xml:"Street"`
		City    string `xml:"City"`
		State   string `xml:"State"`
		Country string `xml:"Country"`
		ZipCode string `xml:"ZipCode"`
	} `xml:"StructuredPlace"`
	Freetext    string    `xml:"FreetextPlace"`
	NoPlaceInfo *struct{} `xml:"NoPlaceInfo"`
}
