// Conformance scenarios: CTyun's official Go SDK (github.com/ctyun-it/ctyun-sdk-go, per-service modules)
// against the emulator. The SDK is used as published, configured only through its own API: endpoints
// registered with CtyunClient.RegisterEndpoint, and an http.Client (CtyunClientConfig.Client) whose
// transport sends the SDK's https:// URLs to the emulator over plain http (the SDK hard-codes the
// scheme in ctyun-sdk-core request.go buildRequest). Nothing else is changed.
//
// Usage: conformance HOST:PORT ACCESS_KEY SECRET_KEY REGION_ID RESULTS_FILE
// Every SDK call becomes one JSON line in RESULTS_FILE.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
	// The SDK signs with time.Now() in the local zone (TZ=Asia/Shanghai, as the gateway wants Beijing
	// time): the zone database is embedded so that works on hosts without /usr/share/zoneinfo.
	_ "time/tzdata"

	ctyunsdk "github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-core"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctebs"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctecs"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctimage"
	"github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctvpc"
)

const rsaPublicKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC2ilaEXpW6DUg0nU/zVbYnMPLiPM5f98knUX715NaqHd/KMrt/2/SehF5B882926eaGn9Ub5eol" +
	"JRJxubwxTvFA/cW5+sX3jQRqSQf326uJy1oIjeKAZLOV2F4R575WU2PTi4tDS0xoDd197kH/kicfCq/6UuNgkXOVn95tsJ1aJV2cyq/4tDP/vVam" +
	"kwD+AWZXWpzbd6bxIo4WA0oN/iupp4kYek7kmQm1Iw6u3Mj91rCMBaUHgn59Odj+aQWHH5sBP2etMtOBWwyIlk4mK2CibVBxCNz9fAfLq03uKsAj" +
	"gSES0XEnEtEKSCvLSZecgHqaIrrEasZ1gklB8J/J+Md test@example"

// plainHTTP sends the SDK's requests to the emulator over http: only the URL scheme changes.
type plainHTTP struct{}

func (plainHTTP) RoundTrip(request *http.Request) (*http.Response, error) {
	clone := request.Clone(request.Context())
	clone.URL.Scheme = "http"
	return http.DefaultTransport.RoundTrip(clone)
}

type result struct {
	Client   string   `json:"client"`
	Package  string   `json:"package"`
	Function string   `json:"function"`
	Method   string   `json:"method"`
	Path     string   `json:"path"`
	Scenario string   `json:"scenario"`
	Note     string   `json:"note"`
	OK       bool     `json:"ok"`
	Problems []string `json:"problems"`
}

type run struct {
	out       *json.Encoder
	scenario  string
	failed    int
	emulator  string
	credential ctyunsdk.Credential
	ctx       context.Context
}

// stepFailed ends a scenario (later scenarios still run).
type stepFailed struct{ message string }

// record writes one result line; a failing step panics with stepFailed to end its scenario.
func (r *run) record(pkg, function string, builder ctyunsdk.CtyunRequestBuilder, note string, err error, expect []string) {
	problems := []string{}
	switch {
	case expect == nil && err != nil:
		problems = append(problems, fmt.Sprintf("expected success, got %s: %s", codeOf(err), err.Error()))
	case expect != nil && err == nil:
		problems = append(problems, fmt.Sprintf("expected one of %v, got success", expect))
	case expect != nil && !contains(expect, codeOf(err)):
		problems = append(problems, fmt.Sprintf("expected one of %v, got %s: %s", expect, codeOf(err), err.Error()))
	}
	line := result{Client: "go-sdk", Package: pkg, Function: function, Method: builder.Method, Path: builder.UrlPath, Scenario: r.scenario, Note: note, OK: len(problems) == 0, Problems: problems}
	_ = r.out.Encode(line)
	if len(problems) > 0 {
		r.failed++
		panic(stepFailed{strings.Join(problems, "; ")})
	}
}

func codeOf(err error) string {
	if err == nil {
		return ""
	}
	if requestError, ok := err.(ctyunsdk.CtyunRequestError); ok {
		return requestError.ErrorCode()
	}
	return "(transport)"
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}

