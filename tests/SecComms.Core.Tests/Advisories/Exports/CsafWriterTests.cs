using System.Text.Json.Nodes;
using SecComms.Core.Advisories.Exports;

namespace SecComms.Core.Tests.Advisories.Exports;

public sealed class CsafWriterTests
{
    private static readonly CsafWriter Writer = new(Samples.Publisher);

    [Fact]
    public void A_published_advisory_is_final_clear_and_carries_its_revision_history()
    {
        var document = Writer.Write(Samples.Published())["document"]!;

        Assert.Equal("csaf_security_advisory", (string?)document["category"]);
        Assert.Equal("2.0", (string?)document["csaf_version"]);
        Assert.Equal("SC-12", (string?)document["tracking"]!["id"]);
        Assert.Equal("final", (string?)document["tracking"]!["status"]);
        Assert.Equal("2.0.0", (string?)document["tracking"]!["version"]);
        Assert.Equal(["1.0.0", "2.0.0"], Strings(document["tracking"]!["revision_history"]!, "number"));
        Assert.Equal(["Initial publication", "Added the 18.4 line to the affected versions"], Strings(document["tracking"]!["revision_history"]!, "summary"));
        Assert.Equal("2026-11-25T14:00:00Z", (string?)document["tracking"]!["initial_release_date"]);
        Assert.Equal("2026-11-27T14:00:00Z", (string?)document["tracking"]!["current_release_date"]);
        Assert.Equal("SecComms", (string?)document["tracking"]!["generator"]!["engine"]!["name"]);
        Assert.Equal("WHITE", (string?)document["distribution"]!["tlp"]!["label"]);
        Assert.StartsWith("TLP:CLEAR", (string?)document["distribution"]!["text"], StringComparison.Ordinal);
        Assert.Equal("Example Corp", (string?)document["publisher"]!["name"]);
        Assert.Equal("vendor", (string?)document["publisher"]!["category"]);
        Assert.Equal("https://example.com/", (string?)document["publisher"]!["namespace"]);
        Assert.Equal(["summary", "details"], Strings(document["notes"]!, "category"));
        Assert.Equal("Medium", (string?)document["aggregate_severity"]!["text"]);
        Assert.Equal("https://example.com/advisories/SC-12", (string?)document["references"]![0]!["url"]);
    }

    [Fact]
    public void A_draft_is_a_pre_release_of_its_next_revision_and_stays_within_the_publisher()
    {
        var document = Writer.Write(Samples.Draft())["document"]!;

        Assert.Equal("draft", (string?)document["tracking"]!["status"]);
        Assert.Equal("1.0.0-draft", (string?)document["tracking"]!["version"]);
        Assert.Equal(["1.0.0"], Strings(document["tracking"]!["revision_history"]!, "number"));
        Assert.Equal("AMBER", (string?)document["distribution"]!["tlp"]!["label"]);
        Assert.Contains("TLP:AMBER+STRICT", (string?)document["distribution"]!["text"], StringComparison.Ordinal);
        Assert.Null(document["references"]);
    }

    [Fact]
    public void Affected_ranges_become_version_ranges_and_fixed_versions_product_versions_with_their_status()
    {
        var csaf = Writer.Write(Samples.Published(Samples.Xss, Samples.Rce));
        var product = csaf["product_tree"]!["branches"]![0]!;
        Assert.Equal("Example Corp", (string?)product["name"]);
        var versions = product["branches"]![0]!["branches"]!.AsArray();
        Assert.Equal("Example Platform", (string?)product["branches"]![0]!["name"]);

        Assert.Equal(
            [
                "product_version_range vers:semver/>=16.0.0|<18.2.9",
                "product_version_range vers:semver/>=18.3.0|<18.3.5",
                "product_version_range vers:semver/>=18.4.0|<18.4.2",
                "product_version 18.2.9",
                "product_version 18.3.5",
                "product_version 18.4.2",
                "product_version_range vers:semver/<18.2.9",
            ],
            versions.Select(v => $"{v!["category"]} {v["name"]}"));
        var ids = versions.ToDictionary(v => (string)v!["name"]!, v => (string)v!["product"]!["product_id"]!);

        var xss = csaf["vulnerabilities"]![0]!;
        Assert.Equal([ids["vers:semver/>=16.0.0|<18.2.9"], ids["vers:semver/>=18.3.0|<18.3.5"], ids["vers:semver/>=18.4.0|<18.4.2"]], Strings(xss["product_status"]!["known_affected"]!));
        Assert.Equal([ids["18.2.9"], ids["18.3.5"], ids["18.4.2"]], Strings(xss["product_status"]!["fixed"]!));
        var rce = csaf["vulnerabilities"]![1]!;
        Assert.Equal([ids["vers:semver/<18.2.9"]], Strings(rce["product_status"]!["known_affected"]!));
        Assert.Equal([ids["18.2.9"]], Strings(rce["product_status"]!["fixed"]!));

        var remediation = xss["remediations"]![0]!;
        Assert.Equal("vendor_fix", (string?)remediation["category"]);
        Assert.Equal("Upgrade Example Platform to 18.2.9, 18.3.5, or 18.4.2, or a later version.", (string?)remediation["details"]);
        Assert.Equal("https://example.com/advisories/SC-12", (string?)remediation["url"]);
        Assert.Equal("2026-11-25T14:00:00Z", (string?)remediation["date"]);
    }

