package config

// EID chooses the identification service behind "Mit Online-Ausweis" and
// the step-up to substanziell and hoch, and holds its settings.
type EID struct {
	Provider       string // off, simulator, tr03130 or bundid; "" = simulator with --dev, else off
	AllowSimulator bool   // the simulator outside --dev (a test system only)

	ServerURL  string // TR-03130 eID-Server SOAP endpoint
	ClientCert string // PEM file: our client certificate for mutual TLS
	ClientKey  string // PEM file: its private key
	ServerCA   string // PEM file: CA of the eID-Server's certificate ("" = system roots)
	Sector     string // sector of the Berechtigungszertifikat (RestrictedID sector)

	BundIDMetadata        string // file with BundID's SAML IdP metadata
	BundIDCert            string // PEM file: our SAML SP certificate
	BundIDKey             string // PEM file: its private key
	BundIDOnlineServiceID string // OnlineServiceId from the BundID onboarding
	BundIDOrganisation    string // OrganizationDisplayName
}

func str(field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *field(c) = v; return nil }
}

var setEIDSimulator = boolean(func(c *Config) *bool { return &c.EID.AllowSimulator })

var eidSettings = []setting{
	{key: "eid", def: "", usage: "identification service for eID login and step-up: off, simulator, tr03130 or bundid (default: simulator with --dev, else off)",
		set: oneOf(func(c *Config) *string { return &c.EID.Provider }, "", "off", "simulator", "tr03130", "bundid")},
	{key: "eid_simulator", def: "false", usage: "allow the eID simulator without --dev (test systems only; its pages say it is no real identification)", set: setEIDSimulator},
	{key: "eid_server_url", def: "", usage: "TR-03130 eID-Server SOAP endpoint (https)", set: str(func(c *Config) *string { return &c.EID.ServerURL })},
	{key: "eid_client_cert", def: "", usage: "PEM file with the client certificate for mutual TLS to the eID-Server", set: str(func(c *Config) *string { return &c.EID.ClientCert })},
	{key: "eid_client_key", def: "", usage: "PEM file with the private key of that certificate", set: str(func(c *Config) *string { return &c.EID.ClientKey })},
	{key: "eid_server_ca", def: "", usage: "PEM file with the CA of the eID-Server's certificate (default: system roots)", set: str(func(c *Config) *string { return &c.EID.ServerCA })},
	{key: "eid_sector", def: "", usage: "sector of the Berechtigungszertifikat; RestrictedIDs are per sector", set: str(func(c *Config) *string { return &c.EID.Sector })},
	{key: "bundid_metadata", def: "", usage: "file with BundID's SAML IdP metadata", set: str(func(c *Config) *string { return &c.EID.BundIDMetadata })},
	{key: "bundid_cert", def: "", usage: "PEM file with our SAML service provider certificate", set: str(func(c *Config) *string { return &c.EID.BundIDCert })},
	{key: "bundid_key", def: "", usage: "PEM file with its private key", set: str(func(c *Config) *string { return &c.EID.BundIDKey })},
	{key: "bundid_online_service_id", def: "", usage: "OnlineServiceId assigned at the BundID onboarding", set: str(func(c *Config) *string { return &c.EID.BundIDOnlineServiceID })},
	{key: "bundid_organisation", def: "Land Mecklenburg-Vorpommern", usage: "OrganizationDisplayName shown by BundID", set: str(func(c *Config) *string { return &c.EID.BundIDOrganisation })},
}

// EIDProvider is the identification service in use: the setting, or by
// default the simulator with --dev and none otherwise.
func (c *Config) EIDProvider() string {
	switch {
	case c.EID.Provider != "":
		return c.EID.Provider
	case c.Dev:
		return "simulator"
	}
	return "off"
}

// CheckEID refuses a simulator outside --dev unless allowed, and a real
// connector without the settings it needs.
func (c *Config) CheckEID() error {
	need := func(pairs ...string) error {
		for i := 0; i+1 < len(pairs); i += 2 {
			if pairs[i+1] == "" {
				return &Error{Setting: pairs[i], Msg: "required with MVNK_EID=" + c.EIDProvider()}
			}
		}
		return nil
	}
	switch c.EIDProvider() {
	case "simulator":
		if !c.Dev && !c.EID.AllowSimulator {
			return &Error{Setting: "MVNK_EID", Msg: "the eID simulator is no real identification: only with --dev, or with MVNK_EID_SIMULATOR=true on a test system"}
		}
	case "tr03130":
		return need("MVNK_EID_SERVER_URL", c.EID.ServerURL, "MVNK_EID_CLIENT_CERT", c.EID.ClientCert,
			"MVNK_EID_CLIENT_KEY", c.EID.ClientKey, "MVNK_EID_SECTOR", c.EID.Sector)
	case "bundid":
		return need("MVNK_BUNDID_METADATA", c.EID.BundIDMetadata, "MVNK_BUNDID_CERT", c.EID.BundIDCert,
			"MVNK_BUNDID_KEY", c.EID.BundIDKey, "MVNK_BUNDID_ONLINE_SERVICE_ID", c.EID.BundIDOnlineServiceID)
	}
	return nil
}
