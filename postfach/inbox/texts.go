package inbox

import (
	"mvnk/portal"
	"mvnk/postfach"
)

// Message keys of the forms; the error summary shows them through
// basePage.Msg.
const (
	msgQueryTooLong   = "filter.q_too_long"
	msgVorgangTooLong = "filter.vorgang_too_long"
	msgBodyRequired   = "reply.body_required"
	msgBodyTooLong    = "reply.body_too_long"
	msgBodyInvalid    = "reply.body_invalid"
	msgTooManyFiles   = "reply.too_many_files"
	msgFileTooLarge   = "reply.file_too_large"
	msgFilesTooLarge  = "reply.files_too_large"
	msgFileType       = "reply.file_type"
	msgFileInvalid    = "reply.file_invalid"
	msgFilesInvalid   = "reply.files_invalid"
	msgFileReselect   = "reply.file_reselect"
	msgFileName       = "reply.file_name"
	msgReplyLimit     = "reply.limit"
)

// texts are the package's words that templates cannot hold: form
// messages and the labels of kinds, states, levels and statuses.
var texts = portal.Texts{
	msgQueryTooLong: {"Der Suchbegriff darf höchstens %d Zeichen lang sein.",
		"The search term may be at most %d characters long."},
	msgVorgangTooLong: {"Die Vorgangsnummer darf höchstens %d Zeichen lang sein.",
		"The case number may be at most %d characters long."},
	msgBodyRequired: {"Bitte schreiben Sie Ihre Antwort.", "Please write your reply."},
	msgReplyLimit: {"Sie haben in kurzer Zeit viele Antworten gesendet. Bitte versuchen Sie es in %d Minuten erneut; Ihr Text bleibt hier stehen.",
		"You have sent many replies in a short time. Please try again in %d minutes; your text stays here."},
	msgBodyTooLong: {"Die Antwort darf höchstens %d Zeichen lang sein.",
		"The reply may be at most %d characters long."},
	msgBodyInvalid: {"Die Antwort konnte nicht angenommen werden. Bitte prüfen Sie den Text.",
		"The reply could not be accepted. Please check the text."},
	msgTooManyFiles: {"Sie können höchstens %d Dateien anhängen.", "You can attach at most %d files."},
	msgFileTooLarge: {"Die Datei „%s“ ist zu groß: Jede Datei darf höchstens %d MB groß sein.",
		"The file “%s” is too large: each file may be at most %d MB."},
	msgFilesTooLarge: {"Die Dateien sind zusammen zu groß: Zusammen dürfen sie höchstens %d MB groß sein.",
		"The files are too large together: together they may be at most %d MB."},
	msgFileType: {"Die Datei „%s“ hat ein Format, das nicht erlaubt ist. Erlaubt sind PDF, PNG, JPEG, XML, Text und CSV.",
		"The file “%s” has a format that is not allowed. Allowed are PDF, PNG, JPEG, XML, text and CSV."},
	msgFileInvalid:  {"Die Datei „%s“ konnte nicht angenommen werden.", "The file “%s” could not be accepted."},
	msgFilesInvalid: {"Die Anhänge konnten nicht angenommen werden.", "The attachments could not be accepted."},
	msgFileName: {"Der Name einer Datei enthält Zeichen, die nicht erlaubt sind (Steuerzeichen, Schrägstriche). Bitte benennen Sie die Datei um.",
		"A file's name contains characters that are not allowed (control characters, slashes). Please rename the file."},
	msgFileReselect: {"Bitte wählen Sie Ihre Dateien noch einmal aus: Aus Sicherheitsgründen behält der Browser sie nicht.",
		"Please choose your files again: for security reasons the browser does not keep them."},

	"kind." + string(postfach.Nachricht):            {"Nachricht", "Message"},
	"kind." + string(postfach.Bescheid):             {"Bescheid", "Decision (Bescheid)"},
	"kind." + string(postfach.Nachforderung):        {"Nachforderung", "Request for documents"},
	"kind." + string(postfach.Zahlungsaufforderung): {"Zahlungsaufforderung", "Payment request"},
	"kind." + string(postfach.Statusmeldung):        {"Statusmeldung", "Status update"},

	"state.unread":         {"ungelesen", "unread"},
	"state.read":           {"gelesen", "read"},
	"state.bekanntgegeben": {"bekannt gegeben", "notified"},
	"state.not_retrieved":  {"nicht abgerufen, Bereitstellung beendet", "not retrieved, provision ended"},
	"state.archived":       {"archiviert", "archived"},

	"level.1": {"Basisregistrierung", "basic registration"},
	"level.2": {"normal", "normal"},
	"level.3": {"substanziell", "substantial"},
	"level.4": {"hoch", "high"},

	"status." + string(postfach.Initiated):      {postfach.StatusTexts[postfach.Initiated], "Application started"},
	"status." + string(postfach.Submitted):      {postfach.StatusTexts[postfach.Submitted], "Application sent"},
	"status." + string(postfach.Received):       {postfach.StatusTexts[postfach.Received], "Application received"},
	"status." + string(postfach.Processing):     {postfach.StatusTexts[postfach.Processing], "Being processed"},
	"status." + string(postfach.ActionRequired): {postfach.StatusTexts[postfach.ActionRequired], "Action required"},
	"status." + string(postfach.Completed):      {postfach.StatusTexts[postfach.Completed], "Completed"},

	"unread.0": {"keine ungelesenen Nachrichten", "no unread messages"},
	"unread.1": {"1 ungelesene Nachricht", "1 unread message"},
	"unread.n": {"%d ungelesene Nachrichten", "%d unread messages"},
}
