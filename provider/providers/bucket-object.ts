/**
 * The provider object of every `BucketObject`, as this module's whole export: Pulumi serializes a
 * provider that is a module of an installed package as `require("pulumi-ctyun/providers/bucket-object")`,
 * so each resource's state holds that line instead of the provider's code. Never rename this file.
 */
import { providerFor } from "../resources/shim";

export = providerFor("BucketObject");
