package mail_test

import (
	"crypto/tls"
	"encoding/base64"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeSMTP is a small SMTP server (RFC 5321) on a local port: EHLO,
// STARTTLS (RFC 3207), AUTH PLAIN (RFC 4954), MAIL, RCPT, DATA, QUIT.
// It records what it received.
type fakeSMTP struct {
	t        *testing.T
	addr     string
	tls      *tls.Config // for STARTTLS, or for the whole connection
	implicit bool        // TLS from the first byte (port 465 style)
	noTLS    bool        // do not offer STARTTLS
	user     string      // expected AUTH PLAIN user; "" = no AUTH offered
	pass     string
	rejectTo string // RCPT TO this address gets 550
	hangUp   bool   // close the connection after accepting the data

	mu   sync.Mutex
	ln   net.Listener
	got  []received
	seen []string // every command line, for assertions on the dialogue
}

type received struct {
	From, To string
	Data     string
	TLS      bool
	Authed   bool
}

func (f *fakeSMTP) start() {
	f.t.Helper()
	addr := f.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		f.t.Fatal(err)
	}
	if f.implicit {
		ln = tls.NewListener(ln, f.tls)
	}
	f.mu.Lock()
	f.ln, f.addr = ln, ln.Addr().String()
	f.mu.Unlock()
	go f.serve(ln)
	f.t.Cleanup(f.stop)
}

// stop closes the listener: the server is down, connections are refused.
func (f *fakeSMTP) stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ln != nil {
		f.ln.Close()
		f.ln = nil
	}
}

func (f *fakeSMTP) port() int {
	_, p, _ := net.SplitHostPort(f.addr)
	n, _ := strconv.Atoi(p)
	return n
}

func (f *fakeSMTP) messages() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.got...)
}

func (f *fakeSMTP) commands() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.seen, "\n")
}

func (f *fakeSMTP) serve(ln net.Listener) {
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		go f.session(conn)
	}
}

// session is one SMTP connection.
type session struct {
	f      *fakeSMTP
	conn   net.Conn
	tp     *textproto.Conn
	tls    bool
	authed bool
	msg    received
}

func (f *fakeSMTP) session(conn net.Conn) {
	s := &session{f: f, conn: conn, tp: textproto.NewConn(conn), tls: f.implicit}
	defer s.tp.Close()
	s.reply("220 fake.test ESMTP")
	for {
		line, err := s.tp.ReadLine()
		if err != nil {
			return
		}
		f.mu.Lock()
		f.seen = append(f.seen, line)
		f.mu.Unlock()
		if !s.handle(line) {
			return
		}
	}
}

func (s *session) reply(lines ...string) {
	for _, l := range lines {
		_ = s.tp.PrintfLine("%s", l)
	}
}

// handle answers one command; false ends the session.
func (s *session) handle(line string) bool {
	verb, arg, _ := strings.Cut(line, " ")
	switch strings.ToUpper(verb) {
	case "EHLO":
		s.ehlo()
	case "STARTTLS":
		return s.startTLS()
	case "AUTH":
		s.auth(arg)
	case "MAIL":
		s.msg = received{From: addrOf(arg), TLS: s.tls, Authed: s.authed}
		s.reply("250 OK")
	case "RCPT":
		s.rcpt(addrOf(arg))
	case "DATA":
		s.data()
		return !s.f.hangUp
	case "RSET", "NOOP":
		s.reply("250 OK")
	case "QUIT":
		s.reply("221 bye")
		return false
	default:
		s.reply("502 not implemented")
	}
	return true
}

func (s *session) ehlo() {
	lines := []string{"250-fake.test"}
	if !s.tls && !s.f.noTLS && s.f.tls != nil {
		lines = append(lines, "250-STARTTLS")
	}
	if s.f.user != "" {
		lines = append(lines, "250-AUTH PLAIN")
	}
	s.reply(append(lines, "250 8BITMIME")...)
}

func (s *session) startTLS() bool {
	s.reply("220 go ahead")
	tc := tls.Server(s.conn, s.f.tls)
	if err := tc.Handshake(); err != nil {
		return false
	}
	s.conn, s.tp, s.tls = tc, textproto.NewConn(tc), true
	return true
}

// auth checks AUTH PLAIN with an initial response (RFC 4616 §2).
func (s *session) auth(arg string) {
	mech, resp, _ := strings.Cut(arg, " ")
	raw, err := base64.StdEncoding.DecodeString(resp)
	if strings.ToUpper(mech) != "PLAIN" || err != nil || string(raw) != "\x00"+s.f.user+"\x00"+s.f.pass {
		s.reply("535 5.7.8 authentication failed")
		return
	}
	s.authed = true
	s.reply("235 2.7.0 authenticated")
}

func (s *session) rcpt(to string) {
	if s.f.rejectTo != "" && to == s.f.rejectTo {
		s.reply("550 5.1.1 no such user")
		return
	}
	s.msg.To = to
	s.reply("250 OK")
}

func (s *session) data() {
	s.reply("354 go ahead")
	raw, err := s.readData()
	if err != nil {
		return
	}
	s.msg.Data = raw
	s.f.mu.Lock()
	s.f.got = append(s.f.got, s.msg)
	s.f.mu.Unlock()
	s.reply("250 queued")
}

// readData reads the mail data as sent, CRLF kept, up to the line ".",
// and undoes the dot-stuffing (RFC 5321 §4.5.2).
func (s *session) readData() (string, error) {
	var b strings.Builder
	for {
		line, err := s.tp.R.ReadString('\n')
		if err != nil {
			return "", err
		}
		if line == ".\r\n" {
			return b.String(), nil
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

// addrOf takes the address out of "FROM:<a@b> BODY=8BITMIME".
func addrOf(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}