func (r *run) scenarioRun(name string, body func()) {
	r.scenario = name
	defer func() {
		if recovered := recover(); recovered != nil {
			if _, ok := recovered.(stepFailed); ok {
				return
			}
			r.failed++
			_ = r.out.Encode(result{Client: "go-sdk", Scenario: name, Problems: []string{fmt.Sprint(recovered)}})
		}
	}()
	body()
}

// control calls the emulator's unsigned test-only control plane.
func (r *run) control(method, path string, body interface{}) map[string]interface{} {
	var reader io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		reader = bytes.NewReader(data)
	}
	request, _ := http.NewRequest(method, "http://"+r.emulator+path, reader)
	request.Header.Set("Content-Type", "application/json")
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		panic(err)
	}
	defer response.Body.Close()
	out := map[string]interface{}{}
	_ = json.NewDecoder(response.Body).Decode(&out)
	return out
}

func (r *run) unknownCodes(situation string) []string {
	situations := r.control("GET", "/_emulator/unknown-codes", nil)["situations"].(map[string]interface{})
	codes := []string{}
	for _, code := range situations[situation].([]interface{}) {
		codes = append(codes, code.(string))
	}
	return codes
}

func waitFor(what string, check func() bool) {
	deadline := time.Now().Add(20 * time.Second)
	for !check() {
		if time.Now().After(deadline) {
			panic(stepFailed{"timed out waiting for " + what})
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func s(value string) *string { return &value }
func i(value int) *int       { return &value }
func b(value bool) *bool     { return &value }

var tokens = 0

func token() string {
	tokens++
	return fmt.Sprintf("go-sdk-%d-%d", time.Now().UnixNano(), tokens)
}

func main() {
	host, ak, sk, region, resultsPath := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	file, err := os.Create(resultsPath)
	if err != nil {
		panic(err)
	}
	defer file.Close()
	credential, err := ctyunsdk.NewCredential(ak, sk)
	if err != nil {
		panic(err)
	}
	client, _ := ctyunsdk.NewCtyunClient(ctyunsdk.EnvironmentProd, &ctyunsdk.CtyunClientConfig{
		Client:    &http.Client{Transport: plainHTTP{}, Timeout: 10 * time.Second},
		HttpHooks: []ctyunsdk.HttpHook{ctyunsdk.AddUserAgentHttpHook{}},
	})
	apis := sdk{
		vpc:   ctvpc.NewApis(client),
		ecs:   ctecs.NewApis(client),
		ebs:   ctebs.NewApis(client),
		image: ctimage.NewApis(client),
	}
	// NewApis registered CTyun's production hosts; point every service at the emulator.
	for _, name := range []ctyunsdk.EndpointName{ctvpc.EndpointNameCtvpc, ctecs.EndpointNameCtecs, ctebs.EndpointNameCtebs, ctimage.EndpointNameCtimage} {
		client.RegisterEndpoint(ctyunsdk.EnvironmentProd, ctyunsdk.Endpoint{EndpointName: name, Url: host})
	}
	r := &run{out: json.NewEncoder(file), emulator: host, credential: *credential, ctx: context.Background()}
	r.control("POST", "/_emulator/reset", nil)
	env := map[string]string{}
	r.scenarioRun("catalog", func() { catalog(r, apis, region, env) })
	r.scenarioRun("network", func() { network(r, apis, region, env) })
	r.scenarioRun("ecs-security-groups", func() { ecsSecurityGroups(r, apis, region, env) })
	r.scenarioRun("key-pairs", func() { keyPairs(r, apis, region, env) })
	r.scenarioRun("instance", func() { instance(r, apis, region, env) })
	r.scenarioRun("public-ip", func() { publicIP(r, apis, region, env) })
	r.scenarioRun("disks", func() { disks(r, apis, region, env) })
	r.scenarioRun("teardown", func() { teardown(r, apis, region, env) })
	if r.failed > 0 {
		os.Exit(1)
	}
}

type sdk struct {
	vpc   *ctvpc.Apis
	ecs   *ctecs.Apis
	ebs   *ctebs.Apis
	image *ctimage.Apis
}
