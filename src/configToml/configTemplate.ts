/** The first lines of a config.toml the extension creates: what the file is, and where its reference is. */
export const CONFIG_HEADER = `## influxctl - connection profiles
## Reference: https://docs.influxdata.com/influxdb3/cloud-dedicated/reference/cli/influxctl/#configure-connection-profiles
`;

/** The commented config.toml created for a user who has none (influxctl's own sample, shortened). */
export const CONFIG_TEMPLATE = `${CONFIG_HEADER}
[[profile]]
    ## Profile name, selected with --profile; "default" is used when none is given.
    name = "default"

    ## Product type: "dedicated" (InfluxDB Cloud Dedicated) or "clustered" (InfluxDB Clustered)
    product = "dedicated"

    ## Cloud Dedicated: your account and cluster IDs
    account_id = "ACCOUNT_ID"
    cluster_id = "CLUSTER_ID"

    ## Clustered: the cluster's host and port (and product = "clustered")
    # host = "cluster-host.com"
    # port = "443"

    ## A management token for automation (the InfluxDB Tokens view can set it)
    # mgmt_token = ""

    ## Custom TLS settings
    # [profile.tls]
    #     insecure = false
    #     disable = false
    #     ca = ""
`;