    [Fact]
    public void A_vulnerability_carries_its_CVE_CWE_full_CVSS_3_1_object_and_the_4_0_vector_in_a_note()
    {
        var vulnerability = Writer.Write(Samples.Published())["vulnerabilities"]![0]!;

        Assert.Equal("CVE-2026-12345", (string?)vulnerability["cve"]);
        Assert.Equal("CWE-79", (string?)vulnerability["cwe"]!["id"]);
        Assert.Equal("Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", (string?)vulnerability["cwe"]!["name"]);
        var cvss = vulnerability["scores"]![0]!["cvss_v3"]!;
        Assert.Equal("3.1", (string?)cvss["version"]);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", (string?)cvss["vectorString"]);
        Assert.Equal(6.1, (double)cvss["baseScore"]!);
        Assert.Equal("MEDIUM", (string?)cvss["baseSeverity"]);
        Assert.Equal(
            ["NETWORK", "LOW", "NONE", "REQUIRED", "CHANGED", "LOW", "LOW", "NONE"],
            new[] { "attackVector", "attackComplexity", "privilegesRequired", "userInteraction", "scope", "confidentialityImpact", "integrityImpact", "availabilityImpact" }
                .Select(name => (string?)cvss[name]));
        var note = vulnerability["notes"]!.AsArray().Single(n => (string?)n!["title"] == "CVSS v4.0")!;
        Assert.Equal("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N (base score 5.1, Medium)", (string?)note["text"]);
        Assert.Equal("Stored XSS in issue descriptions", (string?)vulnerability["title"]);
        Assert.Equal("https://gitlab.example.com/example/platform/-/issues/4711", (string?)vulnerability["references"]![0]!["url"]);
    }

    [Fact]
    public void A_CWE_outside_the_catalogue_is_left_out_and_named_in_a_note()
    {
        var vulnerability = Writer.Write(Samples.Published(Samples.Xss with { CweId = "CWE-99999" }))["vulnerabilities"]![0]!;

        Assert.Null(vulnerability["cwe"]);
        Assert.Contains(vulnerability["notes"]!.AsArray(), n => ((string?)n!["text"])!.StartsWith("CWE-99999", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_CVE_id_or_CVSS_3_1_score_those_members_are_left_out()
    {
        var vulnerability = Writer.Write(Samples.Draft(Samples.Xss with { CveId = null, Cvss31 = null }))["vulnerabilities"]![0]!;

        Assert.Null(vulnerability["cve"]);
        Assert.Null(vulnerability["scores"]);
        Assert.Contains(vulnerability["notes"]!.AsArray(), n => (string?)n!["title"] == "CVSS v4.0");
    }

    [Fact]
    public void Every_credit_is_acknowledged_with_what_it_is_for()
    {
        var acknowledgments = Writer.Write(Samples.Published())["vulnerabilities"]![0]!["acknowledgments"]!.AsArray();

        Assert.Equal(8, acknowledgments.Count);
        Assert.Equal("joaxcar reported this vulnerability through the HackerOne bug bounty program.", (string?)acknowledgments[0]!["summary"]);
        Assert.Equal("https://hackerone.com/joaxcar", (string?)acknowledgments[0]!["urls"]![0]);
        Assert.Equal("Acme Bank reported this vulnerability.", (string?)acknowledgments[2]!["summary"]);
        Assert.Null(acknowledgments[2]!["urls"]);
        Assert.Equal("Example Corp AppSec team found this vulnerability.", (string?)acknowledgments[4]!["summary"]);
        Assert.Equal("Example Corp", (string?)acknowledgments[4]!["organization"]);
        Assert.Equal("Thanks to Jane Doe.", (string?)acknowledgments[6]!["summary"]);
    }

    [Fact]
    public void The_catalogue_holds_the_common_weaknesses()
    {
        Assert.True(CweCatalogue.Count >= 150);
        Assert.Equal("Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')", CweCatalogue.NameOf("CWE-89"));
        Assert.Equal("Server-Side Request Forgery (SSRF)", CweCatalogue.NameOf("CWE-918"));
        Assert.Null(CweCatalogue.NameOf("CWE-99999"));
    }

    private static List<string?> Strings(JsonNode array, string? member = null) =>
        [.. array.AsArray().Select(item => member is null ? (string?)item : (string?)item![member])];
}
