// The sample config.toml files of InfluxData's influxctl reference pages
// (Cloud Dedicated and Clustered), with their placeholders, for the unit tests.
// The Clustered one ends its profile with an uncommented [profile.auth.oauth2].

export const DEDICATED_SAMPLE = `## influxctl - example configuration

[[profile]]
    ## Profile name
    ## Users can define multiple profile sections and reference them via the
    ## \`--profile {name}\` global option. By default, the profile named
    ## "default" is loaded and used.
    name = "PROFILE_NAME"

    ## Product type
    ## Choose from "clustered" or "dedicated"
    product = "dedicated"

    ## Host and port
    ## InfluxDB hostname/IP address and port. Used for query and write subcommands.
    ## Required for InfluxDB Clustered.
    host = "{{< influxdb/host >}}"
    # port = "443"

    ## Database and token
    ## Used for the query and write subcommands
    # database = ""
    # token = ""

    ### Dedicated Specific Options ###
    ## Account ID and cluster ID
    account_id = "ACCOUNT_ID"
    cluster_id = "CLUSTER_ID"

    ## Custom client-side TLS certs
    ## By default, the system certificates are used. If a custom certificate
    ## for connecting to InfluxDB is required, define it below.
    # [profile.tls]
        # insecure = false
        # cert = ""
        # key = ""
        # ca = ""

    ## OAuth2 client authorization settings
    # [profile.auth.oauth2]
        # client_id = ""
        # scopes = [""]
        # parameters = { audience = "" }
        # token_url = "https://indentityprovider/oauth2/v2/token"
`;

export const CLUSTERED_SAMPLE = `## influxctl - example configuration

[[profile]]
    ## Profile name
    ## Users can define multiple profile sections and reference them via the
    ## \`--profile {name}\` global option. By default, the profile named
    ## "default" is loaded and used.
    name = "PROFILE_NAME"

    ## Product type
    ## Choose from "clustered" or "dedicated"
    product = "clustered"

    ## Host and port
    ## InfluxDB hostname/IP address and port.
    ## Required for InfluxDB Clustered.
    host = "{{< influxdb/host >}}"
    port = "INFLUXDB_PORT"

    ## Database and token
    ## Used for the query and write subcommands
    # database = ""
    # token = ""

    ### Dedicated Specific Options ###
    ## Account ID and cluster ID
    # account_id = ""
    # cluster_id = ""

    ## Custom client-side TLS certs
    ## By default, the system certificates are used. If a custom certificate
    ## for connecting to InfluxDB is required, define it below.
    # [profile.tls]
        ## When true, \`insecure\` influxctl configures HTTPS clients to not
        ## verify server certificates. Use this if you are connecting to a
        ## TLS endpoint with invalid (expired, self-signed, etc) server
        ## certificates.
        # insecure = false
        ## When true, \`disable\` causes influxctl to use HTTP rather than HTTPS
        ## client. Use this if you don't have an ingress controller configured
        ## to terminate TLS connections. InfluxDB 3 components themselves do
        ## not terminate TLS.
        # disable = false
        # cert = ""
        # key = ""
        # ca = ""

    ## OAuth2 client authorization settings
    [profile.auth.oauth2]
        client_id = "OAUTH_CLIENT_ID"
        scopes = [""]
        parameters = { audience = "" }
        token_url = "OAUTH_TOKEN_URL"
        device_url = "OAUTH_DEVICE_URL"
`;

/** A sample with its placeholders replaced by plausible values. */
export function filled(sample: string): string {
  return sample
    .replace('"PROFILE_NAME"', '"default"')
    .replace('"ACCOUNT_ID"', '"0b8fbb2a-8f7b-4a1c-9d6e-2f1e4c3b5a69"')
    .replace('"CLUSTER_ID"', '"5c3e8a1f-7d2b-4e6a-b9c0-1f2e3d4c5b6a"')
    .replace('"{{< influxdb/host >}}"', sample === DEDICATED_SAMPLE ? '"cluster-id.a.influxdb.io"' : '"influxdb.example.com"')
    .replace('"INFLUXDB_PORT"', '"8443"')
    .replace('"OAUTH_CLIENT_ID"', '"influxctl"')
    .replace('"OAUTH_TOKEN_URL"', '"https://login.example.com/oauth2/v2.0/token"')
    .replace('"OAUTH_DEVICE_URL"', '"https://login.example.com/oauth2/v2.0/devicecode"');
}
