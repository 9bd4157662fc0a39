package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/studioflow/studioflow/engine"
	"github.com/studioflow/studioflow/model/environments"
	"github.com/studioflow/studioflow/schemas"
	"github.com/studioflow/studioflow/studio/restapi"
	"github.com/studioflow/studioflow/studio/sessions"
	"github.com/studioflow/studioflow/studio/workspace"
)

const defaultServeAddr = "127.0.0.1:4280"

// runServe serves the Studio REST API v2 from a workspace until interrupted.
func runServe(e env, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, e, args, nil)
}

// serve runs the server until ctx ends; ready, when not nil, gets the
// address it listens on.
func serve(ctx context.Context, e env, args []string, ready chan<- string) int {
	staysUp()
	fs := newFlagSet("serve", e.stderr)
	addr := fs.String("addr", defaultServeAddr, "address to listen on (loopback unless you name another interface)")
	dir := fs.String("workspace", "", "workspace folder (default: studioflow/workspace under the user config directory)")
	publicURL := fs.String("public-url", "", "scheme and host to put in url, links and webhook_url (default: the host each request names)")
	quiet := fs.Bool("quiet", false, "do not log each request")
	envName := fs.String("env", "", "substitute environment `ENV`'s values (environments/ENV.yaml beside the workspace or above it, or in the current folder; or a values file) into flows before they run")
	_, ok := parseFlags(fs, args, 0, 0)
	if !ok {
		return exitBadInput
	}
	if *dir == "" {
		d, err := workspace.DefaultDir()
		if err != nil {
			fmt.Fprintln(e.stderr, "studioflow serve:", err)
			return exitBadInput
		}
		*dir = d
	}
	values, err := environments.ResolveFrom(*dir, *envName)
	if err != nil {
		fmt.Fprintln(e.stderr, "studioflow serve:", err)
		return exitBadInput
	}
	if err := runServer(ctx, e, serverOptions{addr: *addr, dir: *dir, publicURL: *publicURL, quiet: *quiet, values: values}, ready); err != nil {
		fmt.Fprintln(e.stderr, "studioflow serve:", err)
		return exitBadInput
	}
	return exitOK
}

// serverOptions are serve's settings.
type serverOptions struct {
	addr, dir, publicURL string
	quiet                bool
	values               *environments.Values // the environment flows run with, or nil
}

func runServer(ctx context.Context, e env, o serverOptions, ready chan<- string) error {
	addr, dir, publicURL, quiet := o.addr, o.dir, o.publicURL, o.quiet
	store, err := workspace.Open(dir, workspace.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	account, token, generated, err := serverCredentials(store.AccountSID())
	if err != nil {
		return err
	}
	cat, err := schemas.Load()
	if err != nil {
		return fmt.Errorf("load the widget schemas: %w", err)
	}
	validator, err := schemas.NewValidator(cat)
	if err != nil {
		return fmt.Errorf("prepare the validator: %w", err)
	}
	// A Run Subflow widget must name a flow of the workspace, as it must to run.
	validator = validator.WithSubflows(func(sid string) error { _, err := store.FlowInfo(sid); return err })
	mgr, err := sessions.New(store, sessions.Config{Engine: engine.Config{Catalog: cat}, AccountSID: account, Values: o.values})
	if err != nil {
		return err
	}
	cfg := restapi.Config{Store: store, Sessions: mgr, Validator: validator, AccountSID: account, AuthToken: token, PublicURL: publicURL}
	if !quiet {
		logger := log.New(e.stderr, "", log.LstdFlags)
		cfg.Logf = logger.Printf
	}
	api, err := restapi.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "Studio REST API v2 at %s (workspace %s)\n", base, dir)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(e.stderr, "warning: listening on %s, reachable beyond this machine\n", ln.Addr())
	}
	if generated {
		fmt.Fprintf(e.stdout, "Credentials for this run (not stored anywhere):\n  TWILIO_ACCOUNT_SID=%s\n  TWILIO_AUTH_TOKEN=%s\n", account, token)
	} else {
		fmt.Fprintf(e.stdout, "Credentials: account %s and the auth token from TWILIO_AUTH_TOKEN\n", account)
	}
	if o.values != nil {
		fmt.Fprintf(e.stdout, "Environment %s (%s) substituted into flows as they run\n", o.values.Name, o.values.Path)
	}
	fmt.Fprintf(e.stdout, "Webhook for a flow: %s/v1/Accounts/%s/Flows/FW…\n", base, account)
	// No WriteTimeout: the events stream stays open while an execution runs.
	srv := &http.Server{Handler: api, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if ready != nil {
		ready <- ln.Addr().String()
	}
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// serverCredentials takes TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN from the
// environment, or makes a token for this run with the workspace's account.
func serverCredentials(workspaceAccount string) (account, token string, generated bool, err error) {
	account, token = os.Getenv("TWILIO_ACCOUNT_SID"), os.Getenv("TWILIO_AUTH_TOKEN")
	switch {
	case account != "" && token != "":
		return account, token, false, nil
	case account != "" || token != "":
		return "", "", false, errors.New("set both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or neither to have a token made for this run")
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", false, fmt.Errorf("make an auth token: %w", err)
	}
	return workspaceAccount, hex.EncodeToString(b[:]), true, nil
}
