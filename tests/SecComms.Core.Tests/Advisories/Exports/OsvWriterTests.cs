using SecComms.Core.Advisories.Exports;

using SecComms.Testing.Advisories;

namespace SecComms.Core.Tests.Advisories.Exports;

public sealed class OsvWriterTests
{
    [Fact]
    public void A_record_carries_the_CVE_alias_vectors_ranges_references_and_credits()
    {
        var record = new OsvWriter(Samples.Publisher).Write(Samples.Published()).Single();

        Assert.Equal("x_SC-12", (string?)record["id"]);
        Assert.Equal("2026-11-27T14:00:00Z", (string?)record["modified"]);
        Assert.Equal("2026-11-25T14:00:00Z", (string?)record["published"]);
        Assert.Equal("CVE-2026-12345", (string?)record["aliases"]![0]);
        Assert.Equal("Stored XSS in issue descriptions", (string?)record["summary"]);
        Assert.Equal(
            ["CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "CVSS_V4 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N"],
            record["severity"]!.AsArray().Select(s => $"{s!["type"]} {s["score"]}"));
        var affected = record["affected"]![0]!;
        Assert.Null(affected["package"]);
        Assert.Equal(
            ["SEMVER 16.0.0..18.2.9", "SEMVER 18.3.0..18.3.5", "SEMVER 18.4.0..18.4.2"],
            affected["ranges"]!.AsArray().Select(r => $"{r!["type"]} {r["events"]![0]!["introduced"]}..{r["events"]![1]!["fixed"]}"));
        Assert.Equal(
            ["ADVISORY https://example.com/advisories/SC-12", "WEB https://gitlab.example.com/example/platform/-/issues/4711"],
            record["references"]!.AsArray().Select(r => $"{r!["type"]} {r["url"]}"));
        Assert.Equal(
            ["joaxcar FINDER", "yvvdwf FINDER", "Acme Bank REPORTER", "Globex REPORTER", "Example Corp AppSec team FINDER", "Example Corp Red Team FINDER", "Jane Doe OTHER", "Open Source Security Foundation OTHER"],
            record["credits"]!.AsArray().Select(c => $"{c!["name"]} {c["type"]}"));
        Assert.Equal("https://hackerone.com/joaxcar", (string?)record["credits"]![0]!["contact"]![0]);
        Assert.Equal("CWE-79", (string?)record["database_specific"]!["cwe_ids"]![0]);
        Assert.Equal("Medium", (string?)record["database_specific"]!["severity"]);
    }

    [Fact]
    public void An_advisory_with_several_vulnerabilities_gives_one_related_record_each()
    {
        var records = new OsvWriter(Samples.Publisher).Write(Samples.Published(Samples.Xss, Samples.Rce));

        Assert.Equal(["x_SC-12-1", "x_SC-12-2"], records.Select(r => (string?)r["id"]));
        Assert.Equal("x_SC-12-2", (string?)records[0]["related"]![0]);
        Assert.Equal("x_SC-12-1", (string?)records[1]["related"]![0]);
        Assert.Equal("0", (string?)records[1]["affected"]![0]!["ranges"]![0]!["events"]![0]!["introduced"]);
    }

    [Fact]
    public void A_draft_has_no_published_time_and_a_vulnerability_without_CVE_no_alias()
    {
        var record = new OsvWriter(Samples.Publisher).Write(Samples.Draft(Samples.Xss with { CveId = null, Cvss40 = null })).Single();

        Assert.Null(record["published"]);
        Assert.Null(record["aliases"]);
        Assert.Equal("CVSS_V3", (string?)Assert.Single(record["severity"]!.AsArray())!["type"]);
    }

    [Fact]
    public void A_configured_ecosystem_names_the_package_and_other_versions_use_ecosystem_ranges()
    {
        var publisher = new AdvisoryPublisherOptions { OsvIdPrefix = "x_EXAMPLE-", OsvEcosystem = "npm", OsvPackage = "@example/platform" };
        var record = new OsvWriter(publisher).Write(Samples.Published(Samples.Rce with { Affected = [new("2024.1", "2024.3r2")] })).Single();

        Assert.Equal("x_EXAMPLE-SC-12", (string?)record["id"]);
        Assert.Equal("npm", (string?)record["affected"]![0]!["package"]!["ecosystem"]);
        Assert.Equal("@example/platform", (string?)record["affected"]![0]!["package"]!["name"]);
        Assert.Equal("ECOSYSTEM", (string?)record["affected"]![0]!["ranges"]![0]!["type"]);
        Assert.Empty(ExportValidators.OsvProblems(record));
    }
}
