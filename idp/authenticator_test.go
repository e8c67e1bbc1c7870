package idp_test

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"mvnk/idp"
)

// testAuth is the test-only login step: a cookie stands for a logged-in
// browser; without one (or when prompt=login asks for a fresh login) it
// sends the browser to /test/login, which logs in and resumes.
type testAuth struct {
	subject string
	acr     string // the level logins prove; "" is STORK-QAA-Level-3
	logins  atomic.Int32
	last    atomic.Pointer[idp.LoginRequest]
}

const loginCookie = "test_login"

func (a *testAuth) Authenticate(w http.ResponseWriter, r *http.Request, req idp.LoginRequest) (*idp.Authentication, bool) {
	a.last.Store(&req)
	if auth := a.session(r, req); auth != nil {
		return auth, true
	}
	if !req.Interactive {
		return nil, false
	}
	http.Redirect(w, r, "/test/login?resume="+url.QueryEscape(req.ResumeURL), http.StatusFound)
	return nil, false
}

func (a *testAuth) session(r *http.Request, req idp.LoginRequest) *idp.Authentication {
	c, err := r.Cookie(loginCookie)
	if err != nil {
		return nil
	}
	nanos, _ := strconv.ParseInt(c.Value, 10, 64)
	authTime := time.Unix(0, nanos)
	if slices.Contains(req.Prompt, "login") && authTime.Before(req.RequestedAt) {
		return nil
	}
	return &idp.Authentication{
		Subject: a.subject, AuthTime: authTime, ACR: cmp.Or(a.acr, "STORK-QAA-Level-3"),
		AMR: []string{"pwd", "otp"}, SessionID: "sid-" + c.Value,
	}
}

func (a *testAuth) login(w http.ResponseWriter, r *http.Request) {
	a.logins.Add(1)
	http.SetCookie(w, &http.Cookie{Name: loginCookie, Value: strconv.FormatInt(time.Now().UnixNano(), 10), Path: "/"})
	http.Redirect(w, r, r.URL.Query().Get("resume"), http.StatusFound)
}
