module pulumi-ctyun/conformance

go 1.21

require (
	github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-core v1.0.4
	github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctebs v1.0.4
	github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctecs v1.0.8
	github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctimage v1.0.4
	github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctvpc v1.0.4
)

require github.com/google/uuid v1.6.0 // indirect
